// The two-signature workflow of public content (docs/architecture.md, "Publishing"): draft → submitted → approved →
// published (→ superseded by the next publication, or withdrawn). Every step is one transaction with its audit entry;
// every signature is one conditional UPDATE bound to the SHA-256 of the exact content, so an edit voids it and two
// people signing at once give one signature.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Config } from '../../../config.ts';
import { authorize, can, isUser, type Actor, type UserActor } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, conflict, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { checkFields, checkName, type Finding } from '../../../platform/integrity/index.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { notifyAndMail } from '../../../platform/notify/notify.service.ts';
import { announce } from '../../../platform/changes/changes.ts';
import { reindexSearch } from '../../search/index.ts';
import {
  publishingRevisions,
  type Acceptance,
  type PublicContent,
  type PublicValue,
  type RevisionState,
} from '../publishing.schema.ts';
import { PUBLISHER_ROLES } from '../publishing.policy.ts';

export type Revision = typeof publishingRevisions.$inferSelect;
export type { Acceptance, PublicContent, PublicValue, RevisionState };

export interface PublishingContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip?: string;
}

export interface Subject {
  kind: string;
  id: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical content and its hash

const nfc = (s: string) => s.normalize('NFC');

/** Canonical JSON: object keys sorted (by code unit), every string (keys too) NFC, undefined members left out. */
export function canonicalJson(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(nfc(v));
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .map((k) => [nfc(k), o[k]] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export const contentSha256 = (content: PublicContent) =>
  createHash('sha256')
    .update(canonicalJson({ text: content.text, values: content.values }), 'utf8')
    .digest('hex');

/** The content as it is stored: NFC everywhere (what the hash covers, byte for byte). */
export const normalizeContent = (content: PublicContent): PublicContent =>
  JSON.parse(canonicalJson({ text: content.text, values: content.values })) as PublicContent;

// ---------------------------------------------------------------------------------------------------------------
// The pre-publish check over every language version

const isTranslatable = (v: unknown): v is TranslatableText =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length > 0 &&
  Object.entries(v).every(
    ([k, x]) => (LOCALES as readonly string[]).includes(k) && !!x && typeof (x as { text?: unknown }).text === 'string',
  );

function checkValue(path: string, v: PublicValue | undefined, out: Finding[]) {
  if (typeof v === 'string') out.push(...checkName(v, path));
  else if (isTranslatable(v)) out.push(...checkFields({ [path]: v }));
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) checkValue(`${path}.${i}`, x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) checkValue(`${path}.${k}`, x, out);
}

/** Every finding of the integrity check in every language version of every field, and in the other public values. */
export function checkContent(content: PublicContent): Finding[] {
  const out = checkFields(content.text);
  for (const [k, v] of Object.entries(content.values)) checkValue(k, v, out);
  return out;
}

/** The 422 of a check with findings not accepted: each one as a field error, and the findings for the page. */
export class FindingsError extends AppError {
  constructor(
    readonly findings: Finding[],
    fields: FieldError[],
  ) {
    super('findings', 422, 'publishing.errors.findings', { count: findings.length }, fields);
  }
}

export interface AcceptanceInput {
  id: string;
  reason: string;
}

export const REASON_MAX = 500;

/** Matches the findings with the acceptances given: each must be accepted with a reason, or the check blocks. */
function acceptFindings(findings: Finding[], given: AcceptanceInput[], actor: UserActor): Acceptance[] {
  const byId = new Map(given.map((a) => [a.id, a.reason.trim()]));
  const fields: FieldError[] = [];
  const accepted: Acceptance[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    const reason = byId.get(f.id);
    if (reason === undefined)
      fields.push({
        field: `accept.${f.id}`,
        messageKey: `publishing.finding.${f.kind}`,
        values: { id: f.id, lang: f.lang ?? '', field: f.field, match: f.match },
      });
    else if (!reason) fields.push({ field: `reason.${f.id}`, messageKey: 'integrity.reasonRequired' });
    else if (reason.length > REASON_MAX)
      fields.push({ field: `reason.${f.id}`, messageKey: 'integrity.reasonTooLong', values: { max: REASON_MAX } });
    else
      accepted.push({
        id: f.id,
        kind: f.kind,
        lang: f.lang,
        field: f.field,
        match: f.match,
        reason,
        by: actor.userId,
        at: new Date().toISOString(),
      });
  }
  if (fields.length) throw new FindingsError(findings, fields);
  return accepted;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export async function getRevision(db: Tx, id: string): Promise<Revision> {
  const [r] = await db.select().from(publishingRevisions).where(eq(publishingRevisions.id, id));
  if (!r) throw notFound();
  return r;
}

/** Every revision of a subject, newest first. */
export async function revisionsOf(db: Tx, s: Subject): Promise<Revision[]> {
  return db
    .select()
    .from(publishingRevisions)
    .where(and(eq(publishingRevisions.subjectKind, s.kind), eq(publishingRevisions.subjectId, s.id)))
    .orderBy(desc(publishingRevisions.number));
}

/** The latest revision of each subject of a kind (the editors' list). */
export async function latestRevisions(db: Db, kind: string): Promise<Map<string, Revision>> {
  const rows = await db
    .selectDistinctOn([publishingRevisions.subjectId])
    .from(publishingRevisions)
    .where(eq(publishingRevisions.subjectKind, kind))
    .orderBy(publishingRevisions.subjectId, desc(publishingRevisions.number));
  return new Map(rows.map((r) => [r.subjectId, r]));
}

/** A published revision whose content still hashes to the hash recorded at publication. */
export const verifies = (r: Revision) =>
  !!r.publishedSha256 && r.sha256 === r.publishedSha256 && contentSha256(r.content) === r.publishedSha256;

export type PublicState = 'current' | 'previous' | 'under_review';
export interface PublicView {
  state: PublicState;
  revision: Revision | null;
}

/**
 * What readers get of a subject: the published revision when it verifies; when it was withdrawn by the monitor (or no
 * longer verifies), the last earlier published revision that still verifies, else "under review"; null when nothing
 * was ever published or a publisher withdrew it.
 */
export function publicViewOf(revisions: Revision[]): PublicView | null {
  const sorted = [...revisions].sort((a, b) => b.number - a.number);
  const head = sorted.find((r) => r.state === 'published' || (r.state === 'withdrawn' && r.publishedAt));
  if (!head) {
    const prev = sorted.find((r) => r.state === 'superseded' && verifies(r));
    return prev ? { state: 'current', revision: prev } : null;
  }
  if (head.state === 'published' && verifies(head)) return { state: 'current', revision: head };
  if (head.state === 'withdrawn' && head.withdrawnBy) return null;
  const prev = sorted.find((r) => r.number < head.number && r.state === 'superseded' && verifies(r));
  return prev ? { state: 'previous', revision: prev } : { state: 'under_review', revision: null };
}

export async function publicView(db: Db, s: Subject): Promise<PublicView | null> {
  const rows = await db
    .select()
    .from(publishingRevisions)
    .where(
      and(
        eq(publishingRevisions.subjectKind, s.kind),
        eq(publishingRevisions.subjectId, s.id),
        inArray(publishingRevisions.state, ['published', 'withdrawn', 'superseded']),
      ),
    );
  return publicViewOf(rows);
}

/**
 * The public view of every subject of a kind that readers may reach (the public list), or of these subjects only
 * (a page of rows, one event): each view verifies its revisions' hashes, so only what is shown is read and checked.
 */
export async function publicViews(db: Db, kind: string, subjectIds?: string[]): Promise<Map<string, PublicView>> {
  if (subjectIds && !subjectIds.length) return new Map();
  const rows = await db
    .select()
    .from(publishingRevisions)
    .where(
      and(
        eq(publishingRevisions.subjectKind, kind),
        subjectIds ? inArray(publishingRevisions.subjectId, subjectIds) : undefined,
        inArray(publishingRevisions.state, ['published', 'withdrawn', 'superseded']),
      ),
    );
  const bySubject = new Map<string, Revision[]>();
  for (const r of rows) bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), r]);
  const out = new Map<string, PublicView>();
  for (const [id, list] of bySubject) {
    const v = publicViewOf(list);
    if (v) out.set(id, v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

const audit = (tx: Tx, ctx: PublishingContext, action: string, r: Revision, details: Record<string, unknown>) =>
  recordAudit(tx, {
    action: `publishing.${action}`,
    actor: ctx.actor,
    ip: ctx.ip ?? null,
    targetType: 'publishing_revision',
    targetId: r.id,
    details: { kind: r.subjectKind, subjectId: r.subjectId, number: r.number, ...details },
  });

const OPEN: RevisionState[] = ['draft', 'submitted', 'approved'];

/**
 * Saves content as the subject's revision being worked on: the open one (draft, submitted or approved — back to
 * draft, its submission and approval void) or a new one after the published. The editor becomes the last editor.
 */
export async function saveDraft(
  ctx: PublishingContext,
  s: Subject,
  content: PublicContent,
  tx?: Tx,
): Promise<Revision> {
  authorize(ctx.actor, 'publishing.author');
  const actor = ctx.actor;
  const stored = normalizeContent(content);
  const sha256 = contentSha256(stored);
  const run = async (t: Tx) => {
    // The subject's open revision, locked: two editors saving at once write one after the other.
    const [open] = await t
      .select()
      .from(publishingRevisions)
      .where(
        and(
          eq(publishingRevisions.subjectKind, s.kind),
          eq(publishingRevisions.subjectId, s.id),
          inArray(publishingRevisions.state, OPEN),
        ),
      )
      .for('update');
    if (open) {
      if (open.sha256 === sha256) return open;
      const [r] = await t
        .update(publishingRevisions)
        .set({
          content: stored,
          sha256,
          lastEditorId: actor.userId,
          state: 'draft',
          submittedBy: null,
          submittedAt: null,
          submittedSha256: null,
          acceptances: [],
          approverId: null,
          approvedAt: null,
          approvedSha256: null,
          updatedAt: sql`now()`,
        })
        .where(eq(publishingRevisions.id, open.id))
        .returning();
      await audit(t, ctx, 'edited', r, { sha256, previousSha256: open.sha256, voided: open.state !== 'draft' });
      return r;
    }
    const [{ n }] = await t
      .select({ n: sql<number>`coalesce(max(${publishingRevisions.number}), 0)::int` })
      .from(publishingRevisions)
      .where(and(eq(publishingRevisions.subjectKind, s.kind), eq(publishingRevisions.subjectId, s.id)));
    const [r] = await t
      .insert(publishingRevisions)
      .values({
        subjectKind: s.kind,
        subjectId: s.id,
        number: n + 1,
        content: stored,
        sha256,
        authorId: actor.userId,
        lastEditorId: actor.userId,
      })
      .returning();
    await audit(t, ctx, 'drafted', r, { sha256 });
    return r;
  };
  return tx ? run(tx) : ctx.db.transaction(run);
}

/** Locks a revision for a step (its row lock orders concurrent steps). */
async function lockRevision(tx: Tx, id: string): Promise<Revision> {
  const [r] = await tx.select().from(publishingRevisions).where(eq(publishingRevisions.id, id)).for('update');
  if (!r) throw notFound();
  return r;
}

/** A person column that is empty or names someone else than `userId` (a signer is never the one who did the work). */
const notBy = (column: AnyPgColumn, userId: string) => or(sql`${column} is null`, ne(column, userId));
/** Neither the revision's author nor its last editor. */
const notOwnWork = (userId: string) => [
  notBy(publishingRevisions.authorId, userId),
  notBy(publishingRevisions.lastEditorId, userId),
];

/** One `publishing.finding_accepted` entry per finding accepted with a reason, in the step's transaction. */
async function auditAcceptances(tx: Tx, ctx: PublishingContext, r: Revision, sha256: string, accepted: Acceptance[]) {
  for (const a of accepted)
    await audit(tx, ctx, 'finding_accepted', r, {
      sha256,
      finding: a.id,
      findingKind: a.kind,
      lang: a.lang,
      field: a.field,
      match: a.match,
      reason: a.reason,
    });
}

const changed = () => conflict('publishing.errors.changed');
const wrongState = (state: RevisionState) => conflict('publishing.errors.state', { state });

/**
 * Submits the exact content the submitter saw (`sha256`): runs the check over every language version; each finding
 * must be accepted with a reason (stored with the revision, one audit entry each), else 422 with the findings.
 */
export async function submit(
  ctx: PublishingContext,
  revisionId: string,
  sha256: string,
  acceptances: AcceptanceInput[] = [],
): Promise<Revision> {
  authorize(ctx.actor, 'publishing.author');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const r = await lockRevision(tx, revisionId);
    if (r.state !== 'draft') throw wrongState(r.state);
    if (r.sha256 !== sha256) throw changed();
    const accepted = acceptFindings(checkContent(r.content), acceptances, actor);
    const [u] = await tx
      .update(publishingRevisions)
      .set({
        state: 'submitted',
        submittedBy: actor.userId,
        submittedAt: sql`now()`,
        submittedSha256: r.sha256,
        acceptances: accepted,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(publishingRevisions.id, r.id),
          eq(publishingRevisions.state, 'draft'),
          eq(publishingRevisions.sha256, sha256),
        ),
      )
      .returning();
    if (!u) throw changed();
    await auditAcceptances(tx, ctx, u, sha256, accepted);
    await audit(tx, ctx, 'submitted', u, { sha256, accepted: accepted.map((a) => a.id) });
    return u;
  });
}

/** May this actor sign this revision (neither its author nor its last editor, nor the publisher of a forced one)? */
export const maySign = (actor: Actor, r: Revision) =>
  can(actor, 'publishing.approve', {
    authorId: r.authorId,
    lastEditorId: r.lastEditorId,
    publishedBy: r.forced ? r.publishedBy : null,
  });

function signer(ctx: PublishingContext, r: Revision): UserActor {
  authorize(ctx.actor, 'publishing.approve');
  if (!maySign(ctx.actor, r)) throw new AppError('forbidden', 403, 'publishing.errors.ownWork');
  return ctx.actor;
}

/**
 * Approves the submitted revision for the hash the approver reviewed: one conditional UPDATE … WHERE sha256 =
 * submitted = reviewed, by someone neither author nor last editor. Of two approvers at once, one signs; the other 409.
 */
export async function approve(ctx: PublishingContext, revisionId: string, sha256: string): Promise<Revision> {
  const r0 = await getRevision(ctx.db, revisionId);
  const actor = signer(ctx, r0);
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(publishingRevisions)
      .set({
        state: 'approved',
        approverId: actor.userId,
        approvedAt: sql`now()`,
        approvedSha256: sha256,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(publishingRevisions.id, revisionId),
          eq(publishingRevisions.state, 'submitted'),
          eq(publishingRevisions.sha256, sha256),
          eq(publishingRevisions.submittedSha256, sha256),
          ...notOwnWork(actor.userId),
        ),
      )
      .returning();
    if (!u) {
      const now = await getRevision(tx, revisionId);
      if (!maySign(actor, now)) throw new AppError('forbidden', 403, 'publishing.errors.ownWork');
      if (now.state !== 'submitted') throw wrongState(now.state);
      throw changed();
    }
    await audit(tx, ctx, 'approved', u, { sha256, author: u.authorId, lastEditor: u.lastEditorId });
    return u;
  });
}

