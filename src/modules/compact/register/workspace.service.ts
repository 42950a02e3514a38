// The register's part of the person's workspace (module contract: tasks, calendarFor): open actions of the person or
// their entities due within 14 days or overdue; decisions of the bodies they manage due for review; the actions' due
// dates as all-day calendar items.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import type { CalendarItem, Task, TaskContext } from '../../../platform/modules/module.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import { membershipsOf } from '../../directory/index.ts';
import { bodyRef, canManageBody, listBodies } from '../structure/structure.service.ts';
import { compactActions, compactDecisions } from './register.schema.ts';
import { actionVisibleSql, dayOf, mineSql } from './register.service.ts';

const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
const OPEN = ['open', 'in_progress'] as const;

export async function registerTasks(ctx: TaskContext): Promise<Task[]> {
  const today = dayOf(new Date());
  const tasks: Task[] = [];
  const [a] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, due: sql<string | null>`min(${compactActions.dueOn})::text` })
    .from(compactActions)
    .where(
      and(
        inArray(compactActions.status, [...OPEN]),
        sql`${compactActions.dueOn} <= ${addDays(today, 14)}::date`,
        mineSql(ctx.actor.orgIds, ctx.actor.personId),
        actionVisibleSql(ctx.actor),
      ),
    );
  if (a && a.n > 0)
    tasks.push({
      kind: 'compact.actions.due',
      titleKey: 'register.tasks.actionsDue',
      count: a.n,
      url: `/compact/register?mine=1&dueBefore=${addDays(today, 14)}`,
      due: a.due ? new Date(`${a.due}T00:00:00Z`) : null,
    });
  const managed: string[] = [];
  for (const b of await listBodies(ctx.db))
    if (canManageBody(ctx.actor, await bodyRef(ctx.db, b.id))) managed.push(b.id);
  if (managed.length) {
    // Due for review: the review date within the next 14 days or in the last 30.
    const [d] = await ctx.db
      .select({ n: sql<number>`count(*)::int`, due: sql<string | null>`min(${compactDecisions.reviewOn})::text` })
      .from(compactDecisions)
      .where(
        and(
          inArray(compactDecisions.bodyId, managed),
          sql`${compactDecisions.reviewOn} between ${addDays(today, -30)}::date and ${addDays(today, 14)}::date`,
        ),
      );
    if (d && d.n > 0)
      tasks.push({
        kind: 'compact.decisions.review',
        titleKey: 'register.tasks.decisionsReview',
        count: d.n,
        url: `/compact/register?view=decisions&reviewBefore=${addDays(today, 14)}`,
        due: d.due ? new Date(`${d.due}T00:00:00Z`) : null,
      });
  }
  return tasks;
}

/** The open actions owned by the person or their entities, as all-day items on their due dates. */
export async function registerCalendar(db: Db, userId: string): Promise<CalendarItem[]> {
  const [u] = await db.select({ personId: users.personId }).from(users).where(eq(users.id, userId));
  if (!u) return [];
  const orgIds = u.personId ? (await membershipsOf(db, u.personId)).map((m) => m.organizationId) : [];
  const rows = await db
    .select({ id: compactActions.id, title: compactActions.title, dueOn: compactActions.dueOn })
    .from(compactActions)
    .where(and(inArray(compactActions.status, [...OPEN]), isNotNull(compactActions.dueOn), mineSql(orgIds, u.personId)))
    .orderBy(asc(compactActions.dueOn));
  return rows.map((r) => {
    const start = new Date(`${r.dueOn}T00:00:00Z`);
    const title = Object.fromEntries(
      LOCALES.map((l) => [l, textIn(r.title, l)]).filter(([, t]) => t),
    ) as CalendarItem['title'];
    return {
      uid: `action-${r.id}@ctcp`,
      title:
        typeof title === 'object' && !(title as Record<string, string>).en
          ? { ...title, en: textIn(r.title, 'en') }
          : title,
      start,
      end: new Date(start.getTime() + 86_400_000),
      allDay: true,
      url: `/compact/register/actions/${r.id}`,
      status: 'confirmed',
      kindKey: 'register.calendar.actionDue',
    };
  });
}
