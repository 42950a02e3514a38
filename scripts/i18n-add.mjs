#!/usr/bin/env node
// Adds (or replaces) messages in the six catalogues from one JSON file:
// { "key": { "ar": "…", "en": "…", "es": "…", "fr": "…", "ru": "…", "zh": "…" } }.
// Usage: node scripts/i18n-add.mjs messages.json   — keys keep their order; new keys go at the end.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../src/platform/i18n/locales');
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const locale of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
  const file = path.join(dir, `${locale}.json`);
  const cat = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, msgs] of Object.entries(input)) {
    if (typeof msgs[locale] !== 'string') throw new Error(`${key}: no ${locale} text`);
    cat[key] = msgs[locale];
  }
  writeFileSync(file, JSON.stringify(cat, null, 2) + '\n');
}
console.log(`${Object.keys(input).length} messages in 6 catalogues`);