/** The subject's published revision, if any, becomes superseded (before another is published: one at a time). */
async function supersede(tx: Tx, r: Revision) {
  await tx
    .update(publishingRevisions)
    .set({ state: 'superseded', updatedAt: sql`now()` })
    .where(
      and(
        eq(publishingRevisions.subjectKind, r.subjectKind),
        eq(publishingRevisions.subjectId, r.subjectId),
        eq(publishingRevisions.state, 'published'),
      ),
    );
}

/** Publishes an approved revision whose content is still the approved content; hash, author and approver audited. */
export async function publish(ctx: PublishingContext, revisionId: string): Promise<Revision> {
  authorize(ctx.actor, 'publishing.publish');
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const r = await lockRevision(tx, revisionId);
    if (r.state !== 'approved') throw wrongState(r.state);
    if (r.sha256 !== r.approvedSha256 || contentSha256(r.content) !== r.approvedSha256) throw changed();
    await supersede(tx, r);
    const [u] = await tx
      .update(publishingRevisions)
      .set({
        state: 'published',
        publishedBy: actor.userId,
        publishedAt: sql`now()`,
        publishedSha256: r.approvedSha256,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(publishingRevisions.id, r.id),
          eq(publishingRevisions.state, 'approved'),
          eq(publishingRevisions.sha256, r.approvedSha256!),
        ),
      )
      .returning();
    if (!u) throw changed();
    await audit(tx, ctx, 'published', u, {
      sha256: u.publishedSha256,
      author: u.authorId,
      lastEditor: u.lastEditorId,
      approver: u.approverId,
      publisher: actor.userId,
    });
    return u;
  });
}

