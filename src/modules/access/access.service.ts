// Accounts: sign-in with lockout, two-factor, invitations, password reset, settings, API tokens.
import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Config } from '../../config.ts';
import type { Database, Db, Tx } from '../../platform/db/client.ts';
import { apiTokens, users, type Role } from '../../platform/auth/auth.schema.ts';
import { authorize, type Actor, type UserActor } from '../../platform/auth/policy.ts';
import { requiresMfa } from '../../platform/auth/classification.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { queueMail } from '../../platform/mail/mailer.ts';
import { renderEmail } from '../../platform/mail/template.tsx';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.ts';
import { seal, unseal } from '../../platform/auth/secrets.ts';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/auth/totp.ts';
import {
  API_TOKEN_PREFIX,
  createSession,
  destroyPendingSessions,
  destroySession,
  destroyUserSessions,
  newToken,
  rotateSession,
  sha256,
} from '../../platform/auth/session.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';
import { isTimeZone } from '../../platform/i18n/time.ts';
import { countryZone, isOfferedZone } from '../../platform/i18n/zones.ts';
import type { LoadedUser, ResolvedCredential } from '../../platform/http/index.ts';
import { invitations, passwordResets } from './access.schema.ts';
import { roleFitsOrganization } from './access.policy.ts';
import {
  addMembership,
  ensurePerson,
  membershipTiesSql,
  membershipsOf,
  findVisibleOrganization,
  organizationTypes,
  countryOfOrganizations,
} from '../directory/index.ts';
import { hasSecondFactor, hasSecondFactorSql } from './passkeys/passkeys.sql.ts';
import { nameErrors } from '../../platform/integrity/index.ts';

export interface ServiceContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip?: string | null;
}

export const normalizeEmail = (e: string) => e.trim().toLowerCase();
const TOTP_PURPOSE = 'totp';
export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** Builds the actor for a user id: role, memberships, focal-point ties. */
export async function loadActor(
  db: Db,
  userId: string,
  via: 'session' | 'token',
  mfa: boolean,
  scopes: string[],
): Promise<LoadedUser | null> {
  const u = (
    await db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.disabledAt)))
      .limit(1)
  )[0];
  if (!u) return null;
  const ms = u.personId ? await membershipsOf(db, u.personId) : [];
  // "Has a second factor": TOTP or a passkey (passkeys/passkeys.sql.ts).
  const totpEnabled = !!u.totpEnabledAt || (await hasSecondFactor(db, u.id));
  const actor: UserActor = {
    kind: 'user',
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    personId: u.personId,
    orgIds: ms.map((m) => m.organizationId),
    focalOrgIds: ms.filter((m) => m.focalPoint).map((m) => m.organizationId),
    mfa: via === 'token' ? totpEnabled : mfa && totpEnabled,
    via,
    scopes,
  };
  return {
    actor,
    totpEnabled,
    locale: isLocale(u.locale) ? u.locale : 'en',
    timeZone: u.timeZone,
    timeZoneConfirmed: !!u.timeZoneConfirmedAt,
  };
}

export interface CredentialTimes {
  idleMinutes: number;
  maxHours: number;
}

/**
 * Resolves a session cookie or an API token to its user in one query (credential, user, memberships):
 * this runs on every request. Refuses expired, idle, revoked credentials and disabled users.
 */
