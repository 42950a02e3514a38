// Append-only, hash-chained, keyed audit log (docs/security.md, "Audit chain"). The one writer and reader of the audit
// tables. Each row carries mac = HMAC(audit key, body) and its hash covers the previous row's hash, the body and the
// mac; the actor's label and the IP address live in audit_personal (forgettable), the chained body holds commitments.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog, auditPersonal } from './audit.schema.ts';
import { DEV_AUDIT_KEY, hmacHex, makeKeyring, sameHex, type AuditKeyring } from './keys.ts';
import { anchorValid, makeAnchor, type AnchorSink, type AuditAnchor } from './anchor.ts';
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

let keyring: AuditKeyring = makeKeyring(DEV_AUDIT_KEY);

/** Sets the audit keys (buildApp and the CLI, from the configuration). Until then: the development key. */
export function setAuditKeys(current: string, previous: readonly string[] = []): void {
  keyring = makeKeyring(current, previous);
}

/** The keys in use (the anchors' MACs use them too). */
export const auditKeys = (): AuditKeyring => keyring;

let anchorSink: AnchorSink | null = null;

/** Where anchors are exported and read back by default (buildApp and the CLI, from AUDIT_ANCHOR_DIR); null: none. */
export function setAuditAnchorSink(sink: AnchorSink | null): void {
  anchorSink = sink;
}
export const auditAnchorSink = (): AnchorSink | null => anchorSink;

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
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Common = {
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
};
/** Rows written before migration 0014: the body holds the plaintext label and IP; hash = sha256(prev | body). */
type LegacyFields = Common & { actorLabel: string | null; ip: string | null };
const legacyBody = (r: LegacyFields) =>
  canonical([r.at.toISOString(), r.actorId, r.actorLabel, r.action, r.targetType, r.targetId, r.ip, r.details]);
const legacyHash = (prev: string, r: LegacyFields) => sha256(`${prev}|${legacyBody(r)}`);

/** Keyed rows: the body holds commitments to the label and the IP, and the key's id. */
type KeyedFields = Common & { actorDigest: string | null; ipDigest: string | null; keyId: string | null };
const keyedBody = (r: KeyedFields) =>
  canonical([
    'v2',
    r.at.toISOString(),
    r.actorId,
    r.actorDigest,
    r.action,
    r.targetType,
    r.targetId,
    r.ipDigest,
    r.details,
    r.keyId,
  ]);
/** sha256(prev | body | mac) in hex; the database's audit_append (migration 0014) computes the same. */
const keyedHash = (prev: string, body: string, mac: string) => sha256(`${prev}|${body}|${mac}`);

/** A hiding, binding commitment to a personal value: HMAC(per-row nonce, kind:value). Erasing the nonce with the value
 * leaves a digest nobody can test a guess against. */
const commitment = (nonce: string, kind: 'actor' | 'ip', value: string) => hmacHex(nonce, `${kind}:${value}`);

/** What a legacy row whose personal data is forgotten keeps verifiable: its place and its other content, sealed. */
type SealFields = Common & { id: number; prevHash: string; hash: string };
const sealBody = (r: SealFields) =>
  canonical([
    'legacy-seal',
    r.id,
    r.prevHash,
    r.hash,
    r.at.toISOString(),
    r.actorId,
    r.action,
    r.targetType,
    r.targetId,
    r.details,
  ]);

function actorFields(a: AuditEntry['actor']): { actorId: string | null; actorLabel: string | null } {
  if (!a) return { actorId: null, actorLabel: null };
  if ('kind' in a)
    return isUser(a) ? { actorId: a.userId, actorLabel: a.email } : { actorId: null, actorLabel: 'anonymous' };
  return { actorId: a.id, actorLabel: a.label };
}

/** What audit_append takes for one entry: the chained row's fields, its body and MAC, and the personal data. */
interface AppendArgs {
  row: KeyedFields;
  body: string;
  mac: string;
  actorLabel: string | null;
  actorNonce: string | null;
  ip: string | null;
  ipNonce: string | null;
}

