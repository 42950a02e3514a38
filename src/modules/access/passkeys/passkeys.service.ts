// Passkeys (WebAuthn, @simplewebauthn/server) as a second factor and as a passwordless sign-in, and one-time recovery
// codes. Every ceremony's challenge is stored and consumed once by one conditional DELETE … RETURNING; a passkey's
// signature counter moves only forward (a conditional UPDATE); a recovery code is used once (a conditional UPDATE).
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import { authorize, type Actor, type UserActor } from '../../../platform/auth/policy.ts';
import { requiresMfa } from '../../../platform/auth/classification.ts';
import { verifyPassword } from '../../../platform/auth/password.ts';
import {
  createSession,
  destroySession,
  destroyUserSessions,
  rotateSession,
  sha256,
} from '../../../platform/auth/session.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { completeSecondFactor, secondFactorFailed } from '../access.service.ts';
import { recoveryCodes, webauthnChallenges, webauthnCredentials } from './passkeys.schema.ts';
import { hasSecondFactor } from './passkeys.sql.ts';
// Loaded on first use, not at start (a quarter of a second of the start's module loading).
const webauthn = () => import('@simplewebauthn/server');

export interface PasskeyContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip?: string | null;
}

export const CHALLENGE_MINUTES = 5;
export const RECOVERY_CODE_COUNT = 10;
export const PASSKEY_NAME_MAX = 60;
export type ChallengePurpose = 'register' | 'second_factor' | 'sign_in';

/** The relying party: its ID is the host name of the base URL, the only origin accepted is the base URL's. */
export function relyingParty(config: Pick<Config, 'baseUrl'>) {
  const u = new URL(config.baseUrl);
  return { rpID: u.hostname, origin: u.origin, rpName: 'CTCP' };
}

const refused = (status: 400 | 401 = 401) => new AppError('passkey_refused', status, 'passkeys.refused');

function signedInUser(ctx: PasskeyContext): UserActor {
  authorize(ctx.actor, 'account.manage');
  // Enrolment and removal only in a browser session: an API token must not add a way into the account.
  if (ctx.actor.via !== 'session') throw new AppError('forbidden', 403, 'errors.forbidden');
  return ctx.actor;
}

// ---------- challenges ----------

async function storeChallenge(db: Db, challenge: string, userId: string | null, purpose: ChallengePurpose) {
  await db.delete(webauthnChallenges).where(sql`${webauthnChallenges.expiresAt} < now()`);
  await db.insert(webauthnChallenges).values({
    challenge,
    userId,
    purpose,
    expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
  });
}

/**
 * Takes a challenge out of the store: one conditional DELETE, so of two concurrent verifications only one gets it.
 * A challenge whose purpose or user does not match is spent all the same.
 */
export async function consumeChallenge(
  db: Tx,
  challenge: string,
): Promise<{ userId: string | null; purpose: string } | null> {
  const rows = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.challenge, challenge), sql`${webauthnChallenges.expiresAt} > now()`))
    .returning({ userId: webauthnChallenges.userId, purpose: webauthnChallenges.purpose });
  return rows[0] ?? null;
}

/** The challenge the browser signed, read from clientDataJSON; null when the response is malformed. */
export function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string | null {
  try {
    const raw = response.response?.clientDataJSON;
    if (typeof raw !== 'string') return null;
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof c.challenge === 'string' && c.challenge.length >= 16 && c.challenge.length <= 200
      ? c.challenge
      : null;
  } catch {
    return null;
  }
}

async function takeChallenge(db: Db, response: object, purpose: ChallengePurpose, userId: string | null) {
  const challenge = challengeOf(response as { response?: { clientDataJSON?: unknown } });
  if (!challenge) return null;
  const c = await consumeChallenge(db, challenge);
  if (!c || c.purpose !== purpose || c.userId !== userId) return null;
  return challenge;
}

// ---------- registration ----------

export async function listPasskeys(ctx: PasskeyContext) {
  authorize(ctx.actor, 'account.manage');
  return ctx.db
    .select({
      id: webauthnCredentials.id,
      name: webauthnCredentials.name,
      createdAt: webauthnCredentials.createdAt,
      lastUsedAt: webauthnCredentials.lastUsedAt,
    })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, ctx.actor.userId))
    .orderBy(desc(webauthnCredentials.createdAt));
}

