// The dead letters: jobs that failed for good (their last retry, or a payload their handler does not accept), read
// from pg-boss's job table for the administrators' page and API, and put back in the queue by "Retry" (what
// pg-boss's retry() does, in the caller's transaction so it is audited with it). Before any job runner has started
// the table does not exist yet: there is nothing to list.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { JOBS_SCHEMA } from './queue.ts';

export interface DeadLetter {
  id: string;
  name: string;
  /** The payload's schema version as queued (null when the data has none). */
  version: number | null;
  /** Runs made: the first and its retries. */
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  createdAt: Date;
}

/** The rows of a statement's answer (node-postgres and PGlite alike). */
export const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

/** Whether pg-boss has created its tables (a job runner has started on this database). */
export async function installed(db: Tx): Promise<boolean> {
  const [r] = rowsOf<{ t: string | null }>(
    await db.execute(sql`select to_regclass(${`${JOBS_SCHEMA}.job`})::text as t`),
  );
  return !!r?.t;
}

const COLUMNS = sql.raw(`id::text as id, name, case when jsonb_typeof(data->'v') = 'number' then (data->>'v')::int
  end as version, retry_count + 1 as attempts, coalesce(output->>'message', output->'value'->>'message') as "lastError",
  completed_on as "failedAt", created_on as "createdAt"`);
const JOB = sql.raw(`${JOBS_SCHEMA}.job`);

const toLetter = (r: DeadLetter): DeadLetter => ({
  ...r,
  failedAt: r.failedAt ? new Date(r.failedAt) : null,
  createdAt: new Date(r.createdAt),
});

/** One page of dead letters, the most recent first, and how many there are. */
export async function listDeadLetters(db: Db, page: number, pageSize: number) {
  if (!(await installed(db))) return { rows: [] as DeadLetter[], total: 0 };
  const rows = rowsOf<DeadLetter>(
    await db.execute(sql`select ${COLUMNS} from ${JOB} where state = 'failed'
      order by completed_on desc nulls last, id limit ${pageSize} offset ${(page - 1) * pageSize}`),
  );
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from ${JOB} where state = 'failed'`),
  );
  return { rows: rows.map(toLetter), total: n };
}

/** One dead letter; null when there is none with this id (or it is no longer failed). */
export async function deadLetter(db: Tx, id: string): Promise<DeadLetter | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(await installed(db))) return null;
  const [r] = rowsOf<DeadLetter>(
    await db.execute(sql`select ${COLUMNS} from ${JOB} where id = ${id}::uuid and state = 'failed'`),
  );
  return r ? toLetter(r) : null;
}

/**
 * Puts a dead letter back in the queue: one more attempt, at once (as pg-boss's retry()). False when it is not
 * failed (any more). A runner takes it at its next look.
 */
export async function retryDeadLetter(tx: Tx, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(await installed(tx))) return false;
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`update ${JOB} set state = 'retry', retry_limit = retry_limit + 1, completed_on = null,
      start_after = greatest(start_after, now()) where id = ${id}::uuid and state = 'failed' returning id`),
  );
  return rows.length > 0;
}