function appendArgs(e: AuditEntry, at = new Date()): AppendArgs {
  const { actorId, actorLabel } = actorFields(e.actor);
  const ip = e.ip ?? null;
  const actorNonce = actorLabel === null ? null : randomBytes(16).toString('hex');
  const ipNonce = ip === null ? null : randomBytes(16).toString('hex');
  const key = keyring.current;
  const row: KeyedFields = {
    at,
    actorId,
    actorDigest: actorNonce === null || actorLabel === null ? null : commitment(actorNonce, 'actor', actorLabel),
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ipDigest: ipNonce === null || ip === null ? null : commitment(ipNonce, 'ip', ip),
    details: JSON.parse(JSON.stringify(e.details ?? {})) as Record<string, unknown>,
    keyId: key.id,
  };
  const body = keyedBody(row);
  return { row, body, mac: hmacHex(key.secret, body), actorLabel, actorNonce, ip, ipNonce };
}

async function append(tx: Tx, e: AuditEntry): Promise<void> {
  const { row, body, mac, actorLabel, actorNonce, ip, ipNonce } = appendArgs(e);
  // One statement: it takes the writers' lock (held to commit), reads the last hash and inserts the linked row and its
  // personal data, so the lock is held for this statement and the commit only — not for round trips to the application.
  await tx.execute(
    sql`select audit_append(${row.at}, ${row.actorId}, ${row.actorDigest}, ${row.action}, ${row.targetType},
      ${row.targetId}, ${row.ipDigest}, ${JSON.stringify(row.details)}::jsonb, ${body}, ${mac}, ${row.keyId},
      ${actorLabel}, ${actorNonce}, ${ip}, ${ipNonce})`,
  );
}

/**
 * Records several entries in the caller's transaction with one statement (a group of writes committed together, e.g.
 * concurrent registrations): audit_append once per entry, in the given order, each linking to the one before.
 */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length === 1) return recordAudit(tx, entries[0]);
  const at = new Date();
  const args = entries.map((e) => {
    const a = appendArgs(e, at);
    return {
      ...a.row,
      at: a.row.at.toISOString(),
      body: a.body,
      mac: a.mac,
      actorLabel: a.actorLabel,
      actorNonce: a.actorNonce,
      ip: a.ip,
      ipNonce: a.ipNonce,
    };
  });
  // The subquery keeps the entries' order (OFFSET 0 keeps it from being flattened into the outer query); each call
  // reads the hash the previous call wrote (a VOLATILE function's queries see the transaction's earlier commands).
  await inTx(tx, (t) =>
    t.execute(sql`select count(audit_append((v->>'at')::timestamptz, (v->>'actorId')::uuid, v->>'actorDigest',
        v->>'action', v->>'targetType', v->>'targetId', v->>'ipDigest', v->'details', v->>'body', v->>'mac',
        v->>'keyId', v->>'actorLabel', v->>'actorNonce', v->>'ip', v->>'ipNonce'))
      from (select v from jsonb_array_elements(${JSON.stringify(args)}::jsonb) with ordinality as e(v, n)
        order by n offset 0) entries`),
  );
}

/** Runs fn in the caller's transaction, or in a new one when given the database. */
async function inTx<T>(tx: Tx, fn: (t: Tx) => Promise<T>): Promise<T> {
  if ('rollback' in tx) return fn(tx);
  return (tx as Db).transaction((t) => fn(t));
}

/** Records an audit entry inside the caller's transaction (or a new one). */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await inTx(tx, (t) => append(t, e));
}

const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;

/**
 * Seals the legacy rows (no mac) among `where` whose personal data is about to be forgotten: their hash covers the
 * plaintext, so once it is gone the verifier checks this keyed seal of the rest instead. A legacy row that no longer
 * matches its hash is left unsealed (the verifier keeps reporting it: it was altered before).
 */