export async function getPasskey(ctx: PasskeyContext, id: string) {
  authorize(ctx.actor, 'account.manage');
  const row = (
    await ctx.db
      .select({ id: webauthnCredentials.id, name: webauthnCredentials.name })
      .from(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, id), eq(webauthnCredentials.userId, ctx.actor.userId)))
      .limit(1)
  )[0];
  if (!row) throw notFound();
  return row;
}

export async function registrationOptions(ctx: PasskeyContext): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const a = signedInUser(ctx);
  const rp = relyingParty(ctx.config);
  const existing = await ctx.db
    .select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, a.userId));
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: a.email,
    userDisplayName: a.name,
    // The user handle is the account id: a passwordless sign-in checks it against the credential's owner.
    userID: new TextEncoder().encode(a.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    // ES256, EdDSA, RS256 (named: the library's default probes an experimental Web Crypto algorithm).
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  await storeChallenge(ctx.db, options.challenge, a.userId, 'register');
  return options;
}

export async function registerPasskey(
  ctx: PasskeyContext,
  input: { name: string; response: RegistrationResponseJSON; sessionId: string | null },
): Promise<{ id: string; token: string | null }> {
  const a = signedInUser(ctx);
  const name = input.name.trim();
  if (!name || name.length > PASSKEY_NAME_MAX) throw invalid([{ field: 'name', messageKey: 'passkeys.nameRequired' }]);
  const rp = relyingParty(ctx.config);
  const challenge = await takeChallenge(ctx.db, input.response, 'register', a.userId);
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  if (challenge) {
    try {
      const v = await (await webauthn()).verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: true,
      });
      if (v.verified) info = v.registrationInfo;
    } catch {
      info = undefined;
    }
  }
  if (!info) {
    await recordAudit(ctx.db, {
      action: 'auth.passkey.refused',
      actor: a,
      targetType: 'user',
      targetId: a.userId,
      ip: ctx.ip,
      details: { ceremony: 'register', reason: challenge ? 'verification' : 'challenge' },
    });
    throw refused(400);
  }
  const cred = info.credential;
  const sessionId = input.sessionId;
  return ctx.db.transaction(async (tx) => {
    const first = !(await hasSecondFactor(tx, a.userId));
    const rows = await tx
      .insert(webauthnCredentials)
      .values({
        userId: a.userId,
        credentialId: cred.id,
        publicKey: Buffer.from(cred.publicKey).toString('base64url'),
        counter: cred.counter,
        transports: cred.transports ?? [],
        name,
      })
      .onConflictDoNothing()
      .returning({ id: webauthnCredentials.id });
    if (!rows[0]) throw new AppError('conflict', 409, 'passkeys.alreadyRegistered');
    // The first second factor, as with TOTP: this session has just given it (user verification was required),
    // the account's other sessions, opened without it, end.
    let token: string | null = null;
    if (first && sessionId) {
      await destroyUserSessions(tx, a.userId, sessionId);
      token = await rotateSession(tx, sessionId, a.userId, true, {
        idleMinutes: ctx.config.sessionIdleMinutes,
        maxHours: ctx.config.sessionMaxHours,
      });
    }
    await recordAudit(tx, {
      action: 'auth.passkey.added',
      actor: a,
      targetType: 'user',
      targetId: a.userId,
      ip: ctx.ip,
      details: { passkeyId: rows[0].id, name, firstSecondFactor: first },
    });
    return { id: rows[0].id, token };
  });
}

/** Removing needs the password again (also through the API: it takes a way in away, it adds none). */
export async function removePasskey(ctx: PasskeyContext, id: string, password: string): Promise<void> {
  authorize(ctx.actor, 'account.manage');
  const a = ctx.actor;
  const u = (await ctx.db.select().from(users).where(eq(users.id, a.userId)))[0];
  if (!(await verifyPassword(u.passwordHash, password)))
    throw invalid([{ field: 'password', messageKey: 'account.wrongPassword' }]);
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, id), eq(webauthnCredentials.userId, a.userId)))
      .returning({ name: webauthnCredentials.name });
    if (!gone[0]) throw notFound();
    // A role that requires a second factor keeps one: the last passkey of an account without TOTP stays.
    if (requiresMfa(a.role) && !(await hasSecondFactor(tx, a.userId)))
      throw new AppError('conflict', 409, 'passkeys.lastFactor');
    await recordAudit(tx, {
      action: 'auth.passkey.removed',
      actor: a,
      targetType: 'user',
      targetId: a.userId,
      ip: ctx.ip,
      details: { passkeyId: id, name: gone[0].name },
    });
  });
}