export const FORCE_WINDOW_HOURS = 24;

/**
 * The platform administrator publishes without the second signature: a reason is required, the check still runs
 * (findings accepted with reasons), and the revision stays flagged until a second person approves it (overdue after
 * 24 hours).
 */
export async function forcePublish(
  ctx: PublishingContext,
  revisionId: string,
  sha256: string,
  reason: string,
  acceptances: AcceptanceInput[] = [],
): Promise<Revision> {
  authorize(ctx.actor, 'publishing.force');
  const actor = ctx.actor;
  const why = reason.trim();
  if (!why) throw invalid([{ field: 'reason', messageKey: 'publishing.errors.reasonRequired' }]);
  if (why.length > REASON_MAX)
    throw invalid([{ field: 'reason', messageKey: 'validation.maxLength', values: { limit: REASON_MAX } }]);
  return ctx.db.transaction(async (tx) => {
    const r = await lockRevision(tx, revisionId);
    if (!OPEN.includes(r.state)) throw wrongState(r.state);
    if (r.sha256 !== sha256 || contentSha256(r.content) !== sha256) throw changed();
    const accepted = acceptFindings(checkContent(r.content), acceptances, actor);
    await supersede(tx, r);
    const [u] = await tx
      .update(publishingRevisions)
      .set({
        state: 'published',
        submittedBy: r.submittedBy ?? actor.userId,
        submittedAt: r.submittedAt ?? sql`now()`,
        submittedSha256: sha256,
        acceptances: accepted,
        publishedBy: actor.userId,
        publishedAt: sql`now()`,
        publishedSha256: sha256,
        forced: true,
        forceReason: why,
        forceDeadline: sql`now() + make_interval(hours => ${FORCE_WINDOW_HOURS})`,
        secondApproverId: null,
        secondApprovedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(publishingRevisions.id, r.id), eq(publishingRevisions.sha256, sha256)))
      .returning();
    await auditAcceptances(tx, ctx, u, sha256, accepted);
    await audit(tx, ctx, 'force_published', u, {
      sha256,
      reason: why,
      author: u.authorId,
      lastEditor: u.lastEditorId,
      publisher: actor.userId,
      deadline: u.forceDeadline?.toISOString(),
    });
    return u;
  });
}