export async function resolveCredential(
  database: Database,
  kind: 'session' | 'token',
  raw: string,
  times: CredentialTimes,
): Promise<ResolvedCredential | null> {
  if (kind === 'token' && !raw.startsWith(API_TOKEN_PREFIX)) return null;
  const hash = sha256(raw);
  const cred =
    kind === 'session'
      ? `select s.id as cred_id, s.user_id, s.mfa_verified, '{}'::text[] as scopes, s.last_seen_at as touched,
       s.expires_at as until
       from sessions s where s.id = $1 and s.expires_at > now()
       and s.last_seen_at > now() - make_interval(mins => $2::int)`
      : `select t.id::text as cred_id, t.user_id, true as mfa_verified, t.scopes, t.last_used_at as touched,
       t.expires_at as until
       from api_tokens t where t.token_hash = $1 and t.revoked_at is null
       and (t.expires_at is null or t.expires_at > now()) and $2::int >= 0`;
  const rows = await database.query<{
    cred_id: string;
    user_id: string;
    mfa_verified: boolean;
    scopes: string[];
    touched: Date | string | null;
    until: Date | string | null;
    email: string;
    name: string;
    role: Role;
    person_id: string | null;
    locale: string;
    time_zone: string;
    tz_confirmed: boolean;
    totp: boolean;
    ms: { o: string; f: boolean }[] | string;
  }>(
    `select c.*, u.email, u.name, u.role, u.person_id, u.locale, u.time_zone,
        u.time_zone_confirmed_at is not null as tz_confirmed, ${hasSecondFactorSql('u')} as totp,
        ${membershipTiesSql('u.person_id')} as ms
      from (${cred}) c join users u on u.id = c.user_id where u.disabled_at is null`,
    [hash, times.idleMinutes],
  );
  const r = rows[0];
  if (!r) return null;
  const touched = r.touched ? new Date(r.touched).getTime() : 0;
  const touchNow = Date.now() - touched > 60_000;
  // How long this answer stays true without any change being made: to the expiry, and for a session to the end of
  // its idle time (counted from this request when it is recorded below, otherwise from the one recorded).
  let validUntil = r.until ? new Date(r.until).getTime() : Number.POSITIVE_INFINITY;
  if (kind === 'session')
    validUntil = Math.min(validUntil, (touchNow ? Date.now() : touched) + times.idleMinutes * 60_000);
  if (touchNow) {
    await database.query(
      kind === 'session'
        ? 'update sessions set last_seen_at = now() where id = $1'
        : 'update api_tokens set last_used_at = now() where id = $1::uuid',
      [r.cred_id],
    );
  }
  const ms = typeof r.ms === 'string' ? (JSON.parse(r.ms) as { o: string; f: boolean }[]) : r.ms;
  const totpEnabled = !!r.totp;
  const actor: UserActor = {
    kind: 'user',
    userId: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role,
    personId: r.person_id,
    orgIds: ms.map((m) => m.o),
    focalOrgIds: ms.filter((m) => m.f).map((m) => m.o),
    mfa: kind === 'token' ? totpEnabled : !!r.mfa_verified && totpEnabled,
    via: kind,
    scopes: r.scopes ?? [],
  };
  return {
    actor,
    totpEnabled,
    locale: isLocale(r.locale) ? r.locale : 'en',
    timeZone: r.time_zone,
    timeZoneConfirmed: !!r.tz_confirmed,
    credentialId: r.cred_id,
    mfaVerified: !!r.mfa_verified,
    validUntil,
  };
}

// ---------- sign-in ----------

export type SignInResult = { ok: true; token: string; needsMfa: boolean; userId: string } | { ok: false };

/** An account not locked now, as SQL (the condition every sign-in step re-checks in its own UPDATE). */
const notLocked = or(isNull(users.lockedUntil), lte(users.lockedUntil, sql`now()`))!;

/**
 * One answer for unknown accounts, wrong passwords and locked accounts; the same argon2 work in every case.
 * Counting failures and locking is one conditional UPDATE (no lost update under concurrency), and a success is decided
 * by one too: an account that concurrent failures locked meanwhile stays locked.
 */
export async function signIn(
  ctx: ServiceContext,
  email: string,
  password: string,
  userAgent?: string,
): Promise<SignInResult> {
  const { db, config } = ctx;
  const addr = normalizeEmail(email);
  const u = (await db.select().from(users).where(eq(users.email, addr)).limit(1))[0];
  const passwordOk = await verifyPassword(u?.passwordHash, password);
  if (u && passwordOk && !u.disabledAt) {
    const signedIn = await db.transaction(async (tx) => {
      const [ok] = await tx
        .update(users)
        .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date() })
        .where(and(eq(users.id, u.id), isNull(users.disabledAt), notLocked))
        .returning({ id: users.id });
      if (!ok) return null;
      // Any second factor (TOTP or a passkey) is asked for next.
      const needsMfa = !!u.totpEnabledAt || (await hasSecondFactor(tx, u.id));
      const token = await createSession(tx, u.id, false, sessionTimes(config), userAgent);
      await recordAudit(tx, {
        action: 'auth.sign_in.success',
        actor: { id: u.id, label: u.email },
        targetType: 'user',
        targetId: u.id,
        ip: ctx.ip,
        details: { mfaPending: needsMfa },
      });
      return { ok: true as const, token, needsMfa, userId: u.id };
    });
    if (signedIn) return signedIn;
  }
  await db.transaction(async (tx) => {
    let reason = !u ? 'unknown' : u.disabledAt ? 'disabled' : passwordOk ? 'locked' : 'password';
    if (u && !u.disabledAt && !passwordOk) {
      const reached = sql`${users.failedSignIns} + 1 >= ${config.lockoutThreshold}`;
      const [counted] = await tx
        .update(users)
        .set({
          failedSignIns: sql`case when ${reached} then 0 else ${users.failedSignIns} + 1 end`,
          lockedUntil: sql`case when ${reached} then now() + make_interval(mins => ${config.lockoutMinutes}::int)
            else ${users.lockedUntil} end`,
        })
        .where(and(eq(users.id, u.id), notLocked))
        .returning({ lockedNow: sql<boolean>`${users.lockedUntil} is not null and ${users.lockedUntil} > now()` });
      if (!counted) reason = 'locked';
      else if (counted.lockedNow)
        await recordAudit(tx, {
          action: 'auth.lockout',
          actor: { id: u.id, label: addr },
          targetType: 'user',
          targetId: u.id,
          ip: ctx.ip,
        });
    }
    await recordAudit(tx, {
      action: 'auth.sign_in.failure',
      actor: { id: null, label: addr.slice(0, 200) },
      ip: ctx.ip,
      details: { reason },
    });
  });
  return { ok: false };
}

