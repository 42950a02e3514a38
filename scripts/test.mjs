#!/usr/bin/env node
// Runs the suite: unit and integration tests, then the browser journeys (node:test through tsx), on the current
// database: the embedded one (PGlite), or PostgreSQL when TEST_DATABASE_URL=postgres://… is set.
// Usage: node scripts/test.mjs [all|unit|e2e] [file…]   (no argument = everything; files narrow the group)
//
// Nothing can hang: each test has a time limit (--test-timeout), each file runs in its own process group that is
// killed when it exceeds its limit (the file is named), and the whole run has a limit too. The limits are generous
// (they stop hangs on a loaded 2-core machine, they do not measure speed); in seconds, from the environment:
//   TEST_TIMEOUT       per test (and hook)   default 120 (unit + integration), 600 (browser journeys)
//   TEST_FILE_TIMEOUT  per file              default 900, 1800
//   TEST_RUN_TIMEOUT   the whole run         default 5400
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const rel = (p) => path.relative(root, p);
const seconds = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const fmt = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

const [which = 'all', ...only] = process.argv.slice(2);
if (!['all', 'unit', 'e2e'].includes(which)) {
  console.error(`usage: node scripts/test.mjs [all|unit|e2e] [file…] (not "${which}")`);
  process.exit(2);
}
const pick = (files) =>
  files
    .map(rel)
    .filter((f) => !only.length || only.some((o) => f === o || f.includes(o)))
    .sort();
const groups = [];
if (which === 'all' || which === 'unit')
  groups.push({
    name: 'unit + integration',
    files: pick(
      [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))].filter((f) => /\.test\.tsx?$/.test(f)),
    ),
    concurrency: Math.max(1, seconds('TEST_CONCURRENCY', 2)),
    testTimeout: seconds('TEST_TIMEOUT', 120),
    fileTimeout: seconds('TEST_FILE_TIMEOUT', 900),
  });
if (which === 'all' || which === 'e2e')
  groups.push({
    name: 'browser journeys',
    files: pick(walk(path.join(root, 'e2e')).filter((f) => /\.test\.ts$/.test(f))),
    concurrency: 1,
    testTimeout: seconds('TEST_TIMEOUT', 600),
    fileTimeout: seconds('TEST_FILE_TIMEOUT', 1800),
    e2e: true,
  });

const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const RESULTS = path.join(root, 'test-results');

// The browser journeys need Chromium: say so at once, before anything else runs (the harness says the same).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (groups.some((g) => g.e2e && g.files.length) && !existsSync(chromiumPath)) {
  console.error(
    `Chromium is not at ${chromiumPath}: the browser journeys need it. On Debian: ` +
      'apt-get install -y chromium fonts-noto-cjk fonts-noto-core (see README.md), or set CHROMIUM_PATH. ' +
      '`npm run test:unit` runs the unit and integration tests without it.',
  );
  process.exit(1);
}

const runStarted = Date.now();
const runTimeout = seconds('TEST_RUN_TIMEOUT', 5400) * 1000;
const running = new Set(); // { file, child, killed }
let stopping = null; // why the whole run stops early

