// The briefing pack to the Counter-Terrorism Committee (docs/architecture.md, "The briefing pack"). Its figures come
// from the modules that own them through the briefing-section registry (platform/modules/briefing.ts) — the compact
// module imports none of them (assessments and events import compact) — plus the Compact's own register section.
// A pack is saved with its figures as a JSON snapshot (and the snapshot's SHA-256), a version per period, and moves
// draft → approved (both co-chair entities of the CTC briefing body) → circulated; approved packs are immutable (the
// service refuses, and migration 0020's trigger refuses an UPDATE of the snapshot). Every step is audited.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, can, isUser, type Actor } from '../../../platform/auth/policy.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { briefingProviders, type BriefingPeriod } from '../../../platform/modules/briefing.ts';
import { notifyAndMail } from '../../../platform/notify/notify.service.ts';
import { focalPointAccounts, organizationsByIds } from '../../directory/index.ts';
import { compactBodies } from '../compact.schema.ts';
import { approverOrgIds, type BriefingBodyResource } from '../compact.policy.ts';
import { bodyRef } from '../structure/structure.service.ts';
import { compactActions, compactDecisions, ACTION_STATUSES } from '../register/register.schema.ts';
import { compactBriefingApprovals, compactBriefings, type BriefingStatus } from './briefing.schema.ts';

export interface BriefingContext {
  db: Db;
  actor: Actor;
  ip?: string | null;
  config?: Pick<Config, 'baseUrl' | 'smtpUrl'>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: unknown): s is string =>
  typeof s === 'string' &&
  DAY.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
/** The longest period a pack covers (three years and a day). */
const MAX_DAYS = 3 * 366;

/** The last half-year up to today: from the same day six months ago (plus one) to today. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate() + 1));
  return { from: dayOf(from), to: dayOf(now) };
}

/** Checks a period; every problem at once (422). */
export function checkPeriod(input: { from?: string; to?: string }, now = new Date()): { from: string; to: string } {
  const fields: FieldError[] = [];
  const from = input.from?.trim() ?? '';
  const to = input.to?.trim() ?? '';
  if (!from) fields.push({ field: 'from', messageKey: 'briefing.error.fromRequired' });
  else if (!isDay(from)) fields.push({ field: 'from', messageKey: 'briefing.error.date' });
  if (!to) fields.push({ field: 'to', messageKey: 'briefing.error.toRequired' });
  else if (!isDay(to)) fields.push({ field: 'to', messageKey: 'briefing.error.date' });
  else if (to > dayOf(now)) fields.push({ field: 'to', messageKey: 'briefing.error.future' });
  if (isDay(from) && isDay(to)) {
    if (from > to) fields.push({ field: 'to', messageKey: 'briefing.error.order' });
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS)
      fields.push({ field: 'to', messageKey: 'briefing.error.tooLong' });
  }
  if (fields.length) throw invalid(fields);
  return { from, to };
}

// ---- The Compact's own section: its decisions of the period, the status of its actions ----

/** Organization types whose names a pack may give (never a CSO's, listed or not, nor a company's: counts only). */
const NAMED_ORG_TYPES = new Set(['member_state', 'un_entity', 'regional_org', 'international_org']);

export interface RegisterFigures {
  decisions: { id: string; symbol: string; decidedOn: string; text: TranslatableText; body: TranslatableText }[];
  actions: {
    byStatus: { key: string; count: number }[];
    overdue: number;
    total: number;
    list: {
      id: string;
      title: TranslatableText;
      status: string;
      dueOn: string | null;
      overdue: boolean;
      decisionSymbol: string | null;
      owner: Record<string, string> | null;
      ownerAcronym: string | null;
    }[];
  };
}