async function sealLegacy(tx: Tx, where: SQL): Promise<void> {
  const rows = await tx
    .select({ l: auditLog, p: auditPersonal })
    .from(auditLog)
    .innerJoin(auditPersonal, eq(auditPersonal.auditId, auditLog.id))
    .where(and(sql`${auditLog.mac} is null`, sql`${auditPersonal.legacySeal} is null`, where));
  const key = keyring.current;
  const seals: { id: number; seal: string }[] = [];
  for (const { l, p } of rows) {
    if (!sameHex(legacyHash(l.prevHash, { ...l, actorLabel: p.actorLabel, ip: p.ip }), l.hash)) continue;
    seals.push({ id: l.id, seal: `${key.id}:${hmacHex(key.secret, sealBody(l))}` });
  }
  if (seals.length === 0) return;
  await tx.execute(sql`update audit_personal set legacy_seal = v.seal
    from jsonb_to_recordset(${JSON.stringify(seals)}::jsonb) as v(id bigint, seal text)
    where audit_personal.audit_id = v.id`);
}

/**
 * Forgets a person in the audit log: the label of every entry they made (matched by their user id or their label,
 * ignoring case) becomes the pseudonym, and those entries' IP addresses are cleared. The chain still verifies.
 * Returns the number of entries changed; records nothing itself (the caller audits the erasure).
 */
export async function forgetAuditActor(
  tx: Tx,
  who: { actorId?: string | null; label?: string | null; pseudonym: string },
): Promise<number> {
  const by: SQL[] = [];
  if (who.actorId) by.push(sql`${auditLog.actorId} = ${who.actorId}`);
  if (who.label) by.push(sql`lower(${auditPersonal.actorLabel}) = ${who.label.toLowerCase()}`);
  if (by.length === 0) return 0;
  const match = sql`(${sql.join(by, sql` or `)}) and (${auditPersonal.ip} is not null
    or ${auditPersonal.actorNonce} is not null or ${auditPersonal.actorLabel} is distinct from ${who.pseudonym})`;
  return inTx(tx, async (t) => {
    await sealLegacy(t, match);
    const res = await t.execute(sql`update audit_personal set
        actor_label = case when audit_personal.actor_label is null then null else ${who.pseudonym}::text end,
        actor_nonce = null, ip = null, ip_nonce = null
      from audit_log where audit_log.id = audit_personal.audit_id and ${match}
      returning audit_personal.audit_id`);
    return rowsOf(res).length;
  });
}

/** Clears the IP address of the entries recorded before `before` (the retention period). Returns their number. */
export async function forgetAuditIps(tx: Tx, before: Date): Promise<number> {
  const match = sql`${auditLog.at} < ${before} and ${auditPersonal.ip} is not null`;
  return inTx(tx, async (t) => {
    await sealLegacy(t, match);
    const res = await t.execute(sql`update audit_personal set ip = null, ip_nonce = null
      from audit_log where audit_log.id = audit_personal.audit_id and ${match}
      returning audit_personal.audit_id`);
    return rowsOf(res).length;
  });
}

/**
 * What verification found wrong, at firstBadId: link (prev_hash is not the previous row's hash), hash (the row does
 * not match its hash), mac (the row does not match its keyed MAC: rewritten without the key), unknown-key (made with
 * a key that is neither AUDIT_KEY nor in AUDIT_KEY_PREVIOUS), unkeyed (a row without a MAC after keyed rows began),
 * personal (a label or IP that does not match the row's commitment), seal (a forgotten legacy row whose seal fails);
 * against the exported anchors: anchor-forged (an anchor whose MAC fails: the anchor file was altered),
 * anchor-mismatch (the anchored row is missing mid-chain, or its hash or the row count up to it differ: the chain was
 * rewritten), truncated (the chain ends before an anchored row: the newest entries were removed).
 */