const sessionTimes = (config: Config) => ({ idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours });

/**
 * The end of every second-factor check (TOTP, passkey, recovery code): the password-pending session is replaced by a
 * new, verified one under a new token (no session fixation across the privilege change), audited with its method.
 */
export async function completeSecondFactor(
  tx: Tx,
  ctx: ServiceContext,
  input: { userId: string; sessionId: string; method: string },
): Promise<{ token: string }> {
  const token = await rotateSession(tx, input.sessionId, input.userId, true, sessionTimes(ctx.config));
  if (!token) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
  const [u] = await tx
    .update(users)
    .set({ mfaFailures: 0 })
    .where(eq(users.id, input.userId))
    .returning({ email: users.email });
  await recordAudit(tx, {
    action: 'auth.mfa.success',
    actor: { id: input.userId, label: u?.email ?? null },
    targetType: 'user',
    targetId: input.userId,
    ip: ctx.ip,
    details: { method: input.method },
  });
  return { token };
}

/**
 * A wrong second factor, counted per account in one statement. The failure that reaches the limit (exactly one, even
 * under concurrency) ends every password-pending session of the account and locks it for lockoutMinutes.
 */
export async function secondFactorFailed(
  tx: Tx,
  ctx: ServiceContext,
  input: { userId: string; method: string; reason?: string },
): Promise<{ ended: boolean }> {
  const { config } = ctx;
  const [r] = await tx
    .update(users)
    .set({ mfaFailures: sql`${users.mfaFailures} + 1` })
    .where(eq(users.id, input.userId))
    .returning({ n: users.mfaFailures, email: users.email });
  const actor = { id: input.userId, label: r?.email ?? null };
  await recordAudit(tx, {
    action: 'auth.mfa.failure',
    actor,
    targetType: 'user',
    targetId: input.userId,
    ip: ctx.ip,
    details: { method: input.method, ...(input.reason ? { reason: input.reason } : {}) },
  });
  if (!r || r.n !== config.mfaAttemptLimit) return { ended: !!r && r.n > config.mfaAttemptLimit };
  await tx
    .update(users)
    .set({ mfaFailures: 0, lockedUntil: sql`now() + make_interval(mins => ${config.lockoutMinutes}::int)` })
    .where(eq(users.id, input.userId));
  await destroyPendingSessions(tx, input.userId);
  await recordAudit(tx, {
    action: 'auth.mfa.lockout',
    actor,
    targetType: 'user',
    targetId: input.userId,
    ip: ctx.ip,
    details: { failures: r.n },
  });
  return { ended: true };
}

export type SecondFactorResult = { ok: true; token: string } | { ok: false; ended: boolean };

