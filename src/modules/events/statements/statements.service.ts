// Statements delivered in sessions: text and/or a PDF/DOCX, in a language, on behalf of an organization. Recorded by
// the secretariat (or by a delegation for itself); the archive shows them to whoever may see the event.
import { matchesAnyText } from '../../../platform/db/sql.ts';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { authorize, isUser } from '../../../platform/auth/policy.ts';
import { invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { readStoredFile, removeStoredFile, storeFile } from '../../../platform/files/storage.ts';
import type { UploadedFile } from '../../../platform/http/forms.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import type { Db } from '../../../platform/db/client.ts';
import { checkReportFile } from '../../assessments/index.ts';
import { isUuid, organizationsRef, findVisibleOrganization } from '../../directory/index.ts';
import { eventSessions, eventSpeakers, eventStatements, events } from '../events.schema.ts';
import { canManageEvent, eventsVisibleTo, findVisibleEvent, type EventsContext } from '../shared/events.service.ts';
import { delegationsOf } from '../floor/floor.service.ts';
import { reindexSearch } from '../../search/index.ts';
import { nameErrors } from '../../../platform/integrity/index.ts';

export interface StatementInput {
  organizationId: string;
  speakerName: string;
  language: string;
  body: string;
  speakerId: string;
}

async function canRecordFor(ctx: EventsContext, eventId: string) {
  if (!isUser(ctx.actor)) return { manage: false, own: [] as string[] };
  const manage = await canManageEvent(ctx.db, ctx.actor, eventId);
  const own = (await delegationsOf(ctx.db, ctx.actor, eventId)).map((d) => d.id);
  return { manage, own };
}

/** The event, session and who may record (the secretariat for anyone, a delegation for itself); 403 otherwise. */
export async function statementTarget(ctx: EventsContext, idOrSlug: string, sessionId: string) {
  authorize(ctx.actor, 'event.floor.request');
  const e = await findVisibleEvent(ctx, idOrSlug);
  if (!isUuid(sessionId)) throw notFound();
  const s = (
    await ctx.db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, e.id)))
      .limit(1)
  )[0];
  if (!s) throw notFound();
  const who = await canRecordFor(ctx, e.id);
  if (!who.manage && !who.own.length) authorize(ctx.actor, 'event.manage', { organizerOrgIds: [] });
  const org = organizationsRef();
  const speakers = await ctx.db
    .select({
      id: eventSpeakers.id,
      organizationId: eventSpeakers.organizationId,
      speakerName: eventSpeakers.speakerName,
      orgNames: org.names,
    })
    .from(eventSpeakers)
    .innerJoin(org, eq(org.id, eventSpeakers.organizationId))
    .where(eq(eventSpeakers.sessionId, s.id))
    .orderBy(asc(eventSpeakers.position));
  return { event: e, session: s, ...who, speakers };
}

export async function addStatement(
  ctx: EventsContext,
  idOrSlug: string,
  sessionId: string,
  input: StatementInput,
  file: UploadedFile | null,
) {
  const tgt = await statementTarget(ctx, idOrSlug, sessionId);
  const fields: FieldError[] = [];
  let orgId = input.organizationId.trim();
  let name = input.speakerName.trim();
  if (input.speakerId) {
    const sp = tgt.speakers.find((x) => x.id === input.speakerId);
    if (!sp) fields.push({ field: 'speakerId', messageKey: 'validation.choice' });
    else {
      orgId ||= sp.organizationId;
      name ||= sp.speakerName ?? '';
    }
  }
  if (!(await findVisibleOrganization(ctx.db, ctx.actor, orgId)))
    fields.push({ field: 'organizationId', messageKey: 'validation.choice' });
  else if (!tgt.manage && !tgt.own.includes(orgId))
    fields.push({ field: 'organizationId', messageKey: 'events.statements.notYourDelegation' });
  if (!name) fields.push({ field: 'speakerName', messageKey: 'validation.required' });
  else if (name.length > 200)
    fields.push({ field: 'speakerName', messageKey: 'validation.maxLength', values: { limit: 200 } });
  else fields.push(...nameErrors({ speakerName: name }));
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  const body = input.body.trim();
  if (body.length > 50000) fields.push({ field: 'body', messageKey: 'validation.maxLength', values: { limit: 50000 } });
  if (!body && !file) fields.push({ field: 'body', messageKey: 'events.statements.textOrFile' });
  let type: { contentType: string } | null = null;
  if (file) {
    const c = await checkReportFile(file);
    if ('field' in c) fields.push(c);
    else type = c;
  }
  if (fields.length) throw invalid(fields);
  const stored = file && type ? await storeFile(ctx.config, file.data) : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [st] = await tx
        .insert(eventStatements)
        .values({
          eventId: tgt.event.id,
          sessionId: tgt.session.id,
          speakerId: input.speakerId || null,
          organizationId: orgId,
          speakerName: name,
          language: input.language as Locale,
          body: body || null,
          file: stored
            ? {
                key: stored.key,
                name: file!.filename.slice(0, 200),
                contentType: type!.contentType,
                size: stored.size,
                sha256: stored.sha256,
              }
            : null,
          createdBy: isUser(ctx.actor) ? ctx.actor.userId : null,
        })
        .returning();
      await recordAudit(tx, {
        action: 'event.statement.recorded',
        actor: ctx.actor,
        targetType: 'event_statement',
        targetId: st.id,
        ip: ctx.ip,
        details: {
          eventId: tgt.event.id,
          sessionId: tgt.session.id,
          organizationId: orgId,
          language: st.language,
          sha256: stored?.sha256 ?? null,
        },
      });
      await reindexSearch(tx, 'statement', [st.id]);
      return st;
    });
  } catch (err) {
    if (stored) await removeStoredFile(ctx.config, stored.key);
    throw err;
  }
}

