// Consent: the assessed State's focal points decide who may read what came out of a visit (the report, the needs,
// or both), until when, and may narrow or revoke at any time. Every decision is kept in consent_events, audited,
// and told to the recipients by e-mail in their language.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { authorize, type Action, type UserActor } from '../../../platform/auth/policy.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { queueMail } from '../../../platform/mail/mailer.ts';
import { notifyAndMail, resolveNotifications } from '../../../platform/notify/notify.service.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { formatDate, isLocale, translate, type Locale, nameIn } from '../../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../../platform/i18n/text.ts';
import { isUuid } from '../../../platform/db/sql.ts';
import {
  compactMemberOrgIds,
  focalPointAccounts,
  orgNamesSql,
  organizationChoices,
  organizationTypes,
  type LocalizedText,
} from '../../directory/index.ts';
import {
  listWorkingGroups,
  workingGroupExists,
  workingGroupMemberOrgIds,
  workingGroupNames,
} from '../../compact/index.ts';
import {
  assessmentReports,
  assessmentVisits,
  consentEvents,
  consentGrants,
  CONSENT_SCOPES,
  GRANTEE_KINDS,
  type ConsentScope,
  type GranteeKind,
} from '../assessments.schema.ts';
import type { AssessmentsContext } from '../visits/visits.service.ts';

/** Assessment material goes to UN entities, regional and international organizations and States — not to CSOs. */
export const GRANTEE_ORG_TYPES = ['un_entity', 'regional_org', 'international_org', 'member_state'] as const;

export interface ConsentContext extends AssessmentsContext {
  config: Config;
  now?: Date;
}

export interface GrantInput {
  granteeKind: GranteeKind;
  granteeOrgId?: string | null;
  granteeGroupId?: string | null;
  scope: ConsentScope;
  expiresOn?: string | null;
  note?: string;
}
export interface NarrowInput {
  scope: ConsentScope;
  expiresOn?: string | null;
}

export type GrantRow = typeof consentGrants.$inferSelect & {
  granteeNames: LocalizedText | null;
  granteeGroupNames: TranslatableText | null;
  live: boolean;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An expiry date means "until the end of that day, UTC". */
const endOfDay = (d: string) => new Date(`${d}T23:59:59.999Z`);

async function visitFor(ctx: AssessmentsContext, visitId: string, action: Action) {
  if (!isUuid(visitId)) throw notFound();
  const v = (
    await ctx.db
      .select({
        id: assessmentVisits.id,
        stateOrgId: assessmentVisits.stateOrgId,
        startDate: assessmentVisits.startDate,
        stateNames: orgNamesSql(assessmentVisits.stateOrgId),
      })
      .from(assessmentVisits)
      .where(eq(assessmentVisits.id, visitId))
      .limit(1)
  )[0];
  if (!v) throw notFound();
  authorize(ctx.actor, action, { stateOrgId: v.stateOrgId }, { hide: true });
  return v;
}

/** Grants on a visit, newest first, with whether each is live now (for the State and CTED). */
export async function grantsOfVisit(ctx: AssessmentsContext, visitId: string): Promise<GrantRow[]> {
  await visitFor(ctx, visitId, 'assessment.consent.read');
  const rows = await ctx.db
    .select({
      grant: consentGrants,
      orgNames: orgNamesSql(consentGrants.granteeOrgId),
      live: sql<boolean>`(${consentGrants.revokedAt} is null
        and (${consentGrants.expiresAt} is null or ${consentGrants.expiresAt} > now()))`.mapWith(Boolean),
    })
    .from(consentGrants)
    .where(eq(consentGrants.visitId, visitId))
    .orderBy(desc(consentGrants.grantedAt));
  const groups = await workingGroupNames(
    ctx.db,
    rows.map((r) => r.grant.granteeGroupId ?? ''),
  );
  return rows.map((r) => ({
    ...r.grant,
    /** The organization's names (reference data), or null for a working group or the Compact. */
    granteeNames: r.orgNames ?? null,
    /** The working group's name (translatable text), or null. */
    granteeGroupNames: (r.grant.granteeGroupId ? groups.get(r.grant.granteeGroupId) : undefined) ?? null,
    live: r.live,
  }));
}

export async function historyOfVisit(ctx: AssessmentsContext, visitId: string) {
  await visitFor(ctx, visitId, 'assessment.consent.read');
  return ctx.db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.visitId, visitId))
    .orderBy(asc(consentEvents.at), asc(consentEvents.id));
}

