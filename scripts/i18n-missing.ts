// Message keys used in src/ (t('…'), translate(l, '…'), messageKey: '…', …Key: '…', key: '…') that the English
// catalogue lacks, and template keys (t(`consent.scope.${s}`)) whose static prefix starts no key at all.
// test/i18n.test.ts runs it (a missing key fails `npm test`); `node scripts/i18n-missing.ts` prints the list.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

/** The missing keys (and `prefix.*` for template prefixes with no key), sorted. */
export function missingMessageKeys(root = ROOT): string[] {
  const en = JSON.parse(readFileSync(path.join(root, 'src/platform/i18n/locales/en.json'), 'utf8')) as Record<
    string,
    string
  >;
  const keys = Object.keys(en);
  const missing = new Set<string>();
  for (const f of walk(path.join(root, 'src')).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))) {
    const s = readFileSync(f, 'utf8');
    for (const m of s.matchAll(
      /(?:\bt\(|translate\([^,]+,\s*|[mM]essageKey:\s*|[a-zA-Z]Key:\s*|key:\s*)'([a-z][\w.-]+)'/g,
    ))
      if (!(m[1] in en) && m[1].includes('.')) missing.add(m[1]);
    for (const m of s.matchAll(/\bt\(`([a-z][\w.]+)\.\$\{/g))
      if (!keys.some((k) => k.startsWith(`${m[1]}.`))) missing.add(`${m[1]}.*`);
  }
  return [...missing].sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  console.log(missingMessageKeys().join('\n'));