/**
 * Checks a TOTP code for a password-pending session. The code's time step is claimed by one conditional UPDATE, so a
 * code signs in one session only, however many send it at once; a replayed code is refused without counting as wrong.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  userId: string,
  sessionId: string,
  code: string,
): Promise<SecondFactorResult> {
  const { db, config } = ctx;
  const u = (await db.select().from(users).where(eq(users.id, userId)).limit(1))[0];
  if (!u?.totpSecret || !u.totpEnabledAt || u.disabledAt) return { ok: false, ended: false };
  const step = await checkTotp(
    unseal(config.sessionSecret, TOTP_PURPOSE, u.totpSecret),
    code.replace(/\s/g, ''),
    u.totpLastStep,
  );
  return db.transaction(async (tx): Promise<SecondFactorResult> => {
    if (step === null) return { ok: false, ...(await secondFactorFailed(tx, ctx, { userId, method: 'totp' })) };
    const [claimed] = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, u.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (!claimed) {
      await recordAudit(tx, {
        action: 'auth.mfa.failure',
        actor: { id: u.id, label: u.email },
        targetType: 'user',
        targetId: u.id,
        ip: ctx.ip,
        details: { method: 'totp', reason: 'replayed' },
      });
      return { ok: false, ended: false };
    }
    const { token } = await completeSecondFactor(tx, ctx, { userId, sessionId, method: 'totp' });
    return { ok: true, token };
  });
}

export async function signOut(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await destroySession(tx, sessionId);
    await recordAudit(tx, { action: 'auth.sign_out', actor: ctx.actor, ip: ctx.ip });
  });
}

// ---------- two-factor enrolment ----------

export async function startTotpEnrolment(ctx: ServiceContext): Promise<{ secret: string; uri: string }> {
  authorize(ctx.actor, 'account.manage');
  const secret = newTotpSecret();
  await ctx.db
    .update(users)
    .set({ totpSecret: seal(ctx.config.sessionSecret, TOTP_PURPOSE, secret), totpEnabledAt: null })
    .where(and(eq(users.id, ctx.actor.userId), isNull(users.totpEnabledAt)));
  const u = (await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0];
  if (u.totpEnabledAt) throw new AppError('conflict', 409, 'mfa.alreadyEnabled');
  return { secret, uri: totpUri(secret, u.email, 'CTCP') };
}

export async function pendingTotpSecret(ctx: ServiceContext): Promise<string | null> {
  authorize(ctx.actor, 'account.manage');
  const u = (await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0];
  return u.totpSecret && !u.totpEnabledAt ? unseal(ctx.config.sessionSecret, TOTP_PURPOSE, u.totpSecret) : null;
}

/** Turns the pending key on; the session that confirmed it is replaced by a new, verified one (its token returned). */
export async function confirmTotpEnrolment(ctx: ServiceContext, sessionId: string, code: string): Promise<string> {
  authorize(ctx.actor, 'account.manage');
  const secret = await pendingTotpSecret(ctx);
  if (!secret) throw new AppError('conflict', 409, 'mfa.notStarted');
  const step = await checkTotp(secret, code.replace(/\s/g, ''));
  if (step === null) throw invalid([{ field: 'code', messageKey: 'mfa.wrongCode' }]);
  const userId = (ctx.actor as UserActor).userId;
  return ctx.db.transaction(async (tx) => {
    const [on] = await tx
      .update(users)
      .set({ totpEnabledAt: new Date(), totpLastStep: step })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!on) throw new AppError('conflict', 409, 'mfa.alreadyEnabled');
    await destroyUserSessions(tx, userId, sessionId);
    const token = await rotateSession(tx, sessionId, userId, true, sessionTimes(ctx.config));
    if (!token) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
    await recordAudit(tx, {
      action: 'auth.mfa.enabled',
      actor: ctx.actor,
      targetType: 'user',
      targetId: userId,
      ip: ctx.ip,
    });
    return token;
  });
}

export async function disableTotp(ctx: ServiceContext, password: string): Promise<void> {
  authorize(ctx.actor, 'account.manage');
  if (requiresMfa(ctx.actor.role)) throw new AppError('forbidden', 403, 'mfa.requiredForRole');
  const u = (await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0];
  if (!(await verifyPassword(u.passwordHash, password)))
    throw invalid([{ field: 'password', messageKey: 'account.wrongPassword' }]);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, u.id));
    await recordAudit(tx, {
      action: 'auth.mfa.disabled',
      actor: ctx.actor,
      targetType: 'user',
      targetId: u.id,
      ip: ctx.ip,
    });
  });
}

// ---------- account settings ----------

export async function getAccount(ctx: ServiceContext) {
  authorize(ctx.actor, 'account.manage');
  const u = (await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0];
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    timeZone: u.timeZone,
    totpEnabled: !!u.totpEnabledAt,
    createdAt: u.createdAt,
  };
}