/** Decisions taken in the period (every body); the bodies' actions: counts by status (overdue as of `asOf`), list. */
export async function registerFiguresForPeriod(db: Db | Tx, period: BriefingPeriod): Promise<RegisterFigures> {
  const overdue = sql<boolean>`(${compactActions.status} in ('open', 'in_progress')
    and ${compactActions.dueOn} < ${period.asOf}::date)`;
  // The actions of the bodies (an event's follow-up actions belong to the event's section): those still open and
  // those created in the period.
  const scope = and(
    sql`${compactActions.bodyId} is not null`,
    sql`(${compactActions.status} in ('open', 'in_progress')
      or (${compactActions.createdAt} >= ${period.from}::date
        and ${compactActions.createdAt} < ${period.to}::date + 1))`,
  );
  const [decisions, counts, list] = await Promise.all([
    db
      .select({
        id: compactDecisions.id,
        symbol: compactDecisions.symbol,
        decidedOn: compactDecisions.decidedOn,
        text: compactDecisions.text,
        body: compactBodies.names,
      })
      .from(compactDecisions)
      .innerJoin(compactBodies, eq(compactBodies.id, compactDecisions.bodyId))
      .where(sql`${compactDecisions.decidedOn} between ${period.from}::date and ${period.to}::date`)
      .orderBy(asc(compactDecisions.decidedOn), asc(compactDecisions.symbol)),
    db
      .select({
        status: compactActions.status,
        n: sql<number>`count(*)`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
      })
      .from(compactActions)
      .where(scope)
      .groupBy(compactActions.status),
    db
      .select({
        id: compactActions.id,
        title: compactActions.title,
        status: compactActions.status,
        dueOn: compactActions.dueOn,
        overdue,
        ownerOrgId: compactActions.ownerOrgId,
        decisionSymbol: compactDecisions.symbol,
      })
      .from(compactActions)
      .leftJoin(compactDecisions, eq(compactDecisions.id, compactActions.decisionId))
      .where(scope)
      .orderBy(sql`${compactActions.dueOn} asc nulls last`, asc(compactActions.createdAt), asc(compactActions.id))
      .limit(500),
  ]);
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        list.flatMap((a) => (a.ownerOrgId ? [a.ownerOrgId] : [])),
      )
    ).map((o) => [o.id, o]),
  );
  const named = (id: string | null) => {
    const o = id ? orgs.get(id) : undefined;
    return o && NAMED_ORG_TYPES.has(o.type) ? o : null;
  };
  return {
    decisions: decisions.map((d) => ({ ...d, decidedOn: String(d.decidedOn) })),
    actions: {
      byStatus: ACTION_STATUSES.map((s) => ({ key: s, count: counts.find((c) => c.status === s)?.n ?? 0 })),
      overdue: counts.reduce((s, c) => s + c.overdue, 0),
      total: counts.reduce((s, c) => s + c.n, 0),
      list: list.map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        dueOn: a.dueOn ? String(a.dueOn) : null,
        overdue: !!a.overdue,
        decisionSymbol: a.decisionSymbol ?? null,
        owner: (named(a.ownerOrgId)?.names as Record<string, string> | undefined) ?? null,
        ownerAcronym: named(a.ownerOrgId)?.acronym ?? null,
      })),
    },
  };
}

// ---- Packs ----

export interface Snapshot {
  period: { from: string; to: string; asOf: string };
  generatedAt: string;
  /** Each section's figures by key (visits, needs, events, register), in the registry's order. */
  sections: { key: string; figures: unknown }[];
}

/** Every registered section's figures for the period (what a new pack saves). */
export async function computeSnapshot(db: Db, period: { from: string; to: string }, now = new Date()) {
  const p: BriefingPeriod = { ...period, asOf: dayOf(now) };
  const sections = await Promise.all(
    briefingProviders().map(async (s) => ({ key: s.key, figures: await s.figures(db, p) })),
  );
  return { period: p, generatedAt: now.toISOString(), sections } satisfies Snapshot;
}

export const sha256Of = (snapshot: unknown) => createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');

/**
 * The snapshot as the database keeps it (jsonb orders an object's keys its own way): what every later read returns,
 * so `sha256Of` of it is the SHA-256 of the bytes a reader can rebuild from the row at any time — the bytes the
 * library keeps as the pack's revision (`packBytes`).
 */
export async function asStored<T>(db: Db | Tx, snapshot: T): Promise<T> {
  const r = await db.execute<{ s: string }>(sql`select (${JSON.stringify(snapshot)}::jsonb)::text as s`);
  const rows = (Array.isArray(r) ? r : (r as { rows: { s: string }[] }).rows) as { s: string }[];
  return JSON.parse(rows[0].s) as T;
}

