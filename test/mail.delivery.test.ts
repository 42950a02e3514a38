// E-mail is delivered exactly once with any number of app processes: two real processes run the mail job on the same
// PostgreSQL database against one SMTP server, which counts what it receives by Message-ID.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { queueMails } from '../src/platform/mail/mailer.ts';
import { makeTestEnv, type TestEnv } from './helper.ts';

const MULTI = Boolean(process.env.TEST_DATABASE_URL);
const skip = MULTI ? false : 'PGlite is an embedded database: one process only; two processes need PostgreSQL';

let env: TestEnv;
let smtp: SMTPServer;
let port = 0;
/** Message-ID → how many times the SMTP server accepted it. */
const received = new Map<string, number>();
/** Refuse every message (451) while set; slow each acceptance by this many ms. */
const sink = { refusing: false, delayMs: 0 };
const children = new Set<ChildProcess>();

before(async () => {
  if (!MULTI) return;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, cb) {
      if (!sink.refusing) return cb();
      const err = new Error('Try again later') as Error & { responseCode: number };
      err.responseCode = 451;
      cb(err);
    },
    onData(stream, _session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d) => {
        raw += d;
      });
      stream.on('end', () => {
        setTimeout(() => {
          const id = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? `(none ${received.size})`;
          received.set(id, (received.get(id) ?? 0) + 1);
          cb();
        }, sink.delayMs);
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  port = (smtp.server.address() as AddressInfo).port;
  env = await makeTestEnv({ smtpUrl: `smtp://127.0.0.1:${port}`, mailWorker: false }, false);
});

after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await env?.close();
  if (smtp) await new Promise<void>((r) => smtp.close(() => r()));
});

/** Starts one mail-job process on the test database; resolves when it is running. */
async function startWorker(leaseMs = 10_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/mail-worker.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: env.databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_POLL_MS: '50',
      MAIL_RETRY_BASE_MS: '200',
      MAIL_LEASE_MS: String(leaseMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mail worker did not start in 60 s: ${err}`)), 60_000);
    child.stdout?.on('data', (d) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mail worker exited (${code}): ${err}`));
    });
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until `done()` holds, checking every 100 ms; fails after `ms`. */
async function until(what: string, done: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function queue(n: number, kind: string): Promise<void> {
  await env.database.db.transaction((tx) =>
    queueMails(
      tx,
      Array.from({ length: n }, (_, i) => ({
        to: `person${i}@test.ctcp.localhost`,
        locale: 'en',
        kind,
        subject: `${kind} ${i}`,
        text: `Message ${i}`,
        html: `<p>Message ${i}</p>`,
      })),
      true,
    ),
  );
}

const statusCount = async (kind: string, status: string) =>
  (
    await env.database.query<{ n: number }>(
      'select count(*)::int as n from mail_outbox where kind = $1 and status = $2',
      [kind, status],
    )
  )[0].n;

const duplicates = () => [...received.values()].filter((n) => n > 1).length;
const total = () => [...received.values()].reduce((a, b) => a + b, 0);

test('two processes deliver 200 messages: 200 received, none twice', { skip, timeout: 120_000 }, async () => {
  received.clear();
  const workers = await Promise.all([startWorker(), startWorker()]);
  await queue(200, 'two_processes');
  await until('200 messages sent', async () => (await statusCount('two_processes', 'sent')) === 200);
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all(workers.map(stopWorker));
  assert.equal(received.size, 200, 'every message arrived');
  assert.equal(duplicates(), 0, 'no message arrived twice');
  assert.equal(total(), 200);
});

test('SMTP refusing (451) for a while, then accepting: every message delivered', {
  skip,
  timeout: 120_000,
}, async () => {
  received.clear();
  sink.refusing = true;
  const workers = await Promise.all([startWorker(), startWorker()]);
  await queue(30, 'refused_then_accepted');
  await until('every message tried and refused', async () => {
    const [r] = await env.database.query<{ n: number }>(
      "select count(*)::int as n from mail_outbox where kind = 'refused_then_accepted' and attempts >= 2",
    );
    return r.n === 30;
  });
  assert.equal(await statusCount('refused_then_accepted', 'failed'), 0, 'not given up');
  sink.refusing = false;
  await until('30 messages sent', async () => (await statusCount('refused_then_accepted', 'sent')) === 30);
  await Promise.all(workers.map(stopWorker));
  assert.equal(received.size, 30);
  assert.equal(duplicates(), 0);
});

test('a process killed (kill -9) mid-delivery: nothing lost', { skip, timeout: 120_000 }, async () => {
  received.clear();
  sink.delayMs = 20;
  try {
    const [victim, survivor] = await Promise.all([startWorker(2000), startWorker(2000)]);
    await queue(200, 'killed');
    await until('some messages received', () => received.size >= 40);
    victim.kill('SIGKILL');
    await until('200 messages sent', async () => (await statusCount('killed', 'sent')) === 200);
    await stopWorker(survivor);
    assert.equal(received.size, 200, 'no message lost');
    // At most the messages in flight in the killed process went out twice, each with the same Message-ID.
    assert.ok(duplicates() <= 20, `${duplicates()} re-sent`);
  } finally {
    sink.delayMs = 0;
  }
});