export async function updateSettings(
  ctx: ServiceContext,
  input: { name: string; locale: string; timeZone: string },
): Promise<void> {
  authorize(ctx.actor, 'account.manage');
  const fields: FieldError[] = [];
  if (!input.name.trim()) fields.push({ field: 'name', messageKey: 'validation.required' });
  // the name goes on participants' and speakers' lists
  else fields.push(...nameErrors({ name: input.name }));
  if (!isLocale(input.locale)) fields.push({ field: 'locale', messageKey: 'validation.choice' });
  if (!zoneAccepted(input.timeZone)) fields.push({ field: 'timeZone', messageKey: 'account.badTimeZone' });
  if (fields.length) throw invalid(fields);
  // Choosing a zone here confirms it: the first sign-in's question is not asked again (the first answer's time kept).
  await ctx.db
    .update(users)
    .set({
      name: input.name.trim(),
      locale: input.locale,
      timeZone: input.timeZone,
      timeZoneConfirmedAt: sql`coalesce(${users.timeZoneConfirmedAt}, now())`,
    })
    .where(eq(users.id, ctx.actor.userId));
}

// ---------- time zone: asked at the first sign-in, remembered ----------

/** A zone from the list offered, or another name of a tz database zone (an older alias an account may have). */
const zoneAccepted = (zone: string) => isOfferedZone(zone) || (zone.includes('/') && isTimeZone(zone));

/** Where to go after signing in: the time-zone question first, until the person has answered it once. */
export async function nextAfterSignIn(db: Db, userId: string, next: string): Promise<string> {
  const [u] = await db
    .select({ confirmed: users.timeZoneConfirmedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return u && !u.confirmed ? `/account/time-zone?next=${encodeURIComponent(next)}` : next;
}

/**
 * The zone to propose: the one confirmed; else the zone of the person's organization's country when it is known
 * (a Member State's own; otherwise the first country the organization works in); else UTC. (With JavaScript, the page
 * then proposes the browser's own zone.)
 */
export async function timeZoneQuestion(ctx: ServiceContext, locale: Locale) {
  authorize(ctx.actor, 'account.manage');
  const [u] = await ctx.db
    .select({ timeZone: users.timeZone, confirmedAt: users.timeZoneConfirmedAt })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  if (u.confirmedAt) return { zone: u.timeZone, confirmed: true as const, country: null };
  const country = await countryOfOrganizations(ctx.db, ctx.actor.orgIds, locale);
  const zone = countryZone(country?.iso2);
  return zone
    ? { zone, confirmed: false as const, country: country!.name }
    : { zone: 'UTC', confirmed: false as const, country: null };
}

/** Sets and confirms the person's zone (the first sign-in's question, answered); audited. */
export async function confirmTimeZone(ctx: ServiceContext, timeZone: string): Promise<void> {
  authorize(ctx.actor, 'account.manage');
  const actor = ctx.actor;
  if (!zoneAccepted(timeZone)) throw invalid([{ field: 'timeZone', messageKey: 'account.badTimeZone' }]);
  const [u] = await ctx.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, actor.userId));
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ timeZone, timeZoneConfirmedAt: new Date() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, {
      action: 'account.timezone.confirmed',
      actor,
      targetType: 'user',
      targetId: actor.userId,
      ip: ctx.ip,
      details: { timeZone, was: u.timeZone },
    });
  });
}

export async function changePassword(
  ctx: ServiceContext,
  sessionId: string,
  current: string,
  next: string,
): Promise<void> {
  authorize(ctx.actor, 'account.manage');
  const u = (await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0];
  const fields = [];
  if (!(await verifyPassword(u.passwordHash, current)))
    fields.push({ field: 'current', messageKey: 'account.wrongPassword' });
  const problem = passwordProblem(next, [u.email.split('@')[0], u.name]);
  if (problem) fields.push({ field: 'password', messageKey: problem });
  if (fields.length) throw invalid(fields);
  const h = await hashPassword(next);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: h }).where(eq(users.id, u.id));
    await destroyUserSessions(tx, u.id, sessionId);
    await recordAudit(tx, {
      action: 'auth.password.changed',
      actor: ctx.actor,
      targetType: 'user',
      targetId: u.id,
      ip: ctx.ip,
    });
  });
}

// ---------- invitations ----------

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  focalPoint: boolean;
  locale: Locale;
}