/** Kills a file's process group (node --test, the test process, what it started): TERM, then KILL. */
function killGroup(r) {
  if (r.exited) return;
  const signal = (s) => {
    try {
      process.kill(-r.child.pid, s);
    } catch (err) {
      if (err.code !== 'ESRCH') throw err; // already gone
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 5000).unref();
}

function stopAll(why) {
  if (stopping) return;
  stopping = why;
  console.error(`\n✖ ${why}`);
  for (const r of running) {
    console.error(`  killing ${r.file} (running for ${fmt(Date.now() - r.started)})`);
    r.killed = 'the run was stopped';
    killGroup(r);
  }
}
const runWatchdog = setTimeout(
  () => stopAll(`the whole run exceeded ${fmt(runTimeout)} (TEST_RUN_TIMEOUT)`),
  runTimeout - (Date.now() - runStarted),
);
runWatchdog.unref();
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(s, () => {
    stopAll(`${s} received`);
    setTimeout(() => process.exit(130), 6000).unref();
  });

const count = (out, key) => {
  const m = new RegExp(`^ℹ ${key} (\\d+)$`, 'm').exec(stripVTControlCharacters(out));
  return m ? Number(m[1]) : 0;
};

/** Runs one file in its own process group; resolves with its result. `live` streams its output as it comes. */
function runFile(g, file, live) {
  return new Promise((resolve) => {
    const started = Date.now();
    const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${g.testTimeout * 1000}`, file];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so that a hung file can be killed with everything it started
    });
    const r = { file, child, started, killed: null, exited: false, out: '' };
    running.add(r);
    const take = (chunk) => {
      r.out += chunk;
      if (live) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const watchdog = setTimeout(() => {
      r.killed = `did not finish in ${fmt(g.fileTimeout * 1000)} (TEST_FILE_TIMEOUT)`;
      take(`\n✖ ${file} ${r.killed}: killed\n`);
      killGroup(r);
    }, g.fileTimeout * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      r.exited = true;
      running.delete(r);
      resolve({
        file,
        ms: Date.now() - started,
        ok: code === 0 && !r.killed,
        exit: code ?? signal,
        killed: r.killed,
        out: r.out,
        tests: count(r.out, 'tests'),
        pass: count(r.out, 'pass'),
        fail: count(r.out, 'fail'),
        cancelled: count(r.out, 'cancelled'),
        skipped: count(r.out, 'skipped'),
      });
    });
  });
}

async function runGroup(g) {
  console.log(`\n=== ${g.name} (${g.files.length} files, ${database}) ===`);
  if (g.e2e)
    for (const f of g.files) rmSync(path.join(RESULTS, path.basename(f, '.test.ts')), { recursive: true, force: true });
  const queue = [...g.files];
  const results = [];
  const worker = async () => {
    while (queue.length && !stopping) {
      const file = queue.shift();
      const live = g.concurrency === 1;
      if (live) console.log(`\n▶ ${file}`);
      const res = await runFile(g, file, live);
      results.push(res);
      // With several files at once, each file's output is printed whole when it ends (not interleaved).
      if (!live) process.stdout.write(`\n▶ ${file}\n${res.out}`);
      console.log(`${res.ok ? '✔' : '✖'} ${file} (${fmt(res.ms)})`);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: Math.min(g.concurrency, g.files.length) }, worker));
  return { g, results, notRun: queue, ms: Date.now() - started };
}

const summaries = [];
for (const g of groups) {
  if (!g.files.length || stopping) continue;
  summaries.push(await runGroup(g));
}
clearTimeout(runWatchdog);

console.log(`\n=== summary (${database}, ${fmt(Date.now() - runStarted)}) ===`);
let failed = !!stopping;
for (const { g, results, notRun, ms } of summaries) {
  const sum = (k) => results.reduce((s, r) => s + r[k], 0);
  console.log(
    `${g.name}: ${results.length} of ${g.files.length} files, ${sum('tests')} tests — ${sum('pass')} pass, ` +
      `${sum('fail')} fail, ${sum('cancelled')} cancelled, ${sum('skipped')} skipped (${fmt(ms)})`,
  );
  for (const r of results.filter((x) => !x.ok)) {
    failed = true;
    console.log(`  ✖ ${r.file}: ${r.killed ? `killed, ${r.killed}` : `exit ${r.exit}`} (${fmt(r.ms)})`);
  }
  for (const f of notRun) {
    failed = true;
    console.log(`  - ${f}: not run`);
  }
  // Also counts a file that exits 0 after reporting a failure (it should not, but then it is still a failure).
  if (sum('fail') || sum('cancelled')) failed = true;
}
if (stopping) console.log(`stopped early: ${stopping}`);
const journeyFiles = summaries.filter((s) => s.g.e2e).flatMap((s) => s.results.map((r) => r.file));
if (failed && journeyFiles.length) {
  const kept = journeyFiles
    .map((f) => path.join('test-results', path.basename(f, '.test.ts')))
    .filter((d) => existsSync(path.join(root, d)))
    .flatMap((d) => readdirSync(path.join(root, d)).map((j) => path.join(d, j)));
  if (kept.length) {
    console.log(`\nFailure artefacts (screenshots, HTML of each open page, the server's last log lines):`);
    for (const k of kept) console.log(`  ${k}/`);
  }
}
process.exit(failed ? 1 : 0);
