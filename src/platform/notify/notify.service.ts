// In-app notifications (platform-owned; docs/architecture.md, "Notifications"). A module notifies a person in the
// transaction that caused the event; the message is a catalogue key with values, rendered in the reader's language
// when shown (and, for notifyAndMail, in the recipient's language in the e-mail). A dedupe key makes one event notify
// once: the insert is one conditional statement (INSERT … ON CONFLICT DO NOTHING RETURNING), so concurrent callers
// agree on which of them created it, and only that one queues the e-mail.
import { and, count, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { escapeLike } from '../db/sql.ts';
import { users } from '../auth/auth.schema.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import { queueMail } from '../mail/mailer.ts';
import { renderEmail } from '../mail/template.tsx';
import { notifications, type NotificationValues } from './notify.schema.ts';

export type { NotificationValues };
export type Notification = typeof notifications.$inferSelect;

export interface NotifyInput {
  userId: string;
  /** What it is about, for grouping and the API (`consent_report`, …). */
  kind: string;
  /** A catalogue key (every locale file holds it) and its values. */
  messageKey: string;
  values?: NotificationValues;
  /** A local path (`/assessments/…`) the notification opens; absolute URLs are never followed. */
  url?: string | null;
  /**
   * Makes the notification unique: a second notify with the same key creates nothing. Keys are `:`-separated segments,
   * most general first (`consent:report:<reportId>:<userId>`), so resolveNotifications can settle a family by prefix.
   * The key is global: include the recipient when several people are notified of one thing.
   */
  dedupeKey?: string | null;
}

export interface NotifyMail {
  /** The e-mail's subject key (the body is the notification's message, the action its URL). */
  subjectKey: string;
  /** The outbox kind (`consent_report_available`, …). */
  kind: string;
  /** Absolute base of the platform's URLs (config.baseUrl), for the e-mail's link. */
  baseUrl: string;
  smtpConfigured: boolean;
  /** Further paragraphs after the message (no confidential content: e-mails leave the platform). */
  paragraphs?: { key: string; values?: NotificationValues }[];
  /** The action link's label (default `notifications.emailAction`). */
  actionKey?: string;
}

/** A local path only: one leading `/`, not `//` nor `/\` (which browsers read as another host). */
export const isLocalUrl = (url: string | null | undefined): url is string =>
  typeof url === 'string' && /^\/(?![/\\])/.test(url) && !/[\u0000-\u001f]/.test(url);

/** Creates the notification in the caller's transaction; returns whether it is new (false: the dedupe key existed). */
export async function notify(tx: Tx, n: NotifyInput): Promise<{ created: boolean; id: string | null }> {
  const values = {
    userId: n.userId,
    kind: n.kind,
    messageKey: n.messageKey,
    values: n.values ?? {},
    url: isLocalUrl(n.url) ? n.url : null,
    dedupeKey: n.dedupeKey ?? null,
  };
  const rows = n.dedupeKey
    ? await tx
        .insert(notifications)
        .values(values)
        .onConflictDoNothing({ target: notifications.dedupeKey })
        .returning({ id: notifications.id })
    : await tx.insert(notifications).values(values).returning({ id: notifications.id });
  return { created: rows.length > 0, id: rows[0]?.id ?? null };
}

/**
 * notify, and only when the notification is new, an e-mail with the same message in the recipient's language (the
 * account's language, address and name: the platform's users table). Disabled accounts get the notification only.
 */
export async function notifyAndMail(
  tx: Tx,
  n: NotifyInput & { mail: NotifyMail },
): Promise<{ created: boolean; id: string | null; mailed: boolean }> {
  const r = await notify(tx, n);
  if (!r.created) return { ...r, mailed: false };
  const [u] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, n.userId));
  if (!u || u.disabledAt) return { ...r, mailed: false };
  const locale: Locale = isLocale(u.locale) ? u.locale : 'en';
  const url = isLocalUrl(n.url) ? n.url : null;
  const mail = renderEmail(locale, u.name, {
    subjectKey: n.mail.subjectKey,
    paragraphs: [{ key: n.messageKey }, ...(n.mail.paragraphs ?? [])],
    values: n.values ?? {},
    action: url
      ? { labelKey: n.mail.actionKey ?? 'notifications.emailAction', url: `${n.mail.baseUrl}${url}` }
      : undefined,
  });
  await queueMail(tx, { to: u.email, locale, kind: n.mail.kind, ...mail }, n.mail.smtpConfigured);
  return { ...r, mailed: true };
}

/** The dedupe key itself or any key below it (`prefix:…`); `%`/`_` in the prefix are literal. */
const underKey = (prefix: string) =>
  or(eq(notifications.dedupeKey, prefix), like(notifications.dedupeKey, `${escapeLike(prefix)}:%`));

/**
 * Marks the unresolved notifications whose dedupe key is `prefix` or starts with `prefix:` resolved (the matter was
 * settled: they leave the unread count and the "to do" part). Returns how many.
 */
export async function resolveNotifications(tx: Tx, dedupeKeyPrefix: string): Promise<number> {
  if (!dedupeKeyPrefix) return 0;
  const r = await tx
    .update(notifications)
    .set({ resolvedAt: sql`now()` })
    .where(and(underKey(dedupeKeyPrefix), isNull(notifications.resolvedAt)))
    .returning({ id: notifications.id });
  return r.length;
}

/** Unread and unresolved: what the header counts. */
const unread = (userId: string) =>
  and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.resolvedAt));

export async function unreadCount(db: Tx, userId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(notifications).where(unread(userId));
  return Number(r?.n ?? 0);
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

/** A person's notifications, newest first. */
export async function listNotifications(
  db: Db,
  userId: string,
  opts: { limit: number; offset?: number },
): Promise<NotificationPage> {
  const [items, [t], u] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit)
      .offset(opts.offset ?? 0),
    db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)),
    unreadCount(db, userId),
  ]);
  return { items, total: Number(t?.n ?? 0), unread: u };
}

/** One of the person's notifications (null when it is someone else's or does not exist: the caller answers 404). */
export async function findNotification(db: Tx, userId: string, id: string): Promise<Notification | null> {
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return n ?? null;
}

/** Marks one of the person's notifications read; false when it is not hers. Reading twice keeps the first time. */
export async function markRead(tx: Tx, userId: string, id: string): Promise<Notification | null> {
  const n = await findNotification(tx, userId, id);
  if (!n) return null;
  if (n.readAt) return n;
  const [r] = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return r ?? n;
}

/** Marks every unread notification of the person read; returns how many. */
export async function markAllRead(tx: Tx, userId: string): Promise<number> {
  const r = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return r.length;
}