export async function createInvitation(ctx: ServiceContext, input: InviteInput): Promise<{ id: string; url: string }> {
  const email = normalizeEmail(input.email);
  authorize(ctx.actor, 'invitation.create', { organizationId: input.organizationId, role: input.role });
  const org = input.organizationId ? await findVisibleOrganization(ctx.db, ctx.actor, input.organizationId) : null;
  if (input.organizationId && !org) throw invalid([{ field: 'organizationId', messageKey: 'validation.choice' }]);
  if (org && !roleFitsOrganization(input.role, org.type))
    throw invalid([{ field: 'role', messageKey: 'invitation.roleNotForType' }]);
  const existing = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing.length) throw invalid([{ field: 'email', messageKey: 'invitation.emailTaken' }]);
  const token = newToken();
  const url = `${ctx.config.baseUrl}/invitations/${token}`;
  const inviter = ctx.actor as UserActor;
  return ctx.db.transaction(async (tx) => {
    const [inv] = await tx
      .insert(invitations)
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        organizationId: input.organizationId,
        focalPoint: input.focalPoint,
        locale: input.locale,
        tokenHash: sha256(token),
        invitedBy: inviter.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
      })
      .returning({ id: invitations.id });
    const mail = renderEmail(input.locale, input.name, {
      subjectKey: 'email.invitation.subject',
      paragraphs: [
        { key: 'email.invitation.body' },
        { key: 'email.invitation.expiry', values: { days: INVITATION_DAYS } },
      ],
      action: { labelKey: 'email.invitation.action', url },
      values: { inviter: inviter.name, role: input.role },
    });
    await queueMail(tx, { to: email, locale: input.locale, kind: 'invitation', ...mail }, !!ctx.config.smtpUrl);
    await recordAudit(tx, {
      action: 'invitation.created',
      actor: ctx.actor,
      targetType: 'invitation',
      targetId: inv.id,
      ip: ctx.ip,
      // No e-mail address in the chain (it cannot be erased there): the invitation row holds it, and retention ends it.
      details: { role: input.role, organizationId: input.organizationId, focalPoint: input.focalPoint },
    });
    return { id: inv.id, url };
  });
}

export async function findInvitation(db: Db, token: string) {
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function acceptInvitation(
  ctx: ServiceContext,
  token: string,
  input: { name: string; password: string },
  userAgent?: string,
): Promise<{ sessionToken: string; userId: string; role: Role }> {
  const inv = await findInvitation(ctx.db, token);
  if (!inv) throw new AppError('invitation_invalid', 410, 'invitation.invalid');
  // Every mistake at once: the name and the password.
  const fields: FieldError[] = [];
  if (!input.name.trim()) fields.push({ field: 'name', messageKey: 'validation.required' });
  // the name goes on participants' and speakers' lists
  else fields.push(...nameErrors({ name: input.name }));
  const problem = passwordProblem(input.password, [inv.email.split('@')[0], input.name]);
  if (problem) fields.push({ field: 'password', messageKey: problem });
  if (fields.length) throw invalid(fields);
  const h = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    // Claim the invitation first: a second acceptance of the same link finds nothing to update.
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed.length) throw new AppError('invitation_invalid', 410, 'invitation.invalid');
    const personId = await ensurePerson(tx, { fullName: input.name.trim(), email: inv.email });
    const [u] = await tx
      .insert(users)
      .values({
        email: inv.email,
        name: input.name.trim(),
        role: inv.role,
        personId,
        passwordHash: h,
        locale: inv.locale,
      })
      .returning({ id: users.id });
    if (inv.organizationId)
      await addMembership(tx, { personId, organizationId: inv.organizationId, focalPoint: inv.focalPoint });
    const sessionToken = await createSession(
      tx,
      u.id,
      false,
      { idleMinutes: ctx.config.sessionIdleMinutes, maxHours: ctx.config.sessionMaxHours },
      userAgent,
    );
    await recordAudit(tx, {
      action: 'invitation.accepted',
      actor: { id: u.id, label: inv.email },
      targetType: 'invitation',
      targetId: inv.id,
      ip: ctx.ip,
      details: { role: inv.role, organizationId: inv.organizationId },
    });
    return { sessionToken, userId: u.id, role: inv.role };
  });
}

export async function listInvitations(ctx: ServiceContext, limit = 50) {
  authorize(ctx.actor, 'admin.users.manage');
  return ctx.db.select().from(invitations).orderBy(desc(invitations.createdAt)).limit(limit);
}

// ---------- password reset ----------