export interface StatementFilters {
  event?: string;
  session?: string;
  org?: string;
  lang?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** The archive: statements of the events the reader may see, with filters and text search. */
export async function listStatements(
  ctx: { db: EventsContext['db']; actor: EventsContext['actor'] },
  f: StatementFilters,
) {
  const org = organizationsRef();
  const where: SQL[] = [eventsVisibleTo(ctx.actor)];
  if (f.event) where.push(eq(events.slug, f.event));
  if (f.session && isUuid(f.session)) where.push(eq(eventStatements.sessionId, f.session));
  else if (f.session) where.push(sql`false`);
  if (f.org && isUuid(f.org)) where.push(eq(eventStatements.organizationId, f.org));
  else if (f.org) where.push(sql`false`);
  if (f.lang) where.push(eq(eventStatements.language, f.lang as Locale));
  if (f.q?.trim()) {
    where.push(
      matchesAnyText(f.q, [
        [eventStatements.body, 'text'],
        [eventStatements.speakerName, 'text'],
        [org.names, 'json'],
      ]),
    );
  }
  const rows = await ctx.db
    .select({
      s: eventStatements,
      eventSlug: events.slug,
      eventTitle: events.title,
      eventTz: events.timeZone,
      sessionTitle: eventSessions.title,
      orgNames: org.names,
      total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(eventStatements)
    .innerJoin(events, eq(events.id, eventStatements.eventId))
    .innerJoin(eventSessions, eq(eventSessions.id, eventStatements.sessionId))
    .innerJoin(org, eq(org.id, eventStatements.organizationId))
    .where(and(...where))
    .orderBy(desc(events.startsAt), asc(eventSessions.sort), asc(eventStatements.createdAt))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: rows[0]?.total ?? 0 };
}
export type StatementRow = Awaited<ReturnType<typeof listStatements>>['rows'][number];

/** Every statement of the archive's filters, page after page (the export: the archive's rules, no row cut). */
export async function* exportStatements(
  ctx: { db: EventsContext['db']; actor: EventsContext['actor'] },
  f: Omit<StatementFilters, 'page' | 'pageSize'>,
): AsyncGenerator<StatementRow> {
  const pageSize = 1000;
  for (let page = 1; ; page++) {
    const { rows } = await listStatements(ctx, { ...f, page, pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/** The file of a statement, for whoever may see its event. */
export async function statementFile(ctx: EventsContext, id: string) {
  if (!isUuid(id)) throw notFound();
  const r = (
    await ctx.db
      .select({ s: eventStatements })
      .from(eventStatements)
      .innerJoin(events, eq(events.id, eventStatements.eventId))
      .where(and(eq(eventStatements.id, id), eventsVisibleTo(ctx.actor)))
      .limit(1)
  )[0];
  if (!r?.s.file) throw notFound();
  return { ...r.s.file, data: await readStoredFile(ctx.config, r.s.file.key) };
}

/** Filter options of the archive: the visible events that have statements, and the organizations that made them. */
export async function archiveOptions(ctx: { db: EventsContext['db']; actor: EventsContext['actor'] }) {
  const evs = await ctx.db
    .selectDistinct({ slug: events.slug, title: events.title })
    .from(eventStatements)
    .innerJoin(events, eq(events.id, eventStatements.eventId))
    .where(eventsVisibleTo(ctx.actor))
    .limit(500);
  const org = organizationsRef();
  const orgs = await ctx.db
    .selectDistinct({ id: org.id, names: org.names })
    .from(eventStatements)
    .innerJoin(events, eq(events.id, eventStatements.eventId))
    .innerJoin(org, eq(org.id, eventStatements.organizationId))
    .where(eventsVisibleTo(ctx.actor))
    .limit(2000);
  return { events: evs, orgs };
}

/** The sessions of an event (by slug), in programme order: the archive's session filter. */
export const sessionsOfEvent = (db: Db, eventSlug: string) =>
  db
    .select({ id: eventSessions.id, title: eventSessions.title })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(eq(events.slug, eventSlug))
    .orderBy(asc(eventSessions.sort));