export type ChainProblem =
  | 'link'
  | 'hash'
  | 'mac'
  | 'unknown-key'
  | 'unkeyed'
  | 'personal'
  | 'seal'
  | 'anchor-forged'
  | 'anchor-mismatch'
  | 'truncated';

export interface ChainCheck {
  ok: boolean;
  /** Rows checked (all of them when ok). */
  checked: number;
  firstBadId: number | null;
  problem: ChainProblem | null;
  /** Rows written before the chain was keyed (migration 0014): verified by their unkeyed hash only. */
  legacy: number;
  /** The last row's id (0 when empty); on a failure, the last row checked. */
  lastId: number;
  /** Valid exported anchors checked. */
  anchors: number;
  /** The latest anchor when ok; the anchor that failed on an anchor problem; else null. */
  anchor: { id: number; count: number; at: string } | null;
}

type Joined = { l: typeof auditLog.$inferSelect; p: typeof auditPersonal.$inferSelect | null };

/** Checks one row against its predecessor's hash; null when it is sound. */
function checkRow({ l, p }: Joined, prev: string, keyed: boolean): ChainProblem | null {
  if (l.prevHash !== prev) return 'link';
  if (l.mac === null) {
    if (keyed) return 'unkeyed';
    if (p?.legacySeal) {
      const [keyId, mac] = p.legacySeal.split(':');
      const key = keyring.byId.get(keyId);
      if (!key) return 'unknown-key';
      return sameHex(hmacHex(key.secret, sealBody(l)), mac) ? null : 'seal';
    }
    return sameHex(legacyHash(prev, { ...l, actorLabel: p?.actorLabel ?? null, ip: p?.ip ?? null }), l.hash)
      ? null
      : 'hash';
  }
  const key = l.keyId ? keyring.byId.get(l.keyId) : undefined;
  if (!key) return 'unknown-key';
  const body = keyedBody(l);
  if (!sameHex(hmacHex(key.secret, body), l.mac)) return 'mac';
  if (!sameHex(keyedHash(prev, body, l.mac), l.hash)) return 'hash';
  // Personal data: while its nonce is kept it must match the commitment; once forgotten (no nonce) it is a pseudonym
  // (actor) or nothing (IP). A label or IP on a row that committed to none was added afterwards.
  if (p) {
    if (p.actorLabel !== null && l.actorDigest === null) return 'personal';
    if (p.actorNonce !== null && !sameHex(commitment(p.actorNonce, 'actor', p.actorLabel ?? ''), l.actorDigest))
      return 'personal';
    if (p.ip !== null && (p.ipNonce === null || !sameHex(commitment(p.ipNonce, 'ip', p.ip), l.ipDigest)))
      return 'personal';
  }
  return null;
}

const anchorInfo = (a: AuditAnchor) => ({ id: a.id, count: a.count, at: a.at });

/**
 * Walks the whole chain with the configured keys, and compares it with every anchor exported to the sink (by default
 * the configured one); returns the first problem found, and where.
 */
