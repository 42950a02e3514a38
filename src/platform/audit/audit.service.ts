// Append-only, hash-chained audit log. Each row's hash covers its content and the previous row's hash.
import { createHash } from 'node:crypto';
import { and, asc, desc, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog } from './audit.schema.ts';
import type { Db, Tx } from '../db/client.ts';
import { escapeLike } from '../db/sql.ts';
import { isUser, type Actor } from '../auth/policy.ts';

export interface AuditEntry {
  action: string;
  actor?: Actor | { id: string | null; label: string | null };
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

type HashedFields = {
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
};
/** The canonical text of a row that its hash covers (with the previous row's hash). */
const rowBody = (r: HashedFields) =>
  canonical([r.at.toISOString(), r.actorId, r.actorLabel, r.action, r.targetType, r.targetId, r.ip, r.details]);

/** sha256(prevHash || '|' || body) in hex; the database's audit_append (migration 0007) computes the same. */
export function hashRow(prevHash: string, r: HashedFields): string {
  return createHash('sha256').update(prevHash).update('|').update(rowBody(r)).digest('hex');
}

function actorFields(a: AuditEntry['actor']): { actorId: string | null; actorLabel: string | null } {
  if (!a) return { actorId: null, actorLabel: null };
  if ('kind' in a)
    return isUser(a) ? { actorId: a.userId, actorLabel: a.email } : { actorId: null, actorLabel: 'anonymous' };
  return { actorId: a.id, actorLabel: a.label };
}

async function append(tx: Tx, e: AuditEntry): Promise<void> {
  const row = {
    at: new Date(),
    ...actorFields(e.actor),
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ip: e.ip ?? null,
    details: JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>,
  };
  // One statement: it takes the writers' lock (held to commit), reads the last hash and inserts the linked row, so the
  // lock is held for this statement and the commit only — not for round trips to the application.
  await tx.execute(
    sql`select audit_append(${row.at}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.targetType},
      ${row.targetId}, ${row.ip}, ${JSON.stringify(row.details)}::jsonb, ${rowBody(row)})`,
  );
}

/** Records an audit entry inside the caller's transaction (or a new one). */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  if ('rollback' in tx) return append(tx, e);
  await (tx as Db).transaction((t) => append(t, e));
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
}

/** Walks the whole chain; returns the first row whose hash or link does not match. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<ChainCheck> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.id} > ${lastId}`)
      .orderBy(asc(auditLog.id))
      .limit(batch);
    if (rows.length === 0) return { ok: true, checked, firstBadId: null };
    for (const r of rows) {
      if (r.prevHash !== prev || hashRow(prev, r) !== r.hash) return { ok: false, checked, firstBadId: r.id };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}

export interface AuditFilters {
  /** Actions starting with this text (e.g. "event." or "organization.update"). */
  action?: string;
  /** Actor labels (e-mail addresses) containing this text, ignoring case. */
  actor?: string;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** One page of the audit log, newest first, with the number of matching entries (the admin page and the API). */
export async function listAudit(db: Db, f: AuditFilters = {}) {
  const where: SQL[] = [];
  if (f.action) where.push(like(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.actor) where.push(sql`lower(${auditLog.actorLabel}) like ${`%${escapeLike(f.actor.toLowerCase())}%`}`);
  if (f.from) where.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) where.push(lte(auditLog.at, new Date(`${f.to}T23:59:59.999Z`)));
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond),
  ]);
  return { rows, total: n, page, pageSize };
}