/** The second signature of a force-published revision, by another person, for the hash published (one wins). */
export async function secondApprove(ctx: PublishingContext, revisionId: string, sha256: string): Promise<Revision> {
  const r0 = await getRevision(ctx.db, revisionId);
  const actor = signer(ctx, r0);
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(publishingRevisions)
      .set({
        secondApproverId: actor.userId,
        secondApprovedAt: sql`now()`,
        approverId: actor.userId,
        approvedAt: sql`now()`,
        approvedSha256: sha256,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(publishingRevisions.id, revisionId),
          eq(publishingRevisions.state, 'published'),
          eq(publishingRevisions.forced, true),
          sql`${publishingRevisions.secondApproverId} is null`,
          eq(publishingRevisions.sha256, sha256),
          eq(publishingRevisions.publishedSha256, sha256),
          notBy(publishingRevisions.publishedBy, actor.userId),
          ...notOwnWork(actor.userId),
        ),
      )
      .returning();
    if (!u) {
      const now = await getRevision(tx, revisionId);
      if (now.state !== 'published' || !now.forced || now.secondApproverId) throw wrongState(now.state);
      throw changed();
    }
    const late = !!u.forceDeadline && u.secondApprovedAt! > u.forceDeadline;
    await audit(tx, ctx, 'second_approved', u, { sha256, publisher: u.publishedBy, late });
    return u;
  });
}

