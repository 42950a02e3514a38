// Server-side sessions and API tokens. Tokens are 256-bit random values; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { apiTokens, sessions, users } from './auth.schema.ts';

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-ctcp_session' : 'ctcp_session');

export interface SessionTimes { idleMinutes: number; maxHours: number }

export async function createSession(tx: Tx, userId: string, mfaVerified: boolean, times: SessionTimes, userAgent?: string): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    id: sha256(token),
    userId,
    mfaVerified,
    expiresAt: new Date(Date.now() + times.maxHours * 3600_000),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export interface SessionRow { id: string; userId: string; mfaVerified: boolean }

/** Finds a live session: not expired, not idle too long, user not disabled. Touches lastSeenAt at most once a minute. */
export async function findSession(db: Db, token: string, times: SessionTimes): Promise<SessionRow | null> {
  const id = sha256(token);
  const idleCut = new Date(Date.now() - times.idleMinutes * 60_000);
  const rows = await db.select({ id: sessions.id, userId: sessions.userId, mfaVerified: sessions.mfaVerified, lastSeenAt: sessions.lastSeenAt })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleCut), isNull(users.disabledAt)))
    .limit(1);
  const s = rows[0];
  if (!s) return null;
  if (Date.now() - s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  }
  return { id: s.id, userId: s.userId, mfaVerified: s.mfaVerified };
}

export async function markSessionMfa(tx: Tx, sessionId: string): Promise<void> {
  await tx.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, sessionId));
}

export async function destroySession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function destroyUserSessions(tx: Tx, userId: string, exceptId?: string): Promise<void> {
  await tx.delete(sessions).where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

export async function pruneSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date())));
}

export const API_TOKEN_PREFIX = 'ctcp_';

export async function findApiToken(db: Db, token: string): Promise<{ id: string; userId: string; scopes: string[] } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const rows = await db.select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt),
      or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))))
    .limit(1);
  const t = rows[0];
  if (!t) return null;
  if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, t.id));
  }
  return { id: t.id, userId: t.userId, scopes: t.scopes };
}