async function checkGrant(ctx: ConsentContext, stateOrgId: string, g: GrantInput): Promise<void> {
  const fields: FieldError[] = [];
  if (!GRANTEE_KINDS.includes(g.granteeKind)) fields.push({ field: 'granteeKind', messageKey: 'validation.choice' });
  if (!CONSENT_SCOPES.includes(g.scope)) fields.push({ field: 'scope', messageKey: 'validation.choice' });
  if (g.granteeKind === 'organization') {
    const type =
      g.granteeOrgId && isUuid(g.granteeOrgId) && g.granteeOrgId !== stateOrgId
        ? (await organizationTypes(ctx.db, [g.granteeOrgId])).get(g.granteeOrgId)
        : undefined;
    const ok = !!type && (GRANTEE_ORG_TYPES as readonly string[]).includes(type);
    if (!ok) fields.push({ field: 'granteeOrgId', messageKey: 'consent.granteeRequired' });
  }
  if (g.granteeKind === 'working_group') {
    const ok = !!g.granteeGroupId && (await workingGroupExists(ctx.db, g.granteeGroupId));
    if (!ok) fields.push({ field: 'granteeGroupId', messageKey: 'consent.groupRequired' });
  }
  if (g.expiresOn) {
    if (!ISO_DATE.test(g.expiresOn) || Number.isNaN(endOfDay(g.expiresOn).getTime()))
      fields.push({ field: 'expiresOn', messageKey: 'validation.date' });
    else if (endOfDay(g.expiresOn) <= (ctx.now ?? new Date()))
      fields.push({ field: 'expiresOn', messageKey: 'consent.expiryPast' });
  }
  if ((g.note ?? '').length > 1000)
    fields.push({ field: 'note', messageKey: 'validation.maxLength', values: { limit: 1000 } });
  if (fields.length) throw invalid(fields);
}

/** The State grants. Returns the grant id. */
export async function grantConsent(ctx: ConsentContext, visitId: string, g: GrantInput): Promise<string> {
  const v = await visitFor(ctx, visitId, 'assessment.consent.decide');
  const actor = ctx.actor as UserActor;
  await checkGrant(ctx, v.stateOrgId, g);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consentGrants)
      .values({
        visitId,
        granteeKind: g.granteeKind,
        granteeOrgId: g.granteeKind === 'organization' ? g.granteeOrgId : null,
        granteeGroupId: g.granteeKind === 'working_group' ? g.granteeGroupId : null,
        scope: g.scope,
        expiresAt: g.expiresOn ? endOfDay(g.expiresOn) : null,
        note: (g.note ?? '').trim(),
        grantedBy: actor.userId,
      })
      .returning();
    await tx.insert(consentEvents).values({
      grantId: row.id,
      visitId,
      action: 'granted',
      scope: row.scope,
      expiresAt: row.expiresAt,
      actorId: actor.userId,
      actorLabel: actor.email,
    });
    await recordAudit(tx, {
      action: 'assessment.consent.granted',
      actor,
      targetType: 'consent_grant',
      targetId: row.id,
      ip: ctx.ip,
      details: {
        visitId,
        granteeKind: row.granteeKind,
        granteeOrgId: row.granteeOrgId,
        granteeGroupId: row.granteeGroupId,
        scope: row.scope,
        expiresAt: row.expiresAt,
      },
    });
    await notify(tx, ctx, row, v, 'granted');
    await resolveReportNotifications(tx, v.id);
    return row.id;
  });
}

const narrower = (from: ConsentScope, to: ConsentScope) => from === to || from === 'both';

async function liveGrant(ctx: ConsentContext, grantId: string) {
  if (!isUuid(grantId)) throw notFound();
  const g = (await ctx.db.select().from(consentGrants).where(eq(consentGrants.id, grantId)).limit(1))[0];
  if (!g) throw notFound();
  const v = await visitFor(ctx, g.visitId, 'assessment.consent.decide');
  if (g.revokedAt) throw new AppError('consent_revoked', 409, 'consent.alreadyRevoked');
  return { g, v };
}