/** Always the same answer; an e-mail goes out only for an existing, enabled account. */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  const addr = normalizeEmail(email);
  const u = (
    await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.email, addr), isNull(users.disabledAt)))
      .limit(1)
  )[0];
  const token = newToken();
  if (!u) {
    sha256(token); // same work as the known-account path, minus the write
    await recordAudit(ctx.db, {
      action: 'auth.password.reset_requested',
      actor: { id: null, label: addr.slice(0, 200) },
      ip: ctx.ip,
      details: { known: false },
    });
    return;
  }
  const locale = isLocale(u.locale) ? u.locale : 'en';
  const url = `${ctx.config.baseUrl}/password/reset/${token}`;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(passwordResets)
      .values({ userId: u.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
    const mail = renderEmail(locale, u.name, {
      subjectKey: 'email.reset.subject',
      paragraphs: [{ key: 'email.reset.body', values: { minutes: RESET_MINUTES } }, { key: 'email.reset.ignore' }],
      action: { labelKey: 'email.reset.action', url },
    });
    await queueMail(tx, { to: u.email, locale, kind: 'password_reset', ...mail }, !!ctx.config.smtpUrl);
    await recordAudit(tx, {
      action: 'auth.password.reset_requested',
      actor: { id: u.id, label: addr },
      targetType: 'user',
      targetId: u.id,
      ip: ctx.ip,
      details: { known: true },
    });
  });
}

export async function findReset(db: Db, token: string) {
  const rows = await db
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function resetPassword(ctx: ServiceContext, token: string, password: string): Promise<void> {
  const r = await findReset(ctx.db, token);
  if (!r) throw new AppError('reset_invalid', 410, 'reset.invalid');
  const u = (await ctx.db.select().from(users).where(eq(users.id, r.userId)))[0];
  const problem = passwordProblem(password, [u.email.split('@')[0], u.name]);
  if (problem) throw invalid([{ field: 'password', messageKey: problem }]);
  const h = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, r.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (!used.length) throw new AppError('reset_invalid', 410, 'reset.invalid');
    await tx.update(users).set({ passwordHash: h, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, u.id));
    await destroyUserSessions(tx, u.id);
    await recordAudit(tx, {
      action: 'auth.password.reset',
      actor: { id: u.id, label: u.email },
      targetType: 'user',
      targetId: u.id,
      ip: ctx.ip,
    });
  });
}

// ---------- API tokens ----------

export const TOKEN_SCOPES = ['read', 'write'] as const;

export async function createApiToken(
  ctx: ServiceContext,
  input: { name: string; scopes: string[]; expiresInDays: number | null },
): Promise<{ id: string; token: string }> {
  authorize(ctx.actor, 'token.manage');
  if (ctx.actor.via !== 'session') throw new AppError('forbidden', 403, 'errors.forbidden');
  const scopes = [...new Set(input.scopes)].filter((s) => (TOKEN_SCOPES as readonly string[]).includes(s));
  if (!scopes.length) throw invalid([{ field: 'scopes', messageKey: 'tokens.scopeRequired' }]);
  if (!input.name.trim()) throw invalid([{ field: 'name', messageKey: 'validation.required' }]);
  const token = API_TOKEN_PREFIX + newToken();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: (ctx.actor as UserActor).userId,
        name: input.name.trim(),
        prefix: token.slice(0, 12),
        tokenHash: sha256(token),
        scopes,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, {
      action: 'token.created',
      actor: ctx.actor,
      targetType: 'api_token',
      targetId: row.id,
      ip: ctx.ip,
      details: { scopes },
    });
    return { id: row.id, token };
  });
}

export async function listApiTokens(ctx: ServiceContext) {
  authorize(ctx.actor, 'token.manage');
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, ctx.actor.userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  authorize(ctx.actor, 'token.manage');
  const userId = ctx.actor.userId;
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!r.length) throw notFound();
    await recordAudit(tx, {
      action: 'token.revoked',
      actor: ctx.actor,
      targetType: 'api_token',
      targetId: id,
      ip: ctx.ip,
    });
  });
}

// ---------- administration ----------

