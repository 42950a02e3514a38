// npm run bench — figures measured in one run, reported as ratios to a baseline measured in the same run, each beside
// its goal. The server under test runs in its own process(es) (bench/server.ts), the load generator in another
// (bench/load.ts), and this process only prepares data and prints (bench/proc.ts).
//  1. requests/s of an authenticated API page of 50 organizations ÷ requests/s of a Fastify hello-world route,
//     on PostgreSQL (BENCH_DATABASE_URL, default the local server) with 1 and 2 server processes, and on PGlite;
//     `npm run bench -- api` runs only the PostgreSQL part;
//  2. seconds from `ctcp serve` on an existing embedded data directory to the first 200 (`-- startup`);
//  3. RSS of that process after start;
//  4. the portfolio on PostgreSQL at scale (bench/portfolio.ts); `npm run bench -- portfolio` runs only this part;
//  5. events on PostgreSQL (bench/events.ts): a registration burst, the public event page, statistics;
//     `npm run bench -- events`;
//  6. the briefing pack to the CTC on PostgreSQL (bench/briefing.ts): a year of data, generation time;
//     `npm run bench -- briefing`;
//  7. the workspace home page of a working-group member on PostgreSQL (bench/home.ts): GET / p95 and its ratio to a
//     plain indexed query; `npm run bench -- home`;
//  8. search on PostgreSQL (bench/search.ts): 100,000 passages, the top 20 for an entity focal point, p95 and its
//     ratio to a plain indexed query; `npm run bench -- search`;
//  9. `npm run bench -- soak` (only on demand): mixed traffic on two server processes for SOAK_MINUTES (30), RSS and
//     p99 each minute, the trend of RSS and the errors (bench/soak.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/platform/db/client.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { createApiToken, createUserDirect, loadActor } from '../src/modules/access/access.service.ts';
import { portfolioBench } from './portfolio.ts';
import { eventsBench } from './events.ts';
import { briefingBench } from './briefing.ts';
import { homeBench } from './home.ts';
import { searchBench } from './search.ts';
import { soakBench } from './soak.ts';
import { registerPolicy } from '../src/platform/auth/policy.ts';
import { MODULES } from '../src/modules/index.ts';
import { cannon, cpuDuring, cpuMs, startBenchServer, verdict } from './proc.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const root = path.resolve(import.meta.dirname, '..');

// The modules' policies, as buildApp registers them: creating the token below asks them.
for (const m of MODULES) if (m.policy) registerPolicy(m.policy);

/** Migrations, the demo directory and a reader with a read-only API token, written by this process. */
async function prepareApi(database: Database) {
  await migrateDatabase(database);
  await seedDirectory(database.db, { demo: true });
  const config = loadConfig({ env: 'test', logLevel: 'silent' }, { ...process.env, DATABASE_URL: '' });
  const userId = await createUserDirect(database.db, {
    email: `bench.${randomBytes(3).toString('hex')}@bench.localhost`,
    name: 'Bench',
    role: 'observer',
    password: 'a long benchmark passphrase 1',
    sessionSecret: config.sessionSecret,
  });
  const actor = (await loadActor(database.db, userId, 'session', false, []))!.actor;
  const { token } = await createApiToken(
    { db: database.db, config, actor },
    { name: 'bench', scopes: ['read'], expiresInDays: 1 },
  );
  return token;
}

/** Hello-world and the API page, both served by bench/server.ts in its own process(es), load from another one. */
async function apiRatio(
  label: string,
  env: Record<string, string>,
  token: string,
  backends: () => Promise<number[]> = async () => [],
) {
  const server = await startBenchServer(env);
  try {
    const bearer = { authorization: `Bearer ${token}` };
    const run = async (url: string, headers: Record<string, string> = {}) => {
      const m = await cpuDuring(server.pids, backends, () => cannon(`${server.base}${url}`, headers));
      return { ...m.result, node: m.serverMs / m.result.total, pg: m.dbMs / m.result.total };
    };
    const hello = await run('/bench/hello');
    const me = await run('/api/bench/me', bearer);
    const api = await run('/api/v1/organizations?pageSize=50&page=2', bearer);
    const ratio = api.rps / hello.rps;
    console.log(
      `${label.padEnd(22)} hello-world ${hello.rps.toFixed(0)} req/s; ` +
        `API page of 50 organizations ${api.rps.toFixed(0)} req/s (p99 ${api.p99} ms); ` +
        `ratio ${label.startsWith('postgres') ? verdict(ratio, 0.3) : ratio.toFixed(2)}`,
    );
    // Where a request's time goes, as CPU per request (steadier than requests/s on a shared machine): the server
    // process(es) and the database's backends, for hello-world, for a route that only needs the token's reader (the
    // credential lookup alone) and for the page.
    const cpu = (r: { node: number; pg: number }) =>
      `${r.node.toFixed(2)} ms server${label.startsWith('postgres') ? ` + ${r.pg.toFixed(2)} ms PostgreSQL` : ''}`;
    console.log(
      `${''.padEnd(22)} CPU per request: hello-world ${cpu(hello)}; token lookup alone ${cpu(me)} ` +
        `(${me.rps.toFixed(0)} req/s); API page ${cpu(api)}`,
    );
    return ratio;
  } finally {
    await server.stop();
  }
}

