#!/usr/bin/env node
// Runs the whole suite: unit and integration tests (node:test through tsx), then the browser journeys.
// `npm test` runs on the embedded database; set TEST_DATABASE_URL=postgres://… to run the integration tests on
// PostgreSQL.
// Usage: node scripts/test.mjs [unit|e2e]   (no argument = everything)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const rel = (p) => path.relative(root, p);
const which = process.argv[2] ?? 'all';
const groups = [];
if (which === 'all' || which === 'unit') {
  groups.push({
    name: 'unit + integration',
    files: [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))]
      .filter((f) => /\.test\.tsx?$/.test(f))
      .map(rel)
      .sort(),
  });
}
if (which === 'all' || which === 'e2e') {
  groups.push({
    name: 'browser journeys',
    files: walk(path.join(root, 'e2e'))
      .filter((f) => /\.test\.ts$/.test(f))
      .map(rel)
      .sort(),
    concurrency: 1,
  });
}
let failed = false;
for (const g of groups) {
  if (!g.files.length) continue;
  console.log(
    `\n=== ${g.name} (${g.files.length} files${process.env.TEST_DATABASE_URL ? ', PostgreSQL' : ', PGlite'}) ===`,
  );
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${g.concurrency ?? 2}`,
    ...g.files,
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test' },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
