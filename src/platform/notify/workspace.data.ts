// The personal data of the workspace (platform-owned): notifications and calendar feed tokens. Part of the
// platform's declaration (privacy/platform.data.ts). Retention: read or resolved notifications are deleted
// retentionNotificationDays after they were created (unread, unresolved ones stay: they still ask something);
// revoked feed tokens are deleted at once (the audit log keeps that they existed). Export: lists (never a token's
// hash). Erasure: both deleted.
import { and, asc, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { DataSubject, ExportSections, RetentionRule } from '../privacy/privacy.types.ts';
import { calendarFeedTokens } from '../calendar/calendar.schema.ts';
import { notifications } from './notify.schema.ts';

const DAY = 86_400_000;
const count = sql<number>`count(*)::int`;
const doneNotifications = (cutoff: Date) =>
  and(or(isNotNull(notifications.readAt), isNotNull(notifications.resolvedAt)), lt(notifications.createdAt, cutoff));

export const notificationsRule: RetentionRule = {
  kind: 'notifications',
  days: (c) => c.retentionNotificationDays,
  async due(db, config, now) {
    const cutoff = new Date(now.getTime() - config.retentionNotificationDays * DAY);
    const [d] = await db.select({ n: count }).from(notifications).where(doneNotifications(cutoff));
    const [w] = await db
      .select({ first: sql<Date | null>`min(${notifications.createdAt})` })
      .from(notifications)
      .where(
        and(
          or(isNotNull(notifications.readAt), isNotNull(notifications.resolvedAt)),
          sql`${notifications.createdAt} >= ${cutoff}`,
        ),
      );
    return {
      count: d.n,
      next: w?.first ? new Date(new Date(w.first).getTime() + config.retentionNotificationDays * DAY) : null,
    };
  },
  async apply(tx, config, now) {
    const cutoff = new Date(now.getTime() - config.retentionNotificationDays * DAY);
    return (await tx.delete(notifications).where(doneNotifications(cutoff)).returning({ id: notifications.id })).length;
  },
};

export const feedTokensRule: RetentionRule = {
  kind: 'calendar_feed_tokens',
  days: () => null,
  async due(db) {
    const [d] = await db.select({ n: count }).from(calendarFeedTokens).where(isNotNull(calendarFeedTokens.revokedAt));
    return { count: d.n, next: null };
  },
  async apply(tx) {
    return (
      await tx
        .delete(calendarFeedTokens)
        .where(isNotNull(calendarFeedTokens.revokedAt))
        .returning({ id: calendarFeedTokens.id })
    ).length;
  },
};

export async function exportWorkspace(db: Db, s: DataSubject): Promise<ExportSections> {
  if (!s.userId) return {};
  const [notes, feeds] = await Promise.all([
    db
      .select({
        kind: notifications.kind,
        messageKey: notifications.messageKey,
        values: notifications.values,
        url: notifications.url,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        resolvedAt: notifications.resolvedAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, s.userId))
      .orderBy(desc(notifications.createdAt)),
    db
      .select({
        prefix: calendarFeedTokens.prefix,
        createdAt: calendarFeedTokens.createdAt,
        lastUsedAt: calendarFeedTokens.lastUsedAt,
        revokedAt: calendarFeedTokens.revokedAt,
      })
      .from(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, s.userId))
      .orderBy(asc(calendarFeedTokens.createdAt)),
  ]);
  return { notifications: notes, calendarFeedTokens: feeds };
}

export async function eraseWorkspace(tx: Tx, s: DataSubject): Promise<number> {
  if (!s.userId) return 0;
  const a = await tx
    .delete(notifications)
    .where(eq(notifications.userId, s.userId))
    .returning({ id: notifications.id });
  const b = await tx
    .delete(calendarFeedTokens)
    .where(eq(calendarFeedTokens.userId, s.userId))
    .returning({ id: calendarFeedTokens.id });
  return a.length + b.length;
}
