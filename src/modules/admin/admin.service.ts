// Administration: the audit log (with chain verification), the e-mail outbox, and user accounts (through the
// access module's public interface).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { authorize, type Actor } from '../../platform/auth/policy.ts';
import { listAudit, verifyAuditChain, type AuditFilters } from '../../platform/audit/audit.service.ts';
import { mailOutbox, type OutboxStatus } from '../../platform/mail/mail.schema.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { escapeLike, isUuid } from '../../platform/db/sql.ts';
import { deadLetter as deadJob, listDeadLetters, retryDeadLetter } from '../../platform/jobs/dead-letters.ts';
import type { DeadLetter } from '../../platform/jobs/dead-letters.ts';
import { queueOverview, type QueueLine } from '../../platform/jobs/overview.ts';

export { changeRole, listUsers, setDisabled } from '../access/index.ts';
import { userContact } from '../access/index.ts';

export interface AdminContext {
  db: Db;
  actor: Actor;
  ip?: string;
}

import { PAGE } from './admin.paging.ts';

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];
export type OutboxRow = typeof mailOutbox.$inferSelect;

/** An account's name and address (the confirmation before disabling it); 404 when there is none. */
export async function userToManage(ctx: AdminContext, id: string) {
  authorize(ctx.actor, 'admin.users.manage');
  const u = isUuid(id) ? await userContact(ctx.db, id) : null;
  if (!u) throw notFound();
  return u;
}

/** One page of the audit log and, when asked, the result of walking the whole hash chain. */
export async function auditPage(ctx: AdminContext, f: AuditFilters & { verify?: boolean }) {
  authorize(ctx.actor, 'admin.audit.read');
  const [list, chain] = await Promise.all([
    listAudit(ctx.db, { ...f, pageSize: PAGE }),
    f.verify ? verifyAuditChain(ctx.db) : null,
  ]);
  return { ...list, chain };
}

/** How many failed e-mails (the dead letter) the outbox page lists, newest first. */
export const DEAD_LETTER_SHOWN = 50;

/** What the outbox's list is narrowed to: a state, and part of the recipient's address (any case). */
export interface OutboxFilters {
  status?: OutboxStatus;
  to?: string;
}

/** One page of the e-mail outbox, newest first, narrowed by the filters, and how many match. */
export async function outboxList(ctx: AdminContext, page: number, f: OutboxFilters = {}) {
  authorize(ctx.actor, 'admin.outbox.read');
  const to = f.to?.trim().toLowerCase();
  const where = and(
    f.status ? eq(mailOutbox.status, f.status) : undefined,
    to ? sql`lower(${mailOutbox.to}) like ${`%${escapeLike(to)}%`}` : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(PAGE)
      .offset((page - 1) * PAGE),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(where),
  ]);
  return { rows, total: n, page };
}

/** The outbox's page: the messages delivery gave up on (failed: the dead letter), and one page of the list. */
export async function outboxPage(ctx: AdminContext, page: number, f: OutboxFilters = {}) {
  const [failed, list] = await Promise.all([deadLetter(ctx), outboxList(ctx, page, f)]);
  return { failed, ...list };
}

/** The failed e-mails (delivery gave up after its last attempt), newest first. */
export async function deadLetter(ctx: AdminContext, limit = DEAD_LETTER_SHOWN): Promise<OutboxRow[]> {
  authorize(ctx.actor, 'admin.outbox.read');
  return ctx.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'failed'))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}

/** Statuses from which an administrator can send a message again. */
export const RESENDABLE = ['failed', 'sent'] as const;

/** Puts a failed or sent e-mail back in the queue, its attempts reset (audited); 409 for another status. */
export async function resendMessage(ctx: AdminContext, id: string): Promise<OutboxRow> {
  authorize(ctx.actor, 'admin.outbox.resend');
  if (!isUuid(id)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .update(mailOutbox)
      .set({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: sql`now()`,
        claimedUntil: null,
        lastError: null,
        sentAt: null,
      })
      .where(and(eq(mailOutbox.id, id), inArray(mailOutbox.status, [...RESENDABLE])))
      .returning();
    if (!m) {
      const [found] = await tx.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.id, id));
      if (!found) throw notFound();
      throw conflict('outbox.resend.notResendable');
    }
    await recordAudit(tx, {
      action: 'mail.resent',
      actor: ctx.actor,
      targetType: 'mail',
      targetId: id,
      ip: ctx.ip,
      details: { kind: m.kind },
    });
    return m;
  });
}

/** One queued e-mail; 404 when there is none. */
export async function outboxMessage(ctx: AdminContext, id: string): Promise<OutboxRow> {
  authorize(ctx.actor, 'admin.outbox.read');
  if (!isUuid(id)) throw notFound();
  const m = (await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1))[0];
  if (!m) throw notFound();
  return m;
}

export type { DeadLetter, QueueLine };

/**
 * The queue job by job, one page of the failed (dead-letter) jobs, the most recent first, and how many e-mails failed
 * (the outbox's).
 */
export async function jobsPage(ctx: AdminContext, page: number) {
  authorize(ctx.actor, 'admin.jobs.read');
  const [queues, list, [{ n }]] = await Promise.all([
    queueOverview(ctx.db),
    listDeadLetters(ctx.db, page, PAGE),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.status, 'failed')),
  ]);
  return { ...list, page, failedMail: n, queues };
}

/** The queue job by job: runs waiting, running, done in the last day, failed, and each job's schedule. */
export async function jobQueues(ctx: AdminContext): Promise<QueueLine[]> {
  authorize(ctx.actor, 'admin.jobs.read');
  return queueOverview(ctx.db);
}

/** One failed job; 404 when there is none (or it is no longer failed). */
export async function failedJob(ctx: AdminContext, id: string): Promise<DeadLetter> {
  authorize(ctx.actor, 'admin.jobs.read');
  const j = await deadJob(ctx.db, id);
  if (!j) throw notFound();
  return j;
}

/** Puts a failed job back in the queue (audited as job.retried); 404 for none, 409 when it is not failed. */
export async function retryJob(ctx: AdminContext, id: string): Promise<DeadLetter> {
  authorize(ctx.actor, 'admin.jobs.retry');
  return ctx.db.transaction(async (tx) => {
    const j = await deadJob(tx, id);
    if (!j) throw notFound();
    if (!(await retryDeadLetter(tx, id))) throw conflict('jobs.retry.notFailed');
    await recordAudit(tx, {
      action: 'job.retried',
      actor: ctx.actor,
      targetType: 'job',
      targetId: id,
      ip: ctx.ip,
      details: { name: j.name, version: j.version, attempts: j.attempts },
    });
    return j;
  });
}
