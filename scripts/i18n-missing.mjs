#!/usr/bin/env node
// Lists message keys used in src/ (t('…'), messageKey: '…', …Key: '…') that the English catalogue lacks.
// Template keys such as t(`consent.scope.${s}`) are listed with their static prefix for a manual check.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const en = JSON.parse(readFileSync(path.join(root, 'src/platform/i18n/locales/en.json'), 'utf8'));
const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const missing = new Set();
const prefixes = new Set();
for (const f of walk(path.join(root, 'src')).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
  const s = readFileSync(f, 'utf8');
  for (const m of s.matchAll(
    /(?:\bt\(|translate\([^,]+,\s*|[mM]essageKey:\s*|[a-zA-Z]Key:\s*|key:\s*)'([a-z][\w.-]+)'/g,
  ))
    if (!(m[1] in en) && m[1].includes('.')) missing.add(m[1]);
  for (const m of s.matchAll(/\bt\(`([a-z][\w.]+)\.\$\{/g))
    if (!Object.keys(en).some((k) => k.startsWith(m[1] + '.'))) prefixes.add(m[1] + '.*');
}
console.log([...missing, ...prefixes].sort().join('\n'));
