// Server-side sessions and token helpers. Tokens are 256-bit random values; only their SHA-256 is stored.
// Resolving a cookie or API token to its user is resolveCredential (access module): one query per request.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { sessions } from './auth.schema.ts';

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-ctcp_session' : 'ctcp_session');

export interface SessionTimes {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(
  tx: Tx,
  userId: string,
  mfaVerified: boolean,
  times: SessionTimes,
  userAgent?: string,
): Promise<string> {
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

/**
 * Replaces a session by a new one under a new token (at a privilege change: the second factor given). Returns the new
 * token, or null when the old session is gone (signed out, or replaced by a concurrent request).
 */
export async function rotateSession(
  tx: Tx,
  oldId: string,
  userId: string,
  mfaVerified: boolean,
  times: SessionTimes,
): Promise<string | null> {
  const [old] = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, oldId), eq(sessions.userId, userId)))
    .returning({ userAgent: sessions.userAgent });
  if (!old) return null;
  return createSession(tx, userId, mfaVerified, times, old.userAgent ?? undefined);
}

/** Ends the sessions of a user that still wait for their second factor. */
export async function destroyPendingSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.mfaVerified, false)));
}

export async function destroySession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function destroyUserSessions(tx: Tx, userId: string, exceptId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId),
    );
}

export async function pruneSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date())));
}

export const API_TOKEN_PREFIX = 'ctcp_';
