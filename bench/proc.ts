// Processes of the benchmarks: the server under test (bench/server.ts, one process or a cluster of workers) and the
// load generator (bench/load.ts), each spawned apart from the process that prints the figures; RSS from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export interface ServerProc {
  base: string;
  pids: number[];
  stop(): Promise<void>;
}

/** Starts bench/server.ts; BENCH_CPU_PROF=<dir> writes a CPU profile of each server process there. */
export async function startBenchServer(env: Record<string, string>): Promise<ServerProc> {
  const port = await freePort();
  const prof = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const gc = env.BENCH_EXPOSE_GC ? ['--expose-gc'] : [];
  const child = spawn(process.execPath, [...prof, ...gc, '--import', 'tsx', 'bench/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_PORT: String(port), NODE_ENV: 'test', SECURE_COOKIES: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A server outlives no run: a measurement that fails before stopping it would otherwise leave it holding the run's
  // stderr (and the run's caller waiting).
  const orphan = () => child.kill('SIGKILL');
  process.on('exit', orphan);
  child.on('exit', () => process.off('exit', orphan));
  const pids = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready \d+ ([\d,]+)/.exec(out);
      if (m) resolve(m[1].split(',').map(Number));
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pids,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Runs one job of bench/load.ts in its own process; its JSON answer. */
export async function runLoad<T>(
  job: Record<string, unknown>,
  onLine?: (line: string) => void | Promise<void>,
): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', JSON.stringify(job)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let last = '';
  let handled: Promise<void> = Promise.resolve(); // lines handled in order, each after the previous one
  child.stdout!.on('data', (d) => {
    out += d;
    let i = out.indexOf('\n');
    while (i >= 0) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      if (line.trim()) {
        last = line;
        if (onLine) handled = handled.then(() => onLine(line));
      }
      i = out.indexOf('\n');
    }
  });
  const code = await new Promise((r) => child.on('exit', r));
  await handled;
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(last) as T;
}

export interface Cannon {
  rps: number;
  total: number;
  p99: number;
}
export async function cannon(url: string, headers: Record<string, string> = {}): Promise<Cannon> {
  const r = await runLoad<Cannon & { non2xx: number; errors: number }>({
    kind: 'cannon',
    url,
    headers,
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    duration: Number(process.env.BENCH_SECONDS ?? 8),
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

/** Resident set size of a process in MiB (0 when it is gone). */
export function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return 0;
  }
}

/** "0.31 (goal ≥ 0.3) ok" or "… MISSED". */
export function verdict(value: number, goal: number, op: '≥' | '<' = '≥', digits = 2): string {
  const ok = op === '≥' ? value >= goal : value < goal;
  return `${value.toFixed(digits)} (goal ${op} ${goal}) ${ok ? 'ok' : 'MISSED'}`;
}

/** CPU time (user + system) of a process so far, in ms (0 when it is gone); Linux's clock ticks are 1/100 s. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU spent by the server processes and by the PostgreSQL backends of one database while `work` runs: CPU time is
 * what a request costs whatever else the machine runs, where requests/s moves with the other load. The backends are
 * found by pg_stat_activity (the database server must run on this machine for /proc to see them).
 */
export async function cpuDuring<T>(
  serverPids: number[],
  backends: () => Promise<number[]>,
  work: () => Promise<T>,
): Promise<{ result: T; serverMs: number; dbMs: number }> {
  const before = new Map<number, number>();
  for (const pid of [...serverPids, ...(await backends())]) before.set(pid, cpuMs(pid));
  const result = await work();
  const serverMs = serverPids.reduce((a, pid) => a + cpuMs(pid) - (before.get(pid) ?? 0), 0);
  const dbMs = (await backends()).reduce((a, pid) => a + cpuMs(pid) - (before.get(pid) ?? 0), 0);
  return { result, serverMs, dbMs };
}