export async function verifyAuditChain(
  db: Db,
  opts: { sink?: AnchorSink | null; batch?: number } = {},
): Promise<ChainCheck> {
  const sink = opts.sink === undefined ? anchorSink : opts.sink;
  const batch = opts.batch ?? 5000;
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  let legacy = 0;
  let keyed = false;
  const result = (problem: ChainProblem | null, firstBadId: number | null, anchor: AuditAnchor | null) => ({
    ok: problem === null,
    checked,
    firstBadId,
    problem,
    legacy,
    lastId,
    anchors: anchors.length,
    anchor: anchor && anchorInfo(anchor),
  });
  // The anchors, oldest row first; one that does not verify means the anchor file itself was tampered with.
  const anchors: AuditAnchor[] = [];
  for (const { value } of sink ? await sink.readAll() : []) {
    if (!anchorValid(keyring, value)) {
      const id = (value as { id?: unknown } | null)?.id;
      return result('anchor-forged', Number.isInteger(id) ? (id as number) : null, null);
    }
    if (value.id > 0) anchors.push(value);
  }
  anchors.sort((a, b) => a.id - b.id);
  let k = 0;
  for (;;) {
    const rows: Joined[] = await db
      .select({ l: auditLog, p: auditPersonal })
      .from(auditLog)
      .leftJoin(auditPersonal, eq(auditPersonal.auditId, auditLog.id))
      .where(sql`${auditLog.id} > ${lastId}`)
      .orderBy(asc(auditLog.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      const problem = checkRow(r, prev, keyed);
      if (problem) return result(problem, r.l.id, null);
      // An anchored row that the walk passed without meeting was removed (and the chain re-linked over it).
      if (k < anchors.length && anchors[k].id < r.l.id) return result('anchor-mismatch', anchors[k].id, anchors[k]);
      if (r.l.mac === null) legacy++;
      else keyed = true;
      prev = r.l.hash;
      lastId = r.l.id;
      checked++;
      for (; k < anchors.length && anchors[k].id === r.l.id; k++)
        if (!sameHex(anchors[k].hash, r.l.hash) || anchors[k].count !== checked)
          return result('anchor-mismatch', anchors[k].id, anchors[k]);
    }
  }
  // The chain ends before the newest anchor: its newest entries were removed.
  if (k < anchors.length) return result('truncated', anchors[anchors.length - 1].id, anchors[anchors.length - 1]);
  return result(null, null, anchors.at(-1) ?? null);
}

/** The chain's head: the last row's id and hash, and the number of rows (one statement: a consistent view). */
export async function auditHead(db: Db): Promise<{ id: number; hash: string; count: number } | null> {
  const rows = await db.execute(sql`select h.id::int as id, h.hash,
      (select count(*)::int from audit_log c where c.id <= h.id) as count
    from audit_log h order by h.id desc limit 1`);
  const r = rowsOf(rows)[0] as { id: number; hash: string; count: number } | undefined;
  return r ? { id: Number(r.id), hash: r.hash, count: Number(r.count) } : null;
}

/**
 * Exports the chain's head, MACed with the current key, to the sink (by default the configured one). Returns the
 * anchor, or null when the chain is empty or no sink is configured. The head is consistent: audit_append takes ids
 * under the writers' lock, held to commit, so every row up to the last committed one is committed too.
 */
export async function writeAuditAnchor(db: Db, sink: AnchorSink | null = anchorSink): Promise<AuditAnchor | null> {
  if (!sink) return null;
  const head = await auditHead(db);
  if (!head) return null;
  const anchor = makeAnchor(keyring, head);
  await sink.append(anchor);
  return anchor;
}

export interface AuditFilters {
  /** Actions starting with this text (e.g. "event." or "organization.update"). */
  action?: string;
  /** Actor labels (e-mail addresses) containing this text, ignoring case. */
  actor?: string;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
  /** Entries about this record (`target_id`). */
  targetId?: string;
  page?: number;
  pageSize?: number;
}

const listed = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorLabel: auditPersonal.actorLabel,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  ip: auditPersonal.ip,
  details: auditLog.details,
  keyId: auditLog.keyId,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};

/** One page of the audit log, newest first, with the number of matching entries (the admin page and the API). */
export async function listAudit(db: Db, f: AuditFilters = {}) {
  const where: SQL[] = [];
  if (f.action) where.push(like(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.actor) where.push(sql`lower(${auditPersonal.actorLabel}) like ${`%${escapeLike(f.actor.toLowerCase())}%`}`);
  if (f.from) where.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) where.push(lte(auditLog.at, new Date(`${f.to}T23:59:59.999Z`)));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const cond = where.length ? and(...where) : undefined;
  const joined = eq(auditPersonal.auditId, auditLog.id);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(listed)
      .from(auditLog)
      .leftJoin(auditPersonal, joined)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).leftJoin(auditPersonal, joined).where(cond),
  ]);
  return { rows, total: n, page, pageSize };
}