async function startup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctcp-bench-'));
  const run = async (port: number) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--demo'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error('server did not start in 120 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).status === 200) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuMs(child.pid!) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    return { seconds, cpu, rss };
  };
  const first = await run(3901);
  const again = await run(3902);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `start     new data dir (initdb + migrations + demo data) ${first.seconds.toFixed(1)} s; ` +
      `existing data dir: first 200 after ${verdict(again.seconds, 3, '<', 1)}, ` +
      `of which ${again.cpu.toFixed(1)} s CPU (what the start costs whatever else runs); ` +
      `RSS after start ${again.rss.toFixed(0)} MiB (load average ${os.loadavg()[0].toFixed(1)})`,
  );
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
console.log(
  `# bench: ${DURATION} s per measurement, ${CONNECTIONS} connections, ` +
    `${os.cpus().length} cores, Node ${process.version}`,
);
const portfolio = () =>
  portfolioBench(pgUrl).catch((e) => console.log(`portfolio  not measured: ${(e as Error).message}`));
if (process.argv[2] === 'portfolio') {
  await portfolio();
  process.exit(0);
}
const eventsPart = () => eventsBench(pgUrl).catch((e) => console.log(`events     not measured: ${(e as Error).stack}`));
if (process.argv[2] === 'events') {
  await eventsPart();
  process.exit(0);
}
const briefingPart = () =>
  briefingBench(pgUrl).catch((e) => console.log(`briefing   not measured: ${(e as Error).stack}`));
if (process.argv[2] === 'briefing') {
  await briefingPart();
  process.exit(0);
}
const homePart = () => homeBench(pgUrl).catch((e) => console.log(`home       not measured: ${(e as Error).stack}`));
if (process.argv[2] === 'home') {
  await homePart();
  process.exit(0);
}
const searchPart = () => searchBench(pgUrl).catch((e) => console.log(`search     not measured: ${(e as Error).stack}`));
if (process.argv[2] === 'search') {
  await searchPart();
  process.exit(0);
}
if (process.argv[2] === 'startup') {
  await startup();
  process.exit(0);
}
if (process.argv[2] === 'soak') {
  await soakBench(pgUrl);
  process.exit(0);
}
try {
  const admin = await openDatabase({ databaseUrl: pgUrl, dataDir: 'memory://', poolSize: 1 });
  const name = `ctcp_bench_${randomBytes(4).toString('hex')}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  try {
    const pg = await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://' });
    const token = await prepareApi(pg);
    await pg.close();
    const backends = async () =>
      (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])).map(
        (r) => r.pid,
      );
    await apiRatio('postgres, 1 process', { BENCH_DATABASE_URL: u.toString() }, token, backends);
    await apiRatio('postgres, 2 processes', { BENCH_DATABASE_URL: u.toString(), BENCH_WORKERS: '2' }, token, backends);
  } finally {
    await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.close();
  }
} catch (e) {
  console.log(`postgres   not measured: ${(e as Error).message}`);
}
if (process.argv[2] === 'api') process.exit(0);
{
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctcp-bench-api-'));
  const lite = await openDatabase({ dataDir: dir });
  const token = await prepareApi(lite);
  await lite.close();
  await apiRatio('pglite, 1 process', { BENCH_DATA_DIR: dir }, token);
  rmSync(dir, { recursive: true, force: true });
}
await startup();
await portfolio();
await eventsPart();
await briefingPart();
await homePart();
await searchPart();
