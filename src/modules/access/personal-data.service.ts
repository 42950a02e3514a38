// The access module's personal data: invitations (name, e-mail address) and password resets. Ended ones (accepted,
// revoked, used or expired) are deleted retentionInvitationDays after they ended; an erasure deletes the person's,
// with their passkeys, WebAuthn challenges and recovery codes (exported: names and dates, never keys or hashes).
import { and, eq, lt, gte, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData, RetentionRule } from '../../platform/privacy/privacy.types.ts';
import { invitations, passwordResets } from './access.schema.ts';
import { recoveryCodes, webauthnChallenges, webauthnCredentials } from './passkeys/passkeys.schema.ts';

const DAY = 86_400_000;
const count = sql<number>`count(*)::int`;

/** When an invitation stopped being usable: accepted, revoked or expired, whichever came first. */
const invitationEnd = sql<Date>`least(coalesce(${invitations.acceptedAt}, 'infinity'),
  coalesce(${invitations.revokedAt}, 'infinity'), ${invitations.expiresAt})`;
const resetEnd = sql<Date>`least(coalesce(${passwordResets.usedAt}, 'infinity'), ${passwordResets.expiresAt})`;

function endedRule(kind: string, table: typeof invitations | typeof passwordResets, end: SQL<Date>): RetentionRule {
  const cutoff = (days: number, now: Date) => new Date(now.getTime() - days * DAY);
  return {
    kind,
    days: (c) => c.retentionInvitationDays,
    async due(db, config, now) {
      const c = cutoff(config.retentionInvitationDays, now);
      const [d] = await db.select({ n: count }).from(table).where(lt(end, c));
      const [w] = await db
        .select({ first: sql<string | null>`min(${end})` })
        .from(table)
        .where(and(gte(end, c), lt(end, sql`'infinity'`)));
      return {
        count: d.n,
        next: w.first ? new Date(new Date(w.first).getTime() + config.retentionInvitationDays * DAY) : null,
      };
    },
    async apply(tx, config, now) {
      const r = await tx
        .delete(table)
        .where(lt(end, cutoff(config.retentionInvitationDays, now)))
        .returning({ id: table.id });
      return r.length;
    },
  };
}

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  const received = s.email
    ? await db
        .select({
          name: invitations.name,
          email: invitations.email,
          role: invitations.role,
          createdAt: invitations.createdAt,
          expiresAt: invitations.expiresAt,
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
        })
        .from(invitations)
        .where(eq(sql`lower(${invitations.email})`, s.email))
    : [];
  const resets = s.userId
    ? await db
        .select({
          createdAt: passwordResets.createdAt,
          expiresAt: passwordResets.expiresAt,
          usedAt: passwordResets.usedAt,
        })
        .from(passwordResets)
        .where(eq(passwordResets.userId, s.userId))
    : [];
  const passkeys = s.userId
    ? await db
        .select({
          name: webauthnCredentials.name,
          createdAt: webauthnCredentials.createdAt,
          lastUsedAt: webauthnCredentials.lastUsedAt,
        })
        .from(webauthnCredentials)
        .where(eq(webauthnCredentials.userId, s.userId))
    : [];
  const codes = s.userId
    ? await db
        .select({ createdAt: recoveryCodes.createdAt, usedAt: recoveryCodes.usedAt })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, s.userId))
    : [];
  return { invitationsReceived: received, passwordResets: resets, passkeys, recoveryCodes: codes };
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  let n = 0;
  if (s.email)
    n += (
      await tx
        .delete(invitations)
        .where(eq(sql`lower(${invitations.email})`, s.email))
        .returning({ id: invitations.id })
    ).length;
  if (s.userId)
    n += (
      await tx.delete(passwordResets).where(eq(passwordResets.userId, s.userId)).returning({ id: passwordResets.id })
    ).length;
  if (s.userId) {
    const uid = s.userId;
    n += (
      await tx
        .delete(webauthnCredentials)
        .where(eq(webauthnCredentials.userId, uid))
        .returning({ id: webauthnCredentials.id })
    ).length;
    n += (await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, uid)).returning({ id: recoveryCodes.id }))
      .length;
    await tx.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, uid));
  }
  return n;
}

export const accessPersonalData: PersonalData = {
  retention: [
    endedRule('invitations', invitations, invitationEnd),
    endedRule('password_resets', passwordResets, resetEnd),
  ],
  exportFor,
  erase,
};
