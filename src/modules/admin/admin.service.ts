// Administration: the audit log (with chain verification), the e-mail outbox, and user accounts (through the
// access module's public interface).
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { authorize, type Actor } from '../../platform/auth/policy.ts';
import { listAudit, verifyAuditChain, type AuditFilters } from '../../platform/audit/audit.service.ts';
import { mailOutbox } from '../../platform/mail/mail.schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/db/sql.ts';

export { changeRole, listUsers, setDisabled } from '../access/index.ts';
import { userContact } from '../access/index.ts';

export interface AdminContext {
  db: Db;
  actor: Actor;
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

/** The e-mail outbox, newest first. */
export async function outboxPage(ctx: AdminContext, page: number) {
  authorize(ctx.actor, 'admin.outbox.read');
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(mailOutbox)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(PAGE)
      .offset((page - 1) * PAGE),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox),
  ]);
  return { rows, total: n, page };
}

/** One queued e-mail; 404 when there is none. */
export async function outboxMessage(ctx: AdminContext, id: string): Promise<OutboxRow> {
  authorize(ctx.actor, 'admin.outbox.read');
  if (!isUuid(id)) throw notFound();
  const m = (await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1))[0];
  if (!m) throw notFound();
  return m;
}