/** The bytes of a pack's snapshot as kept in the library: its JSON as read from the row, in UTF-8. */
export const packBytes = (snapshot: unknown) => Buffer.from(JSON.stringify(snapshot), 'utf8');

/** Every pack's id (the library's cheap check for packs it does not keep yet). */
export async function briefingPackIds(db: Db | Tx): Promise<string[]> {
  return (await db.select({ id: compactBriefings.id }).from(compactBriefings)).map((r) => r.id);
}

/**
 * Every pack with its snapshot, oldest first, for the library that keeps each one as a document (library module:
 * `keepBriefingPacks`); who reads a pack stays this module's rule.
 */
export async function briefingPacksToKeep(db: Db | Tx) {
  return db
    .select({
      id: compactBriefings.id,
      periodFrom: compactBriefings.periodFrom,
      periodTo: compactBriefings.periodTo,
      version: compactBriefings.version,
      snapshot: compactBriefings.snapshot,
      sha256: compactBriefings.sha256,
      status: compactBriefings.status,
      createdBy: compactBriefings.createdBy,
      createdAt: compactBriefings.createdAt,
    })
    .from(compactBriefings)
    .orderBy(asc(compactBriefings.createdAt), asc(compactBriefings.id));
}

/** The CTC briefing body (its members and co-chairs in their term), for the rules. */
async function briefingBody(db: Db | Tx): Promise<BriefingBodyResource & { id: string | null }> {
  const [b] = await db
    .select({ id: compactBodies.id })
    .from(compactBodies)
    .where(eq(compactBodies.kind, 'ctc_briefing'));
  if (!b) return { id: null, memberOrgIds: [], chairOrgIds: [] };
  const ref = await bodyRef(db, b.id);
  return { id: b.id, memberOrgIds: ref.memberOrgIds, chairOrgIds: ref.chairOrgIds };
}

export type BriefingRow = typeof compactBriefings.$inferSelect;
export interface Approval {
  organizationId: string;
  organizationNames: Record<string, string>;
  organizationAcronym: string | null;
  userLabel: string;
  approvedAt: Date;
}

const listColumns = {
  id: compactBriefings.id,
  periodFrom: compactBriefings.periodFrom,
  periodTo: compactBriefings.periodTo,
  version: compactBriefings.version,
  sha256: compactBriefings.sha256,
  status: compactBriefings.status,
  createdAt: compactBriefings.createdAt,
  approvedAt: compactBriefings.approvedAt,
  circulatedAt: compactBriefings.circulatedAt,
};
export type BriefingSummary = Omit<BriefingRow, 'snapshot' | 'createdBy' | 'circulatedBy'>;

/** Generates the figures and saves them as a new pack: version 1 for a new period, else the next version. */
export async function createBriefing(ctx: BriefingContext, input: { from?: string; to?: string }) {
  authorize(ctx.actor, 'compact.briefing.create');
  const period = checkPeriod(input);
  const snapshot = await asStored(ctx.db, await computeSnapshot(ctx.db, period));
  const sha256 = sha256Of(snapshot);
  return ctx.db.transaction(async (tx) => {
    // One version number per period: the lock serializes two generations of the same period.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`briefing:${period.from}:${period.to}`}))`);
    const [m] = await tx
      .select({ v: sql<number>`coalesce(max(${compactBriefings.version}), 0)`.mapWith(Number) })
      .from(compactBriefings)
      .where(and(eq(compactBriefings.periodFrom, period.from), eq(compactBriefings.periodTo, period.to)));
    const [row] = await tx
      .insert(compactBriefings)
      .values({
        periodFrom: period.from,
        periodTo: period.to,
        version: (m?.v ?? 0) + 1,
        snapshot: snapshot as unknown as Record<string, unknown>,
        sha256,
        createdBy: isUser(ctx.actor) ? ctx.actor.userId : null,
      })
      .returning(listColumns);
    await recordAudit(tx, {
      action: 'compact.briefing.created',
      actor: ctx.actor,
      targetType: 'compact_briefing',
      targetId: row!.id,
      ip: ctx.ip ?? null,
      details: { from: period.from, to: period.to, version: row!.version, sha256 },
    });
    return row!;
  });
}