/** Who is told of a withdrawal: the publishers (every active administrator and coordinator). */
async function publishers(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, [...PUBLISHER_ROLES]), sql`${users.disabledAt} is null`));
  return rows.map((r) => r.id);
}

export interface WithdrawOptions {
  reason: string;
  /** What the monitor found (kept in the audit entry). */
  problems?: string[];
  /** The subject's public page and editor page, for the e-mail. */
  url?: string | null;
}

/**
 * Withdraws a published revision: by a publisher (a person: the subject is then off line), or by the monitor
 * (actor null: readers get the last earlier revision that verifies, or "under review"). Audited; the publishers get a
 * notification and an e-mail in the same transaction.
 */
export async function withdrawRevision(
  tx: Tx,
  ctx: Omit<PublishingContext, 'db'>,
  r: Revision,
  o: WithdrawOptions,
): Promise<Revision | null> {
  const by = isUser(ctx.actor) ? ctx.actor.userId : null;
  const [u] = await tx
    .update(publishingRevisions)
    .set({
      state: 'withdrawn',
      withdrawnAt: sql`now()`,
      withdrawnBy: by,
      withdrawnReason: o.problems?.length ? `${o.reason}: ${o.problems.join(', ')}` : o.reason,
      updatedAt: sql`now()`,
    })
    .where(and(eq(publishingRevisions.id, r.id), eq(publishingRevisions.state, 'published')))
    .returning();
  if (!u) return null;
  // Kept anonymous pages are dropped in every process once this commits (the monitor's withdrawal is no request).
  await announce(tx, { t: 'pages' });
  // The subject's search passages say whether it is listed (an event's audience tags): indexed again in this
  // transaction, so a withdrawn subject leaves the search at once, whoever withdrew it.
  await reindexSearch(tx, u.subjectKind, [u.subjectId]);
  await recordAudit(tx, {
    action: 'publishing.withdrawn',
    actor: by ? ctx.actor : { id: null, label: 'publishing.monitor' },
    ip: ctx.ip ?? null,
    targetType: 'publishing_revision',
    targetId: u.id,
    details: {
      kind: u.subjectKind,
      subjectId: u.subjectId,
      number: u.number,
      publishedSha256: u.publishedSha256,
      // What the row holds now (differs from the published hash when the content was changed behind the workflow).
      sha256: contentSha256(u.content),
      reason: o.reason,
      problems: o.problems ?? [],
      by: by ?? 'monitor',
    },
  });
  for (const userId of await publishers(tx))
    await notifyAndMail(tx, {
      userId,
      kind: 'publishing_withdrawn',
      messageKey: by ? 'publishing.notify.withdrawn' : 'publishing.notify.withdrawnByMonitor',
      values: { kind: u.subjectKind, number: u.number },
      url: '/admin/publishing',
      dedupeKey: `publishing:withdrawn:${u.id}:${userId}`,
      mail: {
        subjectKey: 'publishing.mail.withdrawnSubject',
        kind: 'publishing_withdrawn',
        baseUrl: ctx.config.baseUrl,
        smtpConfigured: !!ctx.config.smtpUrl,
      },
    });
  return u;
}

