#!/usr/bin/env node
// Fails when a source line is longer than 120 characters (Biome formats code to 120 but leaves long strings alone).
// Reference data (src/modules/*/data/), catalogues and generated migrations are exempt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|cjs|js|css)$/.test(f) && !/(^|\/)data\/|\/locales\/|^drizzle\//.test(f));
let over = 0;
for (const f of files) {
  let text;
  try {
    text = readFileSync(f, 'utf8');
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split('\n').forEach((line, i) => {
    if ([...line].length > LIMIT) {
      over++;
      if (over <= 50) console.log(`${f}:${i + 1}: ${[...line].length} characters`);
    }
  });
}
if (over) {
  console.log(`${over} line(s) over ${LIMIT} characters`);
  process.exit(1);
}
