// The portfolio module's part of the workspace (module contract: tasks). For a CTED analyst: the needs still without
// a response — no project link beyond "proposed" (answeredSql, needs.service.ts) (the count of /needs?answered=no).
import { and, count, min, sql } from 'drizzle-orm';
import type { Task, TaskContext } from '../../platform/modules/module.ts';
import { needs } from './portfolio.schema.ts';
import { answeredSql, needsVisibleTo } from './needs/needs.service.ts';

export async function portfolioTasks({ db, actor }: TaskContext): Promise<Task[]> {
  if (actor.role !== 'analyst') return [];
  const [r] = await db
    .select({ n: count(), first: min(needs.createdAt) })
    .from(needs)
    .where(and(needsVisibleTo(actor), sql`not ${answeredSql}`));
  const n = Number(r?.n ?? 0);
  return n ? [{ kind: 'need.respond', titleKey: 'home.task.needs', count: n, url: '/needs?answered=no' }] : [];
}