/** A publisher withdraws the subject's published revision (a reason is required). */
export async function withdraw(ctx: PublishingContext, revisionId: string, reason: string): Promise<Revision> {
  authorize(ctx.actor, 'publishing.withdraw');
  const why = reason.trim();
  if (!why) throw invalid([{ field: 'reason', messageKey: 'publishing.errors.reasonRequired' }]);
  if (why.length > REASON_MAX)
    throw invalid([{ field: 'reason', messageKey: 'validation.maxLength', values: { limit: REASON_MAX } }]);
  return ctx.db.transaction(async (tx) => {
    const r = await lockRevision(tx, revisionId);
    if (r.state !== 'published') throw wrongState(r.state);
    const u = await withdrawRevision(tx, ctx, r, { reason: why });
    if (!u) throw wrongState(r.state);
    return u;
  });
}

/**
 * SQL true when a subject (its id column) has a revision readers may get (published, or an earlier one kept as the
 * previous publication): the pre-filter of a list; publicView then decides whether it still verifies.
 */
export const hasPublicRevision = (kind: string, subjectId: AnyColumn | SQL) =>
  sql`exists (select 1 from ${publishingRevisions} where ${publishingRevisions.subjectKind} = ${kind}
    and ${publishingRevisions.subjectId} = ${subjectId}
    and ${publishingRevisions.state} in ('published', 'superseded'))`;