// ---------- authentication ----------

type Verified = { credRowId: string; userId: string; newCounter: number };

/**
 * Verifies an assertion against its stored challenge (spent here, whatever the outcome) and the stored credential.
 * `userId` null: a passwordless sign-in (usernameless), where the user handle must name the credential's owner.
 */
async function verifyAssertion(
  ctx: PasskeyContext,
  response: AuthenticationResponseJSON,
  purpose: ChallengePurpose,
  userId: string | null,
): Promise<Verified | { reason: string }> {
  const rp = relyingParty(ctx.config);
  const challenge = await takeChallenge(ctx.db, response, purpose, userId);
  if (!challenge) return { reason: 'challenge' };
  const cred = (
    await ctx.db
      .select()
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.credentialId, String(response.id ?? '')))
      .limit(1)
  )[0];
  if (!cred || (userId && cred.userId !== userId)) return { reason: 'credential' };
  const handle = response.response?.userHandle;
  if (!userId && (!handle || Buffer.from(handle, 'base64url').toString('utf8') !== cred.userId))
    return { reason: 'user_handle' };
  try {
    const v = await (await webauthn()).verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: cred.credentialId,
        publicKey: new Uint8Array(Buffer.from(cred.publicKey, 'base64url')),
        counter: cred.counter,
        transports: cred.transports,
      },
      requireUserVerification: purpose === 'sign_in',
    });
    if (!v.verified) return { reason: 'signature' };
    return { credRowId: cred.id, userId: cred.userId, newCounter: v.authenticationInfo.newCounter };
  } catch (e) {
    return { reason: /counter/i.test((e as Error).message) ? 'counter' : 'signature' };
  }
}

/** The signature counter only moves forward (0 = an authenticator without a counter): one conditional UPDATE. */
async function advanceCounter(tx: Tx, v: Verified): Promise<boolean> {
  const rows = await tx
    .update(webauthnCredentials)
    .set({ counter: v.newCounter, lastUsedAt: sql`now()` })
    .where(
      and(
        eq(webauthnCredentials.id, v.credRowId),
        sql`(${webauthnCredentials.counter} < ${v.newCounter} or ${v.newCounter} = 0)`,
      ),
    )
    .returning({ id: webauthnCredentials.id });
  return rows.length === 1;
}

class CounterRace extends Error {}

export async function secondFactorOptions(
  ctx: PasskeyContext,
  userId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const creds = await ctx.db
    .select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  if (!creds.length) throw new AppError('no_passkey', 409, 'passkeys.none');
  const rp = relyingParty(ctx.config);
  const options = await (await webauthn()).generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: creds.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: 'preferred',
  });
  await storeChallenge(ctx.db, options.challenge, userId, 'second_factor');
  return options;
}

/** The second step of sign-in with a passkey; returns the session token to set (null: keep the cookie). */
export async function verifyPasskeySecondFactor(
  ctx: PasskeyContext,
  input: { userId: string; sessionId: string; response: AuthenticationResponseJSON },
): Promise<{ token: string | null }> {
  const v = await verifyAssertion(ctx, input.response, 'second_factor', input.userId);
  const fail = async (reason: string) => {
    // Counted with every other wrong second factor of the account (the limit ends the pending sign-in).
    await ctx.db.transaction((tx) => secondFactorFailed(tx, ctx, { userId: input.userId, method: 'passkey', reason }));
    return refused();
  };
  if ('reason' in v) throw await fail(v.reason);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await advanceCounter(tx, v))) throw new CounterRace();
      return completeSecondFactor(tx, ctx, {
        userId: input.userId,
        sessionId: input.sessionId,
        method: 'passkey',
      });
    });
  } catch (e) {
    if (e instanceof CounterRace) throw await fail('counter');
    throw e;
  }
}

export async function passwordlessOptions(ctx: PasskeyContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty(ctx.config);
  const options = await (await webauthn()).generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'required',
  });
  await storeChallenge(ctx.db, options.challenge, null, 'sign_in');
  return options;
}

/**
 * Passwordless sign-in with a discoverable passkey (user verification required: possession and PIN or biometrics),
 * giving a session whose second factor is verified. Disabled and locked accounts are refused.
 */
