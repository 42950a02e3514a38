// What the queue holds, job by job, for the administrators' page and API: how many runs wait (queued, retrying or
// scheduled for later), run now, finished in the last day, failed for good, when one last finished, and the schedule
// the queue keeps for it. Read from pg-boss's tables, as the dead letters are (dead-letters.ts); before any job runner
// has started they do not exist yet: the queue is empty.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { JOBS_SCHEMA } from './queue.ts';
import { installed, rowsOf } from './dead-letters.ts';

export interface QueueLine {
  /** The job's name (`mail.deliver`): its queue. */
  name: string;
  /** Runs waiting: queued, waiting for a retry, or to start later. */
  waiting: number;
  running: number;
  /** Runs finished in the last 24 hours. */
  doneLastDay: number;
  /** Runs that failed for good (the dead letters). */
  failed: number;
  /** When a run last finished. */
  lastDone: Date | null;
  /** The cron expression (UTC) the queue sends it by, if it has a schedule. */
  cron: string | null;
}

/** Every queue, by name, with its counts and schedule. */
export async function queueOverview(db: Db): Promise<QueueLine[]> {
  if (!(await installed(db))) return [];
  const s = sql.raw(JOBS_SCHEMA);
  const rows = rowsOf<QueueLine & { lastDone: Date | string | null }>(
    await db.execute(sql`select q.name,
        count(j.id) filter (where j.state in ('created', 'retry'))::int as waiting,
        count(j.id) filter (where j.state = 'active')::int as running,
        count(j.id) filter (where j.state = 'completed' and j.completed_on > now() - interval '24 hours')::int
          as "doneLastDay",
        count(j.id) filter (where j.state = 'failed')::int as failed,
        max(j.completed_on) filter (where j.state = 'completed') as "lastDone",
        (select min(sc.cron) from ${s}.schedule sc where sc.name = q.name) as cron
      from ${s}.queue q left join ${s}.job j on j.name = q.name
      where q.name not like '\_\_pgboss%'
      group by q.name order by q.name`),
  );
  return rows.map((r) => ({ ...r, lastDone: r.lastDone ? new Date(r.lastDone) : null }));
}