/** Whether this reader may open the packs: the rule of `listBriefings` (the main navigation asks it too). */
export async function mayReadBriefings(db: Db, actor: Actor): Promise<boolean> {
  return can(actor, 'compact.briefing.read', await briefingBody(db));
}

/** The packs, newest first (the secretariat and the people of the CTC briefing body's entities; 403 otherwise). */
export async function listBriefings(ctx: BriefingContext): Promise<BriefingSummary[]> {
  authorize(ctx.actor, 'compact.briefing.read', await briefingBody(ctx.db));
  return ctx.db
    .select(listColumns)
    .from(compactBriefings)
    .orderBy(desc(compactBriefings.createdAt), desc(compactBriefings.version));
}

async function approvalsOf(db: Db | Tx, briefingId: string): Promise<Approval[]> {
  const rows = await db
    .select()
    .from(compactBriefingApprovals)
    .where(eq(compactBriefingApprovals.briefingId, briefingId))
    .orderBy(asc(compactBriefingApprovals.approvedAt));
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  return rows.map((r) => ({
    organizationId: r.organizationId,
    organizationNames: (orgs.get(r.organizationId)?.names ?? {}) as Record<string, string>,
    organizationAcronym: orgs.get(r.organizationId)?.acronym ?? null,
    userLabel: r.userLabel,
    approvedAt: r.approvedAt,
  }));
}

/** One pack with its figures, approvals and what the reader may do (404 when unknown; 403 outside the audience). */
export async function getBriefing(ctx: BriefingContext, id: string) {
  const body = await briefingBody(ctx.db);
  authorize(ctx.actor, 'compact.briefing.read', body);
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(compactBriefings).where(eq(compactBriefings.id, id));
  if (!row) throw notFound();
  const approvals = await approvalsOf(ctx.db, row.id);
  const approved = new Set(approvals.map((a) => a.organizationId));
  const mine = isUser(ctx.actor) ? approverOrgIds(ctx.actor, body).filter((o) => !approved.has(o)) : [];
  const chairs = await organizationsByIds(ctx.db, body.chairOrgIds);
  return {
    briefing: row,
    snapshot: row.snapshot as unknown as Snapshot,
    approvals,
    pendingChairs: chairs
      .filter((c) => !approved.has(c.id))
      .map((c) => ({ id: c.id, names: c.names as Record<string, string>, acronym: c.acronym })),
    canApprove: row.status === 'draft' && mine.length > 0 && can(ctx.actor, 'compact.briefing.approve', body),
    canCirculate: row.status === 'approved' && can(ctx.actor, 'compact.briefing.circulate'),
  };
}
export type BriefingDetail = Awaited<ReturnType<typeof getBriefing>>;

/** A pack that does not exist or is not in the expected state. */
const stateConflict = (status: BriefingStatus) => conflict('briefing.error.state', { status });

/**
 * Approves the pack on behalf of the actor's co-chair entity (UNOCT or CTED: its focal point, or a member of the
 * secretariat who belongs to it). When both co-chairs have approved, the pack is approved: from then on immutable.
 */
