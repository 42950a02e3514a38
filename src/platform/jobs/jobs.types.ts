// What a job is: a named piece of deferred work with a versioned, validated payload, a handler, a retry policy and
// an optional schedule. The platform declares its own (platform.jobs.ts); a module declares its own in its
// `defineModule({ jobs })`; app.ts and `ctcp worker` hand them all to the one job queue (queue.ts).
import type { Static, TSchema } from 'typebox';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../db/client.ts';

/** What a handler is given besides its payload. */
export interface JobContext {
  db: Db;
  database: Database;
  config: Config;
  log: JobLog;
  /** The queued job's id; null when the handler runs once outside the queue (a CLI command). */
  jobId: string | null;
}

export interface JobLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

/**
 * How often a failed run is tried again: `limit` more attempts, the first after `delaySeconds`, doubled each time
 * (with jitter), never more than `maxDelaySeconds` apart. After the last one the job is a dead letter.
 */
export interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  maxDelaySeconds: number;
}

/** 14 retries from 30 s, doubling, capped at 6 h: spread over about a day (with pg-boss's jitter). */
export const DEFAULT_RETRY: RetryPolicy = { limit: 14, delaySeconds: 30, maxDelaySeconds: 6 * 3600 };

export interface JobDefinition<S extends TSchema = TSchema> {
  /** `area.what` (`mail.deliver`, `events.reminders`): the queue's name, shown to administrators. */
  name: string;
  /** The payload's schema version. A queued payload of another version is a dead letter, never a crash. */
  version: number;
  /** The payload (version `version`): checked when a job is sent and again when it is handled. */
  payload: S;
  handler: (payload: Static<S>, ctx: JobContext) => Promise<unknown>;
  retry?: RetryPolicy;
  /** Seconds a run may take before it counts as failed (default 15 min). */
  expireSeconds?: number;
  /** Whether this installation runs the job at all (default: yes), from its settings. */
  enabled?: (config: Config) => boolean;
  /**
   * When the queue sends it by itself: a cron expression (UTC, minute precision, see `everyMinutes`) and the
   * payload of each run; null for none with these settings. Every job runner keeps the schedule; the queue creates
   * one job per occurrence whatever the number of runners.
   */
  schedule?: (config: Config) => { cron: string; payload: Static<S> } | null;
  /**
   * A cheap check the runner makes every `everyMs`: when `due` answers true, a job is sent (at most one waits at a
   * time), so work queued by any process starts within moments (the mail job and the outbox).
   */
  wake?: { everyMs: (config: Config) => number; due: (ctx: JobContext) => Promise<boolean>; payload: Static<S> };
  /** Run once when a job runner starts (before any job), e.g. to release what waited for a setting. */
  onStart?: (ctx: JobContext) => Promise<void>;
}

/** Keeps a definition's payload type for its handler (like defineModule). */
export const defineJob = <S extends TSchema>(d: JobDefinition<S>): JobDefinition<S> => d;

/**
 * A cron expression running every `minutes` minutes: `*\/n` within the hour when n divides 60, at minute 0 every n/60
 * hours when that divides a day, else the nearest of those below (a job that runs a little more often is harmless:
 * every job is idempotent).
 */
export function everyMinutes(minutes: number): string {
  const m = Math.max(1, Math.floor(minutes));
  if (m < 60) {
    const d = [30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1].find((x) => x <= m && 60 % x === 0) ?? 1;
    return d === 1 ? '* * * * *' : `*/${d} * * * *`;
  }
  const h = [24, 12, 8, 6, 4, 3, 2, 1].find((x) => x <= Math.floor(m / 60)) ?? 1;
  return h === 24 ? '0 0 * * *' : h === 1 ? '0 * * * *' : `0 */${h} * * *`;
}