/** The State narrows a grant: a smaller scope and/or an earlier expiry. Widening needs a new grant. */
export async function narrowConsent(ctx: ConsentContext, grantId: string, n: NarrowInput): Promise<void> {
  const { g, v } = await liveGrant(ctx, grantId);
  const actor = ctx.actor as UserActor;
  const fields: FieldError[] = [];
  if (!CONSENT_SCOPES.includes(n.scope)) fields.push({ field: 'scope', messageKey: 'validation.choice' });
  else if (!narrower(g.scope, n.scope)) fields.push({ field: 'scope', messageKey: 'consent.notNarrower' });
  let expiresAt = g.expiresAt;
  if (n.expiresOn) {
    if (!ISO_DATE.test(n.expiresOn) || Number.isNaN(endOfDay(n.expiresOn).getTime()))
      fields.push({ field: 'expiresOn', messageKey: 'validation.date' });
    else if (endOfDay(n.expiresOn) <= (ctx.now ?? new Date()))
      fields.push({ field: 'expiresOn', messageKey: 'consent.expiryPast' });
    else if (g.expiresAt && endOfDay(n.expiresOn) > g.expiresAt)
      fields.push({ field: 'expiresOn', messageKey: 'consent.notNarrower' });
    else expiresAt = endOfDay(n.expiresOn);
  }
  if (fields.length) throw invalid(fields);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consentGrants)
      .set({ scope: n.scope, expiresAt })
      .where(and(eq(consentGrants.id, grantId), isNull(consentGrants.revokedAt)))
      .returning();
    if (!row) throw new AppError('consent_revoked', 409, 'consent.alreadyRevoked');
    await tx.insert(consentEvents).values({
      grantId,
      visitId: g.visitId,
      action: 'narrowed',
      scope: row.scope,
      expiresAt: row.expiresAt,
      actorId: actor.userId,
      actorLabel: actor.email,
    });
    await recordAudit(tx, {
      action: 'assessment.consent.narrowed',
      actor,
      targetType: 'consent_grant',
      targetId: grantId,
      ip: ctx.ip,
      details: { from: { scope: g.scope, expiresAt: g.expiresAt }, to: { scope: row.scope, expiresAt: row.expiresAt } },
    });
    await notify(tx, ctx, row, v, 'narrowed');
    await resolveReportNotifications(tx, v.id);
  });
}

/** The State revokes: effective on the very next request, since every read checks consent in SQL. */
export async function revokeConsent(ctx: ConsentContext, grantId: string): Promise<void> {
  const { g, v } = await liveGrant(ctx, grantId);
  const actor = ctx.actor as UserActor;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consentGrants)
      .set({ revokedAt: sql`now()`, revokedBy: actor.userId })
      .where(and(eq(consentGrants.id, grantId), isNull(consentGrants.revokedAt)))
      .returning();
    if (!row) throw new AppError('consent_revoked', 409, 'consent.alreadyRevoked');
    await tx.insert(consentEvents).values({
      grantId,
      visitId: g.visitId,
      action: 'revoked',
      scope: row.scope,
      expiresAt: row.expiresAt,
      actorId: actor.userId,
      actorLabel: actor.email,
    });
    await recordAudit(tx, {
      action: 'assessment.consent.revoked',
      actor,
      targetType: 'consent_grant',
      targetId: grantId,
      ip: ctx.ip,
      details: { visitId: g.visitId },
    });
    await notify(tx, ctx, row, v, 'revoked');
    await resolveReportNotifications(tx, v.id);
  });
}

/**
 * A report became available for the State's consent decision (reports.service.ts, createReport, in its transaction):
 * each focal point of the State who may decide is notified once, in-app and by e-mail in their language. This is the
 * only e-mail the State gets for a new report (the consent e-mails go to the recipients of a grant, not the State).
 * No confidential content: the visit's date only, not the report's title.
 */