export async function approveBriefing(ctx: BriefingContext, id: string) {
  const body = await briefingBody(ctx.db);
  authorize(ctx.actor, 'compact.briefing.read', body);
  if (!isUuid(id)) throw notFound();
  authorize(ctx.actor, 'compact.briefing.approve', body);
  if (!isUser(ctx.actor)) throw notFound();
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(compactBriefings).where(eq(compactBriefings.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'draft') throw stateConflict(row.status);
    const done = new Set(
      (
        await tx
          .select({ o: compactBriefingApprovals.organizationId })
          .from(compactBriefingApprovals)
          .where(eq(compactBriefingApprovals.briefingId, id))
      ).map((r) => r.o),
    );
    const org = approverOrgIds(actor, body).find((o) => !done.has(o));
    if (!org) throw conflict('briefing.error.alreadyApproved');
    await tx.insert(compactBriefingApprovals).values({
      briefingId: id,
      organizationId: org,
      userId: actor.userId,
      userLabel: `${actor.name} <${actor.email}>`,
    });
    done.add(org);
    const complete = body.chairOrgIds.length > 0 && body.chairOrgIds.every((c) => done.has(c));
    if (complete)
      await tx
        .update(compactBriefings)
        .set({ status: 'approved', approvedAt: new Date() })
        .where(eq(compactBriefings.id, id));
    await recordAudit(tx, {
      action: 'compact.briefing.approved',
      actor,
      targetType: 'compact_briefing',
      targetId: id,
      ip: ctx.ip ?? null,
      details: { organizationId: org, sha256: row.sha256, version: row.version, complete },
    });
    return { organizationId: org, status: (complete ? 'approved' : 'draft') as BriefingStatus };
  });
}

/**
 * Circulates an approved pack (the secretariat; 409 before both approvals or after circulation) and notifies the
 * people of the CTC briefing body's entities (their focal points), once each (dedupe key per pack and person).
 */
export async function circulateBriefing(ctx: BriefingContext, id: string) {
  authorize(ctx.actor, 'compact.briefing.circulate');
  if (!isUuid(id)) throw notFound();
  const body = await briefingBody(ctx.db);
  const people = await focalPointAccounts(ctx.db, body.memberOrgIds);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(compactBriefings).where(eq(compactBriefings.id, id)).for('update');
    if (!row) throw notFound();
    if (row.status !== 'approved') throw stateConflict(row.status);
    await tx
      .update(compactBriefings)
      .set({
        status: 'circulated',
        circulatedAt: new Date(),
        circulatedBy: isUser(ctx.actor) ? ctx.actor.userId : null,
      })
      .where(and(eq(compactBriefings.id, id), eq(compactBriefings.status, 'approved')));
    let notified = 0;
    for (const p of people) {
      const r = await notifyAndMail(tx, {
        userId: p.id,
        kind: 'briefing_circulated',
        messageKey: 'briefing.notify.circulated',
        values: { from: row.periodFrom, to: row.periodTo, version: row.version },
        url: `/compact/briefings/${id}`,
        dedupeKey: `briefing:circulated:${id}:${p.id}`,
        mail: {
          subjectKey: 'briefing.notify.subject',
          kind: 'briefing_circulated',
          baseUrl: ctx.config?.baseUrl ?? '',
          smtpConfigured: !!ctx.config?.smtpUrl,
        },
      });
      if (r.created) notified++;
    }
    await recordAudit(tx, {
      action: 'compact.briefing.circulated',
      actor: ctx.actor,
      targetType: 'compact_briefing',
      targetId: id,
      ip: ctx.ip ?? null,
      details: { sha256: row.sha256, version: row.version, notified },
    });
    return { status: 'circulated' as BriefingStatus, notified };
  });
}

/** Refused: an approved or circulated pack is never changed (regenerate a new version instead). */
export async function updateBriefingSnapshot(ctx: BriefingContext, id: string, snapshot: Snapshot) {
  authorize(ctx.actor, 'compact.briefing.create');
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select(listColumns).from(compactBriefings).where(eq(compactBriefings.id, id));
  if (!row) throw notFound();
  const approvals = await ctx.db
    .select({ o: compactBriefingApprovals.organizationId })
    .from(compactBriefingApprovals)
    .where(eq(compactBriefingApprovals.briefingId, id));
  if (row.status !== 'draft' || approvals.length) throw conflict('briefing.error.immutable');
  const stored = await asStored(ctx.db, snapshot);
  await ctx.db.transaction(async (tx) => {
    const sha256 = sha256Of(stored);
    await tx
      .update(compactBriefings)
      .set({ snapshot: stored as unknown as Record<string, unknown>, sha256 })
      .where(eq(compactBriefings.id, id));
    await recordAudit(tx, {
      action: 'compact.briefing.updated',
      actor: ctx.actor,
      targetType: 'compact_briefing',
      targetId: id,
      ip: ctx.ip ?? null,
      details: { sha256 },
    });
  });
}
