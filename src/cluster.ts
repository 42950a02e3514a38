// `ctcp serve --workers N`: the primary process forks N workers (node:cluster) that each build the app and listen on
// the same port, replaces a worker that dies (with a growing pause, so a crash loop does not spin), and on SIGTERM or
// SIGINT (or SIGHUP) asks every worker to finish its in-flight requests and stop. It does no request work itself.
import cluster, { type Worker } from 'node:cluster';

export interface ClusterOptions {
  workers: number;
  /** Milliseconds a worker has to stop after SIGTERM before it is killed (the workers' own grace is 10 s). */
  stopTimeoutMs?: number;
  log?: (message: string) => void;
}

/** A worker that died before it listened, or less than this after, ended "early": the next one waits longer. */
const EARLY_EXIT_MS = 10_000;
const FIRST_PAUSE_MS = 500;
const MAX_PAUSE_MS = 30_000;

/** The pause before replacing a worker after `earlyExits` early ends in a row: 0, then 0.5 s doubling to 30 s. */
export const respawnPause = (earlyExits: number) =>
  earlyExits <= 0 ? 0 : Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (earlyExits - 1));

/** Runs the primary until every worker has stopped after a signal. Resolves with the process's exit code: 0, or 1
 * when a worker had to be killed. */
export function runPrimary(opts: ClusterOptions): Promise<number> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const stopTimeoutMs = opts.stopTimeoutMs ?? 15_000;
  /** When each worker started listening. */
  const listening = new Map<number, number>();
  let earlyExits = 0;
  let forced = false;
  let stopping = false;
  // Replacements waiting for their pause to end.
  const waiting = new Set<NodeJS.Timeout>();

  const fork = () => cluster.fork();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  return new Promise((resolve) => {
    const finish = () => {
      if (alive().length === 0 && waiting.size === 0) resolve(forced ? 1 : 0);
    };
    cluster.on('listening', (w) => {
      if (!listening.has(w.id)) listening.set(w.id, Date.now());
    });
    cluster.on('exit', (w, code, signal) => {
      const since = listening.get(w.id);
      listening.delete(w.id);
      if (stopping) {
        log(`worker ${w.process.pid} stopped`);
        finish();
        return;
      }
      earlyExits = since === undefined || Date.now() - since < EARLY_EXIT_MS ? earlyExits + 1 : 0;
      const pause = respawnPause(earlyExits);
      log(
        `worker ${w.process.pid} died (${signal ?? `exit code ${code}`}) ` +
          (since === undefined ? 'before it listened' : `after ${Math.round((Date.now() - since) / 1000)} s`) +
          `; replacing it${pause ? ` in ${pause / 1000} s` : ''}`,
      );
      const t = setTimeout(() => {
        waiting.delete(t);
        fork();
      }, pause);
      waiting.add(t);
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      for (const t of waiting) clearTimeout(t);
      waiting.clear();
      log(`${signal}: stopping ${alive().length} worker(s) after their in-flight requests`);
      // Each worker closes its listener, finishes what it is answering and closes its database pool (server.ts).
      for (const w of alive()) w.process.kill('SIGTERM');
      setTimeout(() => {
        for (const w of alive()) {
          forced = true;
          log(`worker ${w.process.pid} did not stop in time: killed`);
          w.process.kill('SIGKILL');
        }
      }, stopTimeoutMs).unref();
      finish();
    };
    // A terminal's Ctrl-C or hang-up reaches the workers too; they leave those to the primary (server.ts), which
    // sends each one SIGTERM, so a worker gets one signal and finishes its requests.
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, () => stop(s));
    for (let i = 0; i < opts.workers; i++) fork();
  });
}