export async function createUserDirect(
  db: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    password: string;
    locale?: Locale;
    organizationId?: string | null;
    focalPoint?: boolean;
    isDemo?: boolean;
    totpSecret?: string;
    sessionSecret: string;
  },
): Promise<string> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid([{ field: 'password', messageKey: problem }]);
  const h = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const email = normalizeEmail(input.email);
    const personId = await ensurePerson(tx, { fullName: input.name, email, isDemo: input.isDemo });
    const [u] = await tx
      .insert(users)
      .values({
        email,
        name: input.name,
        role: input.role,
        personId,
        passwordHash: h,
        locale: input.locale ?? 'en',
        isDemo: input.isDemo ?? false,
        ...(input.totpSecret
          ? { totpSecret: seal(input.sessionSecret, TOTP_PURPOSE, input.totpSecret), totpEnabledAt: new Date() }
          : {}),
      })
      .returning({ id: users.id });
    if (input.organizationId)
      await addMembership(tx, {
        personId,
        organizationId: input.organizationId,
        focalPoint: input.focalPoint ?? false,
      });
    await recordAudit(tx, {
      action: 'user.created',
      actor: { id: null, label: 'cli' },
      targetType: 'user',
      targetId: u.id,
      details: { role: input.role },
    });
    return u.id;
  });
}

export async function listUsers(ctx: ServiceContext, page: number, pageSize: number) {
  authorize(ctx.actor, 'admin.users.manage');
  const rows = await ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      totpEnabledAt: users.totpEnabledAt,
      disabledAt: users.disabledAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(users.email)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return { rows, total: n };
}

export async function changeRole(ctx: ServiceContext, userId: string, role: Role): Promise<void> {
  authorize(ctx.actor, 'admin.users.manage');
  await ctx.db.transaction(async (tx) => {
    const before = (
      await tx.select({ role: users.role, personId: users.personId }).from(users).where(eq(users.id, userId))
    )[0];
    if (!before) throw notFound();
    // The same role again (a form posted back unchanged) changes nothing: no sign-out, no audit entry.
    if (before.role === role) return;
    const ms = before.personId ? await membershipsOf(tx, before.personId) : [];
    const types = await organizationTypes(
      tx,
      ms.map((m) => m.organizationId),
    );
    if ([...types.values()].some((t) => !roleFitsOrganization(role, t)))
      throw invalid([{ field: 'role', messageKey: 'invitation.roleNotForType' }]);
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await destroyUserSessions(tx, userId);
    await recordAudit(tx, {
      action: 'user.role_changed',
      actor: ctx.actor,
      targetType: 'user',
      targetId: userId,
      ip: ctx.ip,
      details: { from: before.role, to: role },
    });
  });
}

export async function setDisabled(ctx: ServiceContext, userId: string, disabled: boolean): Promise<void> {
  authorize(ctx.actor, 'admin.users.manage');
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!r.length) throw notFound();
    if (disabled) await destroyUserSessions(tx, userId);
    await recordAudit(tx, {
      action: disabled ? 'user.disabled' : 'user.enabled',
      actor: ctx.actor,
      targetType: 'user',
      targetId: userId,
      ip: ctx.ip,
    });
  });
}

// --- used by events ---
// (Imported here, not at the top, so that this block merges as a pure addition.)

/** What userContact reads of an account (and userContactRef gives another module's query). */
const contactFields = () => ({
  id: users.id,
  email: users.email,
  name: users.name,
  locale: users.locale,
  timeZone: users.timeZone,
  timeZoneConfirmed: sql<boolean>`${users.timeZoneConfirmedAt} is not null`.as('time_zone_confirmed'),
});

/**
 * A user's name, e-mail address and preferences (language, time
 * zone), for mail and times in their own; null if unknown.
 */
export async function userContact(db: Tx, userId: string) {
  const u = (await db.select(contactFields()).from(users).where(eq(users.id, userId)).limit(1))[0];
  return u ?? null;
}

/**
 * userContact as a read-only projection for another module's query that must stay one statement (as the directory's
 * organizationsRef): join it on its `id`. Give each use in one query its own alias.
 */
export const userContactRef = (alias = 'contact') => new QueryBuilder().select(contactFields()).from(users).as(alias);

/** The account with this e-mail address (already lower-cased, as accounts store it), if any: its id and language. */
export async function userByEmail(db: Tx, email: string) {
  const u = (
    await db.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email)).limit(1)
  )[0];
  return u ?? null;
}

/** The accounts with these e-mail addresses (lower-cased, as accounts store them): id, address and language. */
export async function usersByEmails(db: Tx, emails: string[]) {
  const list = [...new Set(emails)];
  if (!list.length) return [];
  const out: { id: string; email: string; locale: string }[] = [];
  for (let i = 0; i < list.length; i += 1000)
    out.push(
      ...(await db
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(inArray(users.email, list.slice(i, i + 1000)))),
    );
  return out;
}