export async function signInWithPasskey(
  ctx: PasskeyContext,
  input: { response: AuthenticationResponseJSON; userAgent?: string; previousSessionId?: string | null },
): Promise<{ token: string; userId: string }> {
  const v = await verifyAssertion(ctx, input.response, 'sign_in', null);
  const u = 'reason' in v ? undefined : (await ctx.db.select().from(users).where(eq(users.id, v.userId)).limit(1))[0];
  const locked = !!u?.lockedUntil && u.lockedUntil > new Date();
  const fail = async (reason: string) => {
    await recordAudit(ctx.db, {
      action: 'auth.sign_in.failure',
      actor: { id: null, label: u?.email ?? 'passkey' },
      ip: ctx.ip,
      details: { method: 'passkey', reason },
    });
    return refused();
  };
  if ('reason' in v) throw await fail(v.reason);
  if (!u || u.disabledAt || locked) throw await fail(!u ? 'unknown' : locked ? 'locked' : 'disabled');
  const times = { idleMinutes: ctx.config.sessionIdleMinutes, maxHours: ctx.config.sessionMaxHours };
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await advanceCounter(tx, v))) throw new CounterRace();
      await tx.update(users).set({ failedSignIns: 0, lastSignInAt: new Date() }).where(eq(users.id, u.id));
      if (input.previousSessionId) await destroySession(tx, input.previousSessionId);
      const token = await createSession(tx, u.id, true, times, input.userAgent);
      await recordAudit(tx, {
        action: 'auth.sign_in.success',
        actor: { id: u.id, label: u.email },
        targetType: 'user',
        targetId: u.id,
        ip: ctx.ip,
        details: { method: 'passkey', mfaPending: false },
      });
      return { token, userId: u.id };
    });
  } catch (e) {
    if (e instanceof CounterRace) throw await fail('counter');
    throw e;
  }
}

// ---------- recovery codes ----------

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Lower case, without spaces and dashes: what a person types is compared as it was issued. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export async function recoveryStatus(db: Db, userId: string): Promise<{ remaining: number; total: number }> {
  const [r] = await db
    .select({
      total: sql<number>`count(*)::int`,
      remaining: sql<number>`(count(*) filter (where ${recoveryCodes.usedAt} is null))::int`,
    })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, userId));
  return { remaining: r?.remaining ?? 0, total: r?.total ?? 0 };
}

export async function myRecoveryStatus(ctx: PasskeyContext) {
  authorize(ctx.actor, 'account.manage');
  return recoveryStatus(ctx.db, ctx.actor.userId);
}

/** Ten new codes, shown once; every earlier code stops working. Needs the password again. */
export async function generateRecoveryCodes(ctx: PasskeyContext, password: string): Promise<string[]> {
  const a = signedInUser(ctx);
  const u = (await ctx.db.select().from(users).where(eq(users.id, a.userId)))[0];
  if (!(await verifyPassword(u.passwordHash, password)))
    throw invalid([{ field: 'password', messageKey: 'account.wrongPassword' }]);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, a.userId));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId: a.userId, codeHash: sha256(normalizeRecoveryCode(c)) })));
    await recordAudit(tx, {
      action: 'auth.recovery_codes.generated',
      actor: a,
      targetType: 'user',
      targetId: a.userId,
      ip: ctx.ip,
      details: { count: codes.length },
    });
  });
  return codes;
}

/**
 * The second step of sign-in with a recovery code: one conditional UPDATE spends it, so a code works once even when
 * two requests use it at the same moment. Returns null when refused.
 */
export async function useRecoveryCode(
  ctx: PasskeyContext,
  input: { userId: string; sessionId: string; code: string },
): Promise<{ token: string | null } | null> {
  const code = normalizeRecoveryCode(input.code);
  return ctx.db.transaction(async (tx) => {
    const used = /^[a-z0-9]{10}$/.test(code)
      ? await tx
          .update(recoveryCodes)
          .set({ usedAt: sql`now()` })
          .where(
            and(
              eq(recoveryCodes.userId, input.userId),
              eq(recoveryCodes.codeHash, sha256(code)),
              isNull(recoveryCodes.usedAt),
            ),
          )
          .returning({ id: recoveryCodes.id })
      : [];
    if (!used[0]) {
      await secondFactorFailed(tx, ctx, { userId: input.userId, method: 'recovery_code' });
      return null;
    }
    return completeSecondFactor(tx, ctx, {
      userId: input.userId,
      sessionId: input.sessionId,
      method: 'recovery_code',
    });
  });
}