export async function notifyReportAvailable(
  tx: Tx,
  config: Pick<Config, 'baseUrl' | 'smtpUrl'>,
  report: { id: string; visitId: string; stateOrgId: string },
): Promise<number> {
  const [v] = await tx
    .select({ startDate: assessmentVisits.startDate })
    .from(assessmentVisits)
    .where(eq(assessmentVisits.id, report.visitId));
  const people = (await focalPointAccounts(tx, [report.stateOrgId])).filter(
    (p) => p.role === 'member_state_focal_point',
  );
  let n = 0;
  for (const p of people) {
    const r = await notifyAndMail(tx, {
      userId: p.id,
      kind: 'consent_report',
      messageKey: 'notifications.consentReport',
      values: { visitDate: v?.startDate ?? '' },
      url: `/assessments/visits/${report.visitId}#consent`,
      dedupeKey: `consent:report:${report.id}:${p.id}`,
      mail: {
        subjectKey: 'notifications.consentReportSubject',
        kind: 'consent_report_available',
        baseUrl: config.baseUrl,
        smtpConfigured: !!config.smtpUrl,
      },
    });
    if (r.created) n++;
  }
  return n;
}

/** The State decided on the visit (granted, narrowed or revoked): its reports no longer await a decision. */
async function resolveReportNotifications(tx: Tx, visitId: string): Promise<void> {
  const reports = await tx
    .select({ id: assessmentReports.id })
    .from(assessmentReports)
    .where(eq(assessmentReports.visitId, visitId));
  for (const r of reports) await resolveNotifications(tx, `consent:report:${r.id}`);
}

/** Organizations a grant addresses. */
async function granteeOrgIds(tx: Tx, g: typeof consentGrants.$inferSelect): Promise<string[]> {
  if (g.granteeKind === 'organization') return g.granteeOrgId ? [g.granteeOrgId] : [];
  if (g.granteeKind === 'compact') return compactMemberOrgIds(tx);
  return g.granteeGroupId ? workingGroupMemberOrgIds(tx, g.granteeGroupId) : [];
}

/**
 * Tells the focal points of the recipient organizations, each in their language. No confidential content in the e-mail.
 */
async function notify(
  tx: Tx,
  ctx: ConsentContext,
  g: typeof consentGrants.$inferSelect,
  v: { id: string; startDate: string; stateNames: LocalizedText },
  what: 'granted' | 'narrowed' | 'revoked',
) {
  const orgIds = await granteeOrgIds(tx, g);
  if (!orgIds.length) return;
  const people = await focalPointAccounts(tx, orgIds);
  for (const p of people) {
    const locale: Locale = isLocale(p.locale) ? p.locale : 'en';
    const mail = renderEmail(locale, p.name, {
      subjectKey: `email.consent.${what}.subject`,
      paragraphs: [
        { key: `email.consent.${what}.body` },
        ...(what !== 'revoked' && g.expiresAt
          ? [{ key: 'email.consent.until', values: { date: formatDate(locale, g.expiresAt, 'UTC', false) } }]
          : []),
      ],
      action:
        what === 'revoked'
          ? undefined
          : { labelKey: 'email.consent.action', url: `${ctx.config.baseUrl}/assessments/visits/${v.id}` },
      values: {
        state: nameIn(v.stateNames, locale),
        visitDate: formatDate(locale, v.startDate, 'UTC', false),
        scope: translate(locale, `consent.scope.${g.scope}`),
      },
    });
    await queueMail(tx, { to: p.email, locale, kind: `consent_${what}`, ...mail }, !!ctx.config.smtpUrl);
  }
}

/** Organizations and working groups a State may name in a grant (CSOs are not recipients of assessment material). */
export async function granteeChoices(ctx: AssessmentsContext, stateOrgId: string, locale: string) {
  const orgs = await organizationChoices(ctx, locale, { types: GRANTEE_ORG_TYPES, exceptId: stateOrgId });
  const groups = await listWorkingGroups(ctx.db, isLocale(locale) ? locale : 'en');
  const order = ['un_entity', 'regional_org', 'international_org', 'member_state'];
  return {
    orgs: orgs
      .map((o) => ({
        id: o.id,
        type: o.type,
        label: o.acronym ? `${o.acronym} — ${o.name}` : o.name,
      }))
      .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.label.localeCompare(b.label, locale)),
    groups: groups
      .map((g) => ({ id: g.id, label: textIn(g.names, isLocale(locale) ? locale : 'en') }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
  };
}
