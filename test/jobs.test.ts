// The job queue (platform/jobs): a payload its handler does not accept is a dead letter the administrators list and
// retry; a scheduled job runs once per period with two runners on one PostgreSQL database; `ctcp worker` starts and
// stops cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { JobQueue } from '../src/platform/jobs/queue.ts';
import { defineJob, everyMinutes, type JobDefinition } from '../src/platform/jobs/jobs.types.ts';
import { listDeadLetters } from '../src/platform/jobs/dead-letters.ts';
import { CONFIRMED, dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';
import { api } from './api.helpers.ts';

const MULTI = Boolean(process.env.TEST_DATABASE_URL);
const skipMulti = MULTI ? false : 'PGlite is an embedded database: one process only; two processes need PostgreSQL';

let env: TestEnv;
let queue: JobQueue;
/** Payloads handled by test.echo; it throws while `failing` is set. */
const handled: number[] = [];
let failing = false;

const echo = defineJob({
  name: 'test.echo',
  version: 2,
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  retry: { limit: 1, delaySeconds: 1, maxDelaySeconds: 1 },
  handler: async ({ n }) => {
    if (failing) throw new Error(`echo ${n} refused`);
    handled.push(n);
  },
});

/** A job the queue sends by itself every quarter of an hour (what the administrators' page says of it). */
const ticker = defineJob({
  name: 'test.ticker',
  version: 1,
  payload: Type.Object({}),
  schedule: () => ({ cron: everyMinutes(15), payload: {} }),
  handler: async () => {},
});

/** And one it sends every night. */
const nightly = defineJob({
  name: 'test.nightly',
  version: 1,
  payload: Type.Object({}),
  schedule: () => ({ cron: '30 3 * * *', payload: {} }),
  handler: async () => {},
});

const quiet = { info() {}, warn() {}, error() {} };

before(async () => {
  env = await makeTestEnv({}, false);
  queue = new JobQueue({
    database: env.database,
    config: env.config,
    log: quiet,
    definitions: [echo as JobDefinition, ticker as JobDefinition, nightly as JobDefinition],
    work: true,
    pollSeconds: 0.5,
  });
  await queue.start();
});

after(async () => {
  await queue?.stop(5000);
  await env?.close();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const letterOf = (id: string) => async () =>
  (await listDeadLetters(env.database.db, 1, 100)).rows.find((r) => r.id === id);

test(`a payload of an unknown version is a dead letter, listed and retried by an admin (${dbLabel()})`, async () => {
  // Validated on send: a wrong payload is the sender's error.
  await assert.rejects(queue.send('test.echo', { n: 'x' }), /invalid payload/);
  // Queued by an older version of the application: refused by the handler's check, at once, without retries.
  const id = (await queue.sendRaw('test.echo', { v: 1, p: { n: 1 } }))!;
  const letter = await until('the dead letter', letterOf(id));
  assert.equal(letter.name, 'test.echo');
  assert.equal(letter.version, 1);
  assert.equal(letter.attempts, 1, 'not retried, although its definition allows a retry');
  assert.match(letter.lastError ?? '', /payload version 1 is not 2/);
  assert.equal(handled.length, 0, 'the handler never ran');

  const admin = await makeUser(env, 'platform_admin');
  const page = await admin.agent.get('/admin/jobs');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('test.echo'));
  assert.ok(page.body.includes(`/admin/jobs/${id}/retry`), 'a Retry action');
  assert.ok(page.body.includes('class="stack"'), 'stacked on phones');
  // Above the failed jobs, the queue job by job: the failed run counted (a link to the list), each job's schedule.
  const queueTable = page.body.slice(page.body.indexOf('<table'), page.body.indexOf('</table>'));
  const echoRow = queueTable.slice(
    queueTable.indexOf('test.echo'),
    queueTable.indexOf('</tr>', queueTable.indexOf('test.echo')),
  );
  assert.match(echoRow, /When there is work/);
  assert.match(echoRow, /<a href="#failed">1<\/a>/);
  assert.match(queueTable, /test\.ticker[\s\S]*Every 15 minutes/);
  assert.match(queueTable, /test\.nightly[\s\S]*Every day at 3:30\sAM \(UTC\)/);
  assert.ok(page.body.includes('<h2 id="failed">Failed jobs</h2>'));
  const queues = await api(env, admin, 'GET', '/api/v1/admin/jobs/queues');
  assert.equal(queues.status, 200);
  const echoLine = queues.json().items.find((q: { name: string }) => q.name === 'test.echo');
  assert.deepEqual([echoLine.failed, echoLine.cron], [1, null]);
  assert.equal(queues.json().items.find((q: { name: string }) => q.name === 'test.ticker').cron, '*/15 * * * *');
  assert.equal((await api(env, await makeUser(env, 'analyst'), 'GET', '/api/v1/admin/jobs/queues')).status, 403);
  const list = await api(env, admin, 'GET', '/api/v1/admin/jobs');
  assert.equal(list.status, 200);
  const item = list.json().items.find((j: { id: string }) => j.id === id);
  assert.equal(item.version, 1);
  assert.match(item.lastError, /payload version/);
  const observer = await makeUser(env, 'observer');
  assert.equal((await api(env, observer, 'GET', '/api/v1/admin/jobs')).status, 403);
  assert.equal((await observer.agent.get('/admin/jobs')).statusCode, 403);

  // A handler that failed (its last attempt) is retried from the page, after a confirmation, and runs again.
  failing = true;
  const failed = (await queue.send('test.echo', { n: 7 }))!;
  const l2 = await until('the failed job', letterOf(failed));
  assert.match(l2.lastError ?? '', /echo 7 refused/);
  assert.equal(l2.attempts, 2, 'a failing handler is retried first');
  failing = false;
  const unconfirmed = await admin.agent.post(`/admin/jobs/${failed}/retry`, {});
  assert.equal(unconfirmed.statusCode, 303);
  assert.ok(await letterOf(failed)(), 'nothing happens before the confirmation');
  const confirmPage = await admin.agent.get(`/admin/jobs/${failed}/retry`);
  assert.equal(confirmPage.statusCode, 200);
  assert.ok(confirmPage.body.includes('test.echo'));
  const done = await admin.agent.post(`/admin/jobs/${failed}/retry`, CONFIRMED);
  assert.equal(done.statusCode, 303);
  await until('the retried run', async () => handled.includes(7));
  assert.equal(await letterOf(failed)(), undefined, 'no longer a dead letter');
  const [audit] = await env.database.query<{ n: number }>(
    "select count(*)::int as n from audit_log where action = 'job.retried' and target_id = $1",
    [failed],
  );
  assert.equal(audit.n, 1, 'audited');
  // Not failed any more: nothing to retry (404 on the API, as for an unknown job).
  assert.equal((await api(env, admin, 'POST', `/api/v1/admin/jobs/${failed}/retry`)).status, 404);
  // The bad-version job retried through the API runs again and is refused again (its version is still unknown).
  const again = await api(env, admin, 'POST', `/api/v1/admin/jobs/${id}/retry`);
  assert.equal(again.status, 200);
  const back = await until('the second refusal', async () => {
    const l = await letterOf(id)();
    return l && l.attempts === 2 ? l : null;
  });
  assert.equal(back.version, 1);
});

test('everyMinutes: cron expressions for the settings in minutes', () => {
  assert.equal(everyMinutes(1), '* * * * *');
  assert.equal(everyMinutes(15), '*/15 * * * *');
  assert.equal(everyMinutes(7), '*/6 * * * *');
  assert.equal(everyMinutes(60), '0 * * * *');
  assert.equal(everyMinutes(180), '0 */3 * * *');
  assert.equal(everyMinutes(1440), '0 0 * * *');
});

/** Starts a child process; resolves when it printed `ready`. */
function start(args: string[], envVars: Record<string, string>, ready: RegExp, out: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, NODE_ENV: 'test', ...envVars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
    out.push(...String(d).split('\n').filter(Boolean));
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d) => {
      buf += d;
      out.push(...String(d).split('\n').filter(Boolean));
      if (ready.test(buf)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${err}`)));
  });
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.on('exit', (code) => r(code))));

test('a scheduled job runs once per period with two runners on one database', { skip: skipMulti }, async () => {
  // Started early in a minute, so the runs watched fall in one or two minutes (never a third).
  while (new Date().getUTCSeconds() > 40) await new Promise((r) => setTimeout(r, 1000));
  const out: string[] = [];
  const vars = { DATABASE_URL: env.databaseUrl! };
  const a = await start(['test/fixtures/job-runner.ts'], vars, /ready/, out);
  const b = await start(['test/fixtures/job-runner.ts'], vars, /ready/, out);
  try {
    await until('a run', async () => out.some((l) => l.startsWith('ran ')), 90_000);
    // Both runners keep checking the schedule every second for a while more.
    await new Promise((r) => setTimeout(r, 8000));
  } finally {
    a.kill('SIGTERM');
    b.kill('SIGTERM');
  }
  assert.equal(await exited(a), 0);
  assert.equal(await exited(b), 0);
  const runs = out.filter((l) => l.startsWith('ran ')).map((l) => l.split(' '));
  const perMinute = new Map<string, number>();
  for (const [, minute] of runs) perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  assert.ok(runs.length >= 1);
  for (const [minute, n] of perMinute) assert.equal(n, 1, `one run in ${minute}, not ${n}`);
});

test(`ctcp worker starts and stops cleanly on SIGTERM (${dbLabel()})`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctcp-worker-'));
  const out: string[] = [];
  try {
    const vars: Record<string, string> = MULTI
      ? { DATABASE_URL: env.databaseUrl! }
      : { DATA_DIR: dir, DATABASE_URL: '' };
    const child = await start(['src/cli.ts', 'worker'], { ...vars, LOG_LEVEL: 'warn' }, /Job runner started/, out);
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0, out.join('\n'));
    assert.ok(
      out.some((l) => l.includes('Job runner stopped')),
      out.join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
