// The platform's one job queue, on pg-boss: jobs live in the database (schema `pgboss`, which pg-boss creates and
// migrates itself), so any number of processes share them. A job runner (an app process with JOBS=on, or
// `ctcp worker`) works every enabled job and keeps the schedules; any process may send jobs.
//
// On PostgreSQL pg-boss opens its own small pool from the connection string. On the embedded PGlite database it
// runs on the process's one PGlite client through pg-boss's PGlite adapter (backend 'pglite'): the same queue, the
// same tables, one process (the embedded database allows no other).
//
// A job's data is an envelope { v: version, p: payload }. The payload is validated against its definition's schema
// when sent and when handled; a payload of another version, or one that does not validate, fails the job at once
// without retries ("deadletter"): it waits among the failed jobs for an administrator (dead-letters.ts).
import { PgBoss, fromPglite, type JobResult } from 'pg-boss';
import { Value } from 'typebox/value';
import type { Config } from '../../config.ts';
import type { Database } from '../db/client.ts';
import { DEFAULT_RETRY, type JobContext, type JobDefinition, type JobLog } from './jobs.types.ts';

/** The schema pg-boss keeps its tables in. */
export const JOBS_SCHEMA = 'pgboss';

/** A job's data as stored. */
export interface JobEnvelope {
  v: number;
  p: unknown;
}

export interface JobQueueOptions {
  database: Database;
  config: Config;
  log: JobLog;
  definitions: readonly JobDefinition[];
  /** Work the enabled jobs and keep their schedules (a job runner); false: send only. */
  work: boolean;
  /** Seconds between two looks for new jobs when nothing notifies (default 2). */
  pollSeconds?: number;
  /** Seconds between two passes over the schedules (pg-boss's default when unset; tests: 1). */
  cronSeconds?: number;
}

/** A payload that is not what its job expects: the job is failed at once, never retried. */
export class JobPayloadError extends Error {}

/** Checks a payload against its definition; throws JobPayloadError with the first problem. */
export function checkPayload(def: JobDefinition, version: unknown, payload: unknown): void {
  if (version !== def.version)
    throw new JobPayloadError(`payload version ${String(version)} is not ${def.version}, the one ${def.name} handles`);
  if (!Value.Check(def.payload, payload)) {
    const first = [...Value.Errors(def.payload, payload)][0] as { instancePath?: string; message?: string } | undefined;
    throw new JobPayloadError(`invalid payload ${first?.instancePath ?? ''}: ${first?.message ?? 'invalid'}`);
  }
}

export class JobQueue {
  private boss: PgBoss | null = null;
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  private defs: Map<string, JobDefinition>;
  private stopping = false;

  constructor(private opts: JobQueueOptions) {
    this.defs = new Map(opts.definitions.map((d) => [d.name, d]));
  }

  /** The definitions this installation runs (their `enabled` answers yes with its settings). */
  enabled(): JobDefinition[] {
    return [...this.defs.values()].filter((d) => d.enabled?.(this.opts.config) ?? true);
  }

  context(jobId: string | null): JobContext {
    const { database, config, log } = this.opts;
    return { db: database.db, database, config, log, jobId };
  }

