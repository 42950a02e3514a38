// The signed-in home page as a workspace: what waits for the person (every module's tasks), their registrations and
// upcoming items (every module's calendarFor), their notifications. The data comes from platform/modules/workspace.ts
// and platform/notify; nothing here knows another module.
import type { Db } from '../../platform/db/client.ts';
import type { UserActor } from '../../platform/auth/policy.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { calendarFor, tasksFor } from '../../platform/modules/workspace.ts';
import {
  findNotification,
  isLocalUrl,
  listNotifications,
  markAllRead,
  markRead,
  type Notification,
} from '../../platform/notify/notify.service.ts';
import { createFeedToken, liveFeedToken, revokeFeedToken } from '../../platform/calendar/feed.service.ts';
import { notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/db/sql.ts';

export interface HomeContext {
  db: Db;
  actor: UserActor;
  locale: Locale;
  ip?: string | null;
}

const DAY = 86_400_000;
export const HOME_NOTIFICATIONS = 10;

export const tasksOf = (ctx: HomeContext) => tasksFor({ db: ctx.db, actor: ctx.actor, locale: ctx.locale });

export async function workspaceOf(ctx: HomeContext, now = new Date()) {
  const [tasks, upcoming, notes] = await Promise.all([
    tasksOf(ctx),
    calendarFor(ctx.db, ctx.actor.userId, { from: now, to: new Date(now.getTime() + 30 * DAY) }),
    listNotifications(ctx.db, ctx.actor.userId, { limit: HOME_NOTIFICATIONS }),
  ]);
  return { tasks, upcoming, notifications: notes };
}

export type Workspace = Awaited<ReturnType<typeof workspaceOf>>;

export const notificationsOf = (ctx: HomeContext, page: number, pageSize: number) =>
  listNotifications(ctx.db, ctx.actor.userId, { limit: pageSize, offset: (page - 1) * pageSize });

/** Marks one of the person's notifications read; 404 when it is not hers (no existence leak). */
export async function readNotification(ctx: HomeContext, id: string): Promise<Notification> {
  if (!isUuid(id)) throw notFound();
  const n = await markRead(ctx.db, ctx.actor.userId, id);
  if (!n) throw notFound();
  return n;
}

export const readAllNotifications = (ctx: HomeContext) => markAllRead(ctx.db, ctx.actor.userId);

/** Marks it read and gives the local URL to go to (the notifications page when it has none or not a local one). */
export async function openNotification(ctx: HomeContext, id: string): Promise<string> {
  const n = await readNotification(ctx, id);
  return isLocalUrl(n.url) ? n.url : '/notifications';
}

export async function notificationExists(ctx: HomeContext, id: string): Promise<boolean> {
  return isUuid(id) && !!(await findNotification(ctx.db, ctx.actor.userId, id));
}

export const feedTokenOf = (ctx: HomeContext) => liveFeedToken(ctx.db, ctx.actor.userId);
export const newFeedToken = (ctx: HomeContext) => createFeedToken(ctx.db, ctx.actor, ctx.ip);
export const dropFeedToken = (ctx: HomeContext) => revokeFeedToken(ctx.db, ctx.actor, ctx.ip);