/**
 * Records content published before its kind came under the workflow (the upgrade of a deployment): a revision
 * force-published by the system (no person), with the reason, flagged on /admin/publishing until a second person
 * approves it. Skipped when the subject already has a revision. Returns the revision, or null.
 */
export async function adoptPublished(tx: Tx, s: Subject, content: PublicContent, reason: string) {
  const [existing] = await tx
    .select({ id: publishingRevisions.id })
    .from(publishingRevisions)
    .where(and(eq(publishingRevisions.subjectKind, s.kind), eq(publishingRevisions.subjectId, s.id)))
    .limit(1);
  if (existing) return null;
  const stored = normalizeContent(content);
  const sha256 = contentSha256(stored);
  const [r] = await tx
    .insert(publishingRevisions)
    .values({
      subjectKind: s.kind,
      subjectId: s.id,
      number: 1,
      content: stored,
      sha256,
      state: 'published',
      submittedSha256: sha256,
      submittedAt: sql`now()`,
      publishedAt: sql`now()`,
      publishedSha256: sha256,
      forced: true,
      forceReason: reason,
      forceDeadline: sql`now() + make_interval(hours => ${FORCE_WINDOW_HOURS})`,
    })
    .onConflictDoNothing()
    .returning();
  if (!r) return null;
  await recordAudit(tx, {
    action: 'publishing.force_published',
    actor: { id: null, label: 'publishing.system' },
    targetType: 'publishing_revision',
    targetId: r.id,
    details: { kind: r.subjectKind, subjectId: r.subjectId, number: r.number, sha256, reason, by: 'system' },
  });
  return r;
}

/** Names of the people on revisions (author, editors, signers), for pages. */
export async function peopleNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The names of everyone a subject's revisions name (author, editor, submitter, approvers, publisher). */
export const revisionPeople = (db: Db, revisions: Revision[]) =>
  peopleNames(
    db,
    revisions.flatMap((r) => [
      r.authorId,
      r.lastEditorId,
      r.submittedBy,
      r.approverId,
      r.publishedBy,
      r.secondApproverId,
    ]),
  );

/** A revision a step names: 404 unless it is one of the subject's. */
export async function subjectRevision(db: Db, s: Subject, revisionId: string): Promise<Revision> {
  const r = await getRevision(db, revisionId).catch(() => null);
  if (!r || r.subjectKind !== s.kind || r.subjectId !== s.id) throw notFound();
  return r;
}

/** A step of the workflow as the kinds' pages and APIs name it. */
export type WorkflowStep = 'submit' | 'approve' | 'publish' | 'force' | 'second' | 'withdraw';

/** What a step is given: the revision, the hash the person reviewed, the findings accepted, the reason. */
export interface StepInput {
  revisionId: string;
  sha256: string;
  acceptances?: AcceptanceInput[];
  /** Why it is force-published or withdrawn. */
  reason?: string;
}

/**
 * Takes one step on a revision: publishing requires the hash the person reviewed to be the revision's (409 once it
 * changed). `publish`: how the kind publishes, when it does more in the same go (its own writes, its index).
 */
export async function takeStep(
  ctx: PublishingContext,
  r: Revision,
  step: WorkflowStep,
  input: Omit<StepInput, 'revisionId'>,
  publishAs: (revisionId: string) => Promise<Revision> = (id) => publish(ctx, id),
): Promise<Revision> {
  switch (step) {
    case 'submit':
      return submit(ctx, r.id, input.sha256, input.acceptances);
    case 'approve':
      return approve(ctx, r.id, input.sha256);
    case 'publish':
      if (r.sha256 !== input.sha256) throw conflict('publishing.errors.changed');
      return publishAs(r.id);
    case 'force':
      return forcePublish(ctx, r.id, input.sha256, input.reason ?? '', input.acceptances);
    case 'second':
      return secondApprove(ctx, r.id, input.sha256);
    case 'withdraw':
      return withdraw(ctx, r.id, input.reason ?? '');
  }
}
