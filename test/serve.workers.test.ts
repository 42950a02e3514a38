// `ctcp serve --workers N`: a real primary with two workers on the test's PostgreSQL database. Answers come from two
// worker processes on one port (the x-ctcp-pid header, set in test mode only); a killed worker is replaced; SIGTERM
// lets a request already under way finish, then every process stops with exit code 0. The embedded database refuses
// more than one worker with a clear message.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { respawnPause } from '../src/cluster.ts';
import { openTestDatabase } from './helper.ts';

const MULTI = Boolean(process.env.TEST_DATABASE_URL);
const skip = MULTI ? false : 'PGlite is an embedded database: one process only; several workers need PostgreSQL';
const children = new Set<ChildProcess>();
after(() => {
  // Each child leads its own process group: nothing of it outlives a failed test.
  for (const c of children)
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {}
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

function serve(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...args], {
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** One request on a connection of its own (no keep-alive: the next one may reach another worker). */
const get = (port: number, url: string) =>
  new Promise<{ status: number; pid: string }>((resolve, reject) => {
    const req = http
      .get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, pid: String(res.headers['x-ctcp-pid'] ?? '') }));
      })
      .on('error', reject);
    // A connection handed to a worker that is dying may never be answered.
    req.setTimeout(5000, () => req.destroy(new Error('no answer in 5 s')));
  });

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The worker pids seen in up to `tries` fresh connections, until `want` different ones answered. */
async function pids(port: number, want: number, tries = 40): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries && seen.size < want; i++) {
    const r = await get(port, '/readyz');
    if (r.status === 200 && r.pid) seen.add(r.pid);
  }
  return seen;
}

test('two workers share the port; a dead one is replaced; SIGTERM finishes requests', {
  skip,
  timeout: 300_000,
}, async (t) => {
  const db = await openTestDatabase();
  const t0 = Date.now();
  const step = (what: string) => t.diagnostic(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const port = await freePort();
  const s = serve(['--workers', '2'], { DATABASE_URL: db.databaseUrl, PORT: String(port) });
  t.after(() => t.diagnostic(`output:\n${s.output()}`));
  try {
    await until('the first answer', async () => ((await get(port, '/readyz')).status === 200 ? true : undefined));
    step('first answer');
    const first = await until('two workers', async () => {
      const p = await pids(port, 2);
      return p.size === 2 ? p : undefined;
    });
    assert.ok(![...first].includes(String(s.child.pid)), 'the primary serves nothing');
    assert.match(s.output(), /with 2 workers/);

    step('two workers');
    // A worker killed outright is replaced by a new process.
    const [victim, survivor] = [...first];
    process.kill(Number(victim), 'SIGKILL');
    const next = await until('a replacement worker', async () => {
      const p = await pids(port, 2);
      return p.size === 2 && !p.has(victim) ? p : undefined;
    });
    step('replaced');
    assert.ok(next.has(survivor));
    assert.match(s.output(), new RegExp(`worker ${victim} died \\(SIGKILL\\)`));

    // A request under way when SIGTERM arrives (its body still coming) is answered before the worker stops.
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    let reply = '';
    sock.on('data', (d) => {
      reply += d;
    });
    const closed = new Promise((r) => sock.once('close', r));
    const body = 'email=nobody%40example.org&password=x';
    sock.write(
      'POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 500));
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(s.child.exitCode, null, 'still running while a request is under way');
    sock.write(body.slice(10));
    await closed;
    step('answered under way');
    assert.match(reply, /^HTTP\/1\.1 [2-4]\d\d /, 'the request under way was answered');
    assert.equal(await s.exited, 0);
    step('stopped');
    assert.match(s.output(), /SIGTERM: stopping 2 worker\(s\)/);
    for (const pid of next) assert.throws(() => process.kill(Number(pid), 0), 'every worker has stopped');
    await assert.rejects(get(port, '/readyz'), 'nothing listens any more');
  } finally {
    await db.drop();
  }
});

test('the embedded database refuses more than one worker, with the reason', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ctcp-workers-'));
  try {
    const s = serve(['--workers', '2'], { DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(await freePort()) });
    assert.equal(await s.exited, 2);
    assert.match(s.output(), /--workers 2 needs DATABASE_URL \(PostgreSQL\).*one process at a time/s);
    const bad = serve(['--workers', 'many'], { DATABASE_URL: '', DATA_DIR: dataDir });
    assert.equal(await bad.exited, 2);
    assert.match(bad.output(), /--workers must be a whole number/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a crash loop is slowed down: the pause before a replacement grows, up to 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 7, 8, 20].map(respawnPause), [0, 500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
});
