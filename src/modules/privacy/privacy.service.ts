// Personal-data rights: the retention overview and its application, a person's erasure (every owner's part in one
// transaction, audited without personal data), and a person's own data as JSON. The owners come from the platform's
// registry (app.ts registers the module list), so this module never imports the module list that lists it.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/client.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { authorize, isUser, type Actor } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/db/sql.ts';
import { applyRetention, personalDataOwners, retentionStatus, rulesOf } from '../../platform/privacy/retention.ts';
import type { DataSubject, PersonalDataOwner } from '../../platform/privacy/privacy.types.ts';

export interface PrivacyContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip?: string;
}

export const ERASURE_AUDIT_ACTION = 'privacy.erasure';

/** Every rule: days, rows due now, next removal; and the last application. */
export async function retentionOverview(ctx: PrivacyContext, now = new Date()) {
  authorize(ctx.actor, 'privacy.retention.manage');
  return retentionStatus(ctx.db, personalDataOwners(), ctx.config, now);
}

/** The retention rules in force and their periods in days (null: removed at expiry), for the public privacy notice. */
export function retentionRules(config: Config): { kind: string; days: number | null }[] {
  return rulesOf(personalDataOwners()).map(({ rule }) => ({ kind: rule.kind, days: rule.days(config) }));
}

/** Applies every rule now (the button on the page, the API); 409 when another process is applying them. */
export async function runRetentionNow(ctx: PrivacyContext) {
  authorize(ctx.actor, 'privacy.retention.manage');
  const r = await applyRetention(ctx.db, personalDataOwners(), ctx.config, { actor: ctx.actor, ip: ctx.ip ?? null });
  if (!r.ran) throw conflict('privacy.retention.busy');
  return r;
}

async function subjectOfUser(db: Db, userId: string, erasing: boolean): Promise<DataSubject & { role: string }> {
  if (!isUuid(userId)) throw notFound();
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, personId: users.personId, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!u) throw notFound();
  const hex = randomBytes(6).toString('hex');
  return {
    userId: u.id,
    personId: u.personId,
    email: u.email.toLowerCase(),
    name: u.name,
    role: u.role,
    pseudonym: erasing ? `Erased person ${hex.slice(0, 8).toUpperCase()}` : '',
    pseudonymEmail: erasing ? `erased-${hex}@invalid` : '',
  };
}

/** The account with this e-mail address (the erasure form); 404 when there is none. */
export async function findUserForErasure(ctx: PrivacyContext, email: string): Promise<string> {
  authorize(ctx.actor, 'privacy.erasure.perform');
  const [u] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  if (!u) throw new AppError('not_found', 404, 'privacy.erasure.noSuchUser');
  return u.id;
}

/** True when the subject is the only platform administrator still enabled. */
async function isLastAdmin(db: Db, s: { userId: string | null; role: string }): Promise<boolean> {
  if (s.role !== 'platform_admin' || !s.userId) return false;
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'platform_admin'), isNull(users.disabledAt), ne(users.id, s.userId)));
  return n === 0;
}

export interface SectionCount {
  owner: string;
  section: string;
  count: number;
}

async function collect(db: Db, owners: readonly PersonalDataOwner[], s: DataSubject) {
  const data: Record<string, Record<string, unknown[]>> = {};
  for (const o of owners) if (o.personalData?.exportFor) data[o.name] = await o.personalData.exportFor(db, s);
  return data;
}

const countsOf = (data: Record<string, Record<string, unknown[]>>): SectionCount[] =>
  Object.entries(data).flatMap(([owner, sections]) =>
    Object.entries(sections).map(([section, rows]) => ({ owner, section, count: rows.length })),
  );

/** What an erasure of this account would remove: the person, counts per kind of record, whether it is refused. */
export async function erasurePreview(ctx: PrivacyContext, userId: string) {
  authorize(ctx.actor, 'privacy.erasure.perform');
  const s = await subjectOfUser(ctx.db, userId, false);
  const counts = countsOf(await collect(ctx.db, personalDataOwners(), s));
  return {
    userId: s.userId as string,
    email: s.email as string,
    name: s.name as string,
    counts,
    lastAdmin: await isLastAdmin(ctx.db, s),
    erased: (s.email ?? '').endsWith('@invalid'),
  };
}

/**
 * Erases the account's person everywhere, in one transaction: each owner's `erase`, then the audit entry
 * `privacy.erasure` naming the pseudonym only. Refused for the last enabled platform administrator.
 */
export async function eraseUser(ctx: PrivacyContext, userId: string) {
  authorize(ctx.actor, 'privacy.erasure.perform');
  const s = await subjectOfUser(ctx.db, userId, true);
  if (await isLastAdmin(ctx.db, s)) throw conflict('privacy.erasure.lastAdmin');
  const owners = personalDataOwners();
  return ctx.db.transaction(async (tx) => {
    const rows: Record<string, number> = {};
    for (const o of owners) if (o.personalData?.erase) rows[o.name] = await o.personalData.erase(tx, s);
    await recordAudit(tx, {
      action: ERASURE_AUDIT_ACTION,
      actor: ctx.actor,
      targetType: 'user',
      targetId: s.pseudonym,
      ip: ctx.ip ?? null,
      details: { rows },
    });
    return { pseudonym: s.pseudonym, rows };
  });
}

/** The signed-in person's own data, from every owner (no password, token or session hashes). */
export async function myData(ctx: PrivacyContext) {
  authorize(ctx.actor, 'privacy.export.own');
  if (!isUser(ctx.actor)) throw notFound();
  const s = await subjectOfUser(ctx.db, ctx.actor.userId, false);
  return {
    exportedAt: new Date().toISOString(),
    subject: { id: s.userId, email: s.email, name: s.name },
    data: await collect(ctx.db, personalDataOwners(), s),
  };
}