  async start(): Promise<void> {
    const { database, work } = this.opts;
    const cron = this.opts.cronSeconds
      ? { cronMonitorIntervalSeconds: this.opts.cronSeconds, cronWorkerIntervalSeconds: this.opts.cronSeconds }
      : {};
    const common = { schema: JOBS_SCHEMA, supervise: work, schedule: work, migrate: true, ...cron };
    const boss =
      database.kind === 'pglite' && database.pglite
        ? new PgBoss({ ...common, db: fromPglite(database.pglite as never), backend: 'pglite' })
        : new PgBoss({ ...common, connectionString: database.url, max: 3, application_name: 'ctcp jobs' });
    boss.on('error', (err) => this.opts.log.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const def of this.defs.values()) {
      const r = def.retry ?? DEFAULT_RETRY;
      // Created once. 'short': at most one job waits per queue, so schedules and wake-ups never pile up while a run
      // is slow or failing; any number run at once (every handler is safe to run in parallel), so a runner that died
      // mid-run (its job active until it expires) holds up no other.
      if (!(await boss.getQueue(def.name)))
        await boss.createQueue(def.name, {
          policy: 'short',
          retryLimit: r.limit,
          retryDelay: r.delaySeconds,
          retryBackoff: true,
          retryDelayMax: r.maxDelaySeconds,
          expireInSeconds: def.expireSeconds ?? 900,
        });
    }
    if (!work) return;
    for (const def of this.enabled()) {
      await def.onStart?.(this.context(null));
      await boss.work(
        def.name,
        { batchSize: 1, perJobResults: true, pollingIntervalSeconds: this.opts.pollSeconds ?? 2 },
        async (jobs) => Promise.all(jobs.map((job) => this.handle(def, job.id, job.data as JobEnvelope))),
      );
    }
    // The schedules live in the database, shared by every runner: each runner writes those of the jobs it runs (the
    // same settings write the same schedule), and removes one its settings turn off. A job this runner does not run
    // keeps whatever schedule another runner gave it.
    for (const def of this.enabled()) {
      const s = def.schedule?.(this.opts.config);
      if (s) await boss.schedule(def.name, s.cron, { v: def.version, p: s.payload }, { tz: 'UTC' });
      else await boss.unschedule(def.name);
    }
    for (const def of this.enabled()) {
      const wake = def.wake;
      if (!wake) continue;
      const timer = setInterval(() => {
        if (this.stopping) return;
        this.track(
          wake
            .due(this.context(null))
            .then((due) => (due ? this.send(def.name, wake.payload) : null))
            .catch((err) => this.opts.log.warn({ err, job: def.name }, 'job wake-up check failed')),
        );
      }, wake.everyMs(this.opts.config));
      timer.unref();
      this.timers.push(timer);
    }
  }

  private track(p: Promise<unknown>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** One job: its payload checked, then its handler; a bad payload is a dead letter, a throw a retry. */
  private async handle(def: JobDefinition, id: string, data: JobEnvelope): Promise<JobResult> {
    try {
      checkPayload(def, data?.v, data?.p);
    } catch (err) {
      this.opts.log.warn({ job: def.name, id, err }, 'job payload refused: dead letter');
      return { id, status: 'deadletter', output: { message: (err as Error).message } };
    }
    try {
      const out = await def.handler(data.p as never, this.context(id));
      return { id, status: 'completed', output: out && typeof out === 'object' ? (out as object) : { result: out } };
    } catch (err) {
      this.opts.log.error({ job: def.name, id, err }, 'job failed');
      return { id, status: 'failed', output: { message: String((err as Error)?.message ?? err).slice(0, 2000) } };
    }
  }

  /** Queues a job (its payload checked first: a wrong one is the sender's error, thrown here). */
  async send(name: string, payload: unknown, opts: { startAfterSeconds?: number } = {}): Promise<string | null> {
    const def = this.defs.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    checkPayload(def, def.version, payload);
    return this.sendRaw(name, { v: def.version, p: payload }, opts);
  }

  /** Queues an envelope as it is, unchecked (tests: a payload of an old or unknown version). */
  async sendRaw(name: string, data: JobEnvelope, opts: { startAfterSeconds?: number } = {}): Promise<string | null> {
    if (!this.boss) throw new Error('the job queue is not started');
    return this.boss.send(name, data as never, opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {});
  }

  /** Stops taking jobs, lets the running ones finish (at most `timeoutMs`), then closes its connections. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
    await this.boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
    this.boss = null;
  }
}

/** Runs a job's handler once, here and now, outside the queue (the CLI's cron commands). */
export async function runJobOnce(def: JobDefinition, payload: unknown, ctx: Omit<JobContext, 'jobId'>) {
  checkPayload(def, def.version, payload);
  return def.handler(payload as never, { ...ctx, jobId: null });
}
