// The personal iCalendar feed: a secret URL per person (/calendar/<token>.ics) that calendar clients poll. Only the
// SHA-256 of the token is kept; the URL is shown once, when created. Creating a new one revokes the old one (one live
// token per person); creation and revocation are audited. The feed holds every module's calendarFor items
// (platform/modules/workspace.ts), written by the platform's one iCalendar writer (ical.ts) in the person's language:
// timed items in their own zone with its VTIMEZONE.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { users } from '../auth/auth.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { UserActor } from '../auth/policy.ts';
import { isLocale, nameIn, translate, type Locale } from '../i18n/index.ts';
import { calendarFor } from '../modules/workspace.ts';
import { calendarFeedTokens } from './calendar.schema.ts';
import type { CalendarItem } from './calendar.types.ts';
import { writeIcs } from './ical.ts';

const PREFIX = 'ctcpcal_';
/** A token is the prefix and 43 base64url characters (256 bits). */
const TOKEN = /^ctcpcal_[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type FeedToken = Omit<typeof calendarFeedTokens.$inferSelect, 'tokenHash'>;

/** The person's live token (without its hash), if any. */
export async function liveFeedToken(db: Tx, userId: string): Promise<FeedToken | null> {
  const [r] = await db
    .select({
      id: calendarFeedTokens.id,
      userId: calendarFeedTokens.userId,
      prefix: calendarFeedTokens.prefix,
      createdAt: calendarFeedTokens.createdAt,
      lastUsedAt: calendarFeedTokens.lastUsedAt,
      revokedAt: calendarFeedTokens.revokedAt,
    })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
    .orderBy(desc(calendarFeedTokens.createdAt))
    .limit(1);
  return r ?? null;
}

async function revokeLive(tx: Tx, actor: UserActor, ip: string | null | undefined, reason: 'revoked' | 'replaced') {
  const r = await tx
    .update(calendarFeedTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeedTokens.userId, actor.userId), isNull(calendarFeedTokens.revokedAt)))
    .returning({ id: calendarFeedTokens.id, prefix: calendarFeedTokens.prefix });
  for (const t of r)
    await recordAudit(tx, {
      action: 'calendar.feed.revoked',
      actor,
      targetType: 'calendar_feed_token',
      targetId: t.id,
      ip,
      details: { prefix: t.prefix, reason },
    });
  return r.length;
}

/** Creates the person's feed token (revoking a live one); returns the token, to be shown once. */
export async function createFeedToken(db: Db, actor: UserActor, ip?: string | null): Promise<string> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await revokeLive(tx, actor, ip, 'replaced');
    const [row] = await tx
      .insert(calendarFeedTokens)
      .values({ userId: actor.userId, prefix: token.slice(0, PREFIX.length + 6), tokenHash: hash(token) })
      .returning({ id: calendarFeedTokens.id, prefix: calendarFeedTokens.prefix });
    await recordAudit(tx, {
      action: 'calendar.feed.created',
      actor,
      targetType: 'calendar_feed_token',
      targetId: row.id,
      ip,
      details: { prefix: row.prefix },
    });
  });
  return token;
}

/** Revokes the person's live token; returns whether there was one. */
export async function revokeFeedToken(db: Db, actor: UserActor, ip?: string | null): Promise<boolean> {
  return db.transaction(async (tx) => (await revokeLive(tx, actor, ip, 'revoked')) > 0);
}

/** The person a live token belongs to (null: unknown, revoked, malformed, or the account is disabled). */
export async function resolveFeedToken(
  db: Db,
  token: string,
): Promise<{ userId: string; locale: Locale; name: string } | null> {
  if (!TOKEN.test(token)) return null;
  const [r] = await db
    .select({ id: calendarFeedTokens.id, userId: users.id, locale: users.locale, name: users.name })
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .where(
      and(
        eq(calendarFeedTokens.tokenHash, hash(token)),
        isNull(calendarFeedTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    );
  if (!r) return null;
  await db.update(calendarFeedTokens).set({ lastUsedAt: sql`now()` }).where(eq(calendarFeedTokens.id, r.id));
  return { userId: r.userId, locale: isLocale(r.locale) ? r.locale : 'en', name: r.name };
}

export const itemTitle = (i: CalendarItem, locale: Locale) =>
  typeof i.title === 'string' ? i.title : nameIn(i.title, locale);

/** The person's feed: every module's items from 30 days ago on, in their language. */
export async function feedIcs(db: Db, person: { userId: string; locale: Locale }, baseUrl: string): Promise<string> {
  const items = await calendarFor(db, person.userId, { from: new Date(Date.now() - 30 * 86_400_000) });
  return writeIcs({
    method: 'publish',
    locale: person.locale,
    name: translate(person.locale, 'feed.calendarName'),
    ttl: 300,
    items: items.map((i) => {
      const url = i.url ? `${baseUrl}${i.url}` : null;
      return {
        uid: i.uid,
        sequence: i.sequence ?? 0,
        start: i.start,
        end: i.end,
        allDay: i.allDay ?? false,
        timeZone: i.timeZone ?? null,
        summary: itemTitle(i, person.locale),
        description: [i.kindKey ? translate(person.locale, i.kindKey) : '', i.timeZone ?? '', url ?? '']
          .filter(Boolean)
          .join('\n\n'),
        location: i.location ?? null,
        url,
        status: i.status ?? 'confirmed',
      };
    }),
  });
}
