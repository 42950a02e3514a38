// The platform's own personal data: accounts (users), sessions, API tokens, the e-mail outbox and the audit log.
// Retention: expired sessions deleted; sent e-mails' bodies and recipients cleared after retentionOutboxDays; audit
// entries' IP addresses cleared after retentionAuditIpDays (through the audit log's own API, so the chain verifies).
import { and, asc, desc, eq, inArray, isNotNull, lt, gte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { apiTokens, sessions, users } from '../auth/auth.schema.ts';
import { mailOutbox } from '../mail/mail.schema.ts';
import { auditLog, auditPersonal } from '../audit/audit.schema.ts';
import { forgetAuditActor, forgetAuditIps } from '../audit/audit.service.ts';
import type { DataSubject, ExportSections, PersonalDataOwner, RetentionRule } from './privacy.types.ts';
import { eraseWorkspace, exportWorkspace, feedTokensRule, notificationsRule } from '../notify/workspace.data.ts';

const DAY = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY);
const count = sql<number>`count(*)::int`;

/** Statuses of e-mails the mail job has finished with (held: no SMTP, kept for reading in the outbox). */
const DONE = ['sent', 'failed', 'held'];

const sessionsRule: RetentionRule = {
  kind: 'sessions',
  days: () => null,
  async due(db, _config, now) {
    const [r] = await db
      .select({
        n: count,
        next: sql<Date | null>`min(${sessions.expiresAt}) filter (where ${sessions.expiresAt} >= ${now})`,
      })
      .from(sessions);
    const [d] = await db.select({ n: count }).from(sessions).where(lt(sessions.expiresAt, now));
    return { count: d.n, next: r.next ? new Date(r.next) : null };
  },
  async apply(tx, _config, now) {
    const r = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
    return r.length;
  },
};

const outboxDue = (cutoff: Date) =>
  and(inArray(mailOutbox.status, DONE), lt(mailOutbox.createdAt, cutoff), ne(mailOutbox.to, ''));

const outboxRule: RetentionRule = {
  kind: 'outbox',
  days: (c) => c.retentionOutboxDays,
  async due(db, config, now) {
    const cutoff = daysBefore(now, config.retentionOutboxDays);
    const [d] = await db.select({ n: count }).from(mailOutbox).where(outboxDue(cutoff));
    const [w] = await db
      .select({ first: sql<Date | null>`min(${mailOutbox.createdAt})` })
      .from(mailOutbox)
      .where(and(ne(mailOutbox.to, ''), gte(mailOutbox.createdAt, cutoff)));
    return {
      count: d.n,
      next: w.first ? new Date(new Date(w.first).getTime() + config.retentionOutboxDays * DAY) : null,
    };
  },
  async apply(tx, config, now) {
    const r = await tx
      .update(mailOutbox)
      .set({ to: '', text: '', html: '', attachments: [] })
      .where(outboxDue(daysBefore(now, config.retentionOutboxDays)))
      .returning({ id: mailOutbox.id });
    return r.length;
  },
};

const auditIpRule: RetentionRule = {
  kind: 'audit_ips',
  days: (c) => c.retentionAuditIpDays,
  async due(db, config, now) {
    const cutoff = daysBefore(now, config.retentionAuditIpDays);
    const [d] = await db
      .select({ n: count })
      .from(auditLog)
      .innerJoin(auditPersonal, eq(auditPersonal.auditId, auditLog.id))
      .where(and(isNotNull(auditPersonal.ip), lt(auditLog.at, cutoff)));
    const [w] = await db
      .select({ at: auditLog.at })
      .from(auditLog)
      .innerJoin(auditPersonal, eq(auditPersonal.auditId, auditLog.id))
      .where(and(isNotNull(auditPersonal.ip), gte(auditLog.at, cutoff)))
      .orderBy(asc(auditLog.id))
      .limit(1);
    return { count: d.n, next: w ? new Date(w.at.getTime() + config.retentionAuditIpDays * DAY) : null };
  },
  apply: (tx, config, now) => forgetAuditIps(tx, daysBefore(now, config.retentionAuditIpDays)),
};

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  if (!s.userId) return {};
  const [account, sess, tokens, mails, audit] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        locale: users.locale,
        timeZone: users.timeZone,
        twoFactorEnabledAt: users.totpEnabledAt,
        disabledAt: users.disabledAt,
        lastSignInAt: users.lastSignInAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, s.userId)),
    // Never the id: it is the SHA-256 of the session cookie.
    db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        userAgent: sessions.userAgent,
        secondFactorVerified: sessions.mfaVerified,
      })
      .from(sessions)
      .where(eq(sessions.userId, s.userId))
      .orderBy(desc(sessions.createdAt)),
    db
      .select({
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        scopes: apiTokens.scopes,
        createdAt: apiTokens.createdAt,
        expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, s.userId))
      .orderBy(desc(apiTokens.createdAt)),
    s.email
      ? db
          .select({
            kind: mailOutbox.kind,
            subject: mailOutbox.subject,
            status: mailOutbox.status,
            createdAt: mailOutbox.createdAt,
            sentAt: mailOutbox.sentAt,
          })
          .from(mailOutbox)
          .where(eq(sql`lower(${mailOutbox.to})`, s.email))
          .orderBy(desc(mailOutbox.createdAt))
      : Promise.resolve([]),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        ip: auditPersonal.ip,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(auditPersonal, eq(auditPersonal.auditId, auditLog.id))
      .where(eq(auditLog.actorId, s.userId))
      .orderBy(asc(auditLog.id)),
  ]);
  return {
    account,
    sessions: sess,
    apiTokens: tokens,
    emails: mails,
    auditEntries: audit,
    ...(await exportWorkspace(db, s)),
  };
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  let n = 0;
  if (s.userId) {
    n += (await tx.delete(sessions).where(eq(sessions.userId, s.userId)).returning({ id: sessions.id })).length;
    n += (await tx.delete(apiTokens).where(eq(apiTokens.userId, s.userId)).returning({ id: apiTokens.id })).length;
    n += (
      await tx
        .update(users)
        .set({
          email: s.pseudonymEmail,
          name: s.pseudonym,
          passwordHash: null,
          totpSecret: null,
          totpEnabledAt: null,
          totpLastStep: null,
          lockedUntil: null,
          lastSignInAt: null,
          disabledAt: sql`coalesce(${users.disabledAt}, now())`,
        })
        .where(eq(users.id, s.userId))
        .returning({ id: users.id })
    ).length;
  }
  if (s.email)
    n += (
      await tx
        .update(mailOutbox)
        .set({ to: '', subject: '', text: '', html: '', attachments: [] })
        .where(eq(sql`lower(${mailOutbox.to})`, s.email))
        .returning({ id: mailOutbox.id })
    ).length;
  n += await eraseWorkspace(tx, s);
  n += await forgetAuditActor(tx, { actorId: s.userId, label: s.email, pseudonym: s.pseudonym });
  return n;
}

/** The platform's declaration, listed first by the runner and the privacy pages. */
export const PLATFORM_PERSONAL_DATA: PersonalDataOwner = {
  name: 'platform',
  personalData: {
    retention: [sessionsRule, outboxRule, auditIpRule, notificationsRule, feedTokensRule],
    exportFor,
    erase,
  },
};
