// What the search box finds of events (platform/modules/search-sources.ts): events, their sessions, statements and
// documents (titles, text versions, and the text the library read from each language's latest file). Each follows
// the event's read rule, eventsVisibleTo, as SQL over the record's id: drafts for their managers, invited events for
// whom they concern. An event with a publication is indexed as signed (its signed title, summary, description and
// venue: publication/), re-indexed when a publication goes out, so an unsigned edit is never found nor shown in a hit.
import { and, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { isLocale } from '../../../platform/i18n/index.ts';
import { languageVersions, type SearchSource } from '../../../platform/modules/search-sources.ts';
import { latestFileTexts } from '../../library/index.ts';
import { eventDocuments, eventSessions, eventStatements, events } from '../events.schema.ts';
import { eventAudience, eventAudienceFields, eventsAudienceSql, eventsVisibleTo } from './events.service.ts';
import { publicTexts } from '../publication/publication.service.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The rule of the event a record belongs to, through `table`'s event column. */
const viaEvent = (actor: Actor, table: string, idColumn: SQLWrapper): SQL =>
  sql`${idColumn} in (select x.id from ${sql.raw(table)} x inner join ${events} on ${events.id} = x.event_id
    where ${eventsVisibleTo(actor)})`;

const eventSource: SearchSource = {
  kind: 'event',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: events.id,
        slug: events.slug,
        title: events.title,
        summary: events.summary,
        description: events.description,
        venue: events.venue,
        startsAt: events.startsAt,
        pillars: events.pillars,
        ...eventAudienceFields,
      })
      .from(events)
      .where(ids ? inArray(events.id, ids) : undefined);
    const signed: Awaited<ReturnType<typeof publicTexts>> = rows.length ? await publicTexts(db as Db) : new Map();
    return rows.flatMap((row) => {
      const t = signed.get(row.id)?.text;
      const e = t ? { ...row, ...t } : row;
      return languageVersions(e.title, [e.summary, e.description, e.venue ?? '']).map((v) => ({
        subjectId: e.id,
        ...v,
        date: day(e.startsAt),
        pillars: e.pillars.filter((p) => p.startsWith('pillar-')),
        url: `/events/${e.slug}`,
        audience: eventAudience(row),
      }));
    });
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select ${events.id} from ${events} where ${eventsVisibleTo(actor)})`,
  // Status, publication, visibility and organizers are tags on the passage: authoring, publishing and withdrawing
  // re-index the event in their transaction.
  audienceSql: eventsAudienceSql,
};

const sessionSource: SearchSource = {
  kind: 'session',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: eventSessions.id,
        slug: events.slug,
        title: eventSessions.title,
        chair: eventSessions.chairName,
        room: eventSessions.room,
        startsAt: eventSessions.startsAt,
        eventStartsAt: events.startsAt,
        pillar: eventSessions.pillar,
      })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .where(ids ? inArray(eventSessions.id, ids) : undefined);
    return rows.flatMap((s) =>
      languageVersions(s.title, [s.chair ?? '', s.room ?? '']).map((v) => ({
        subjectId: s.id,
        ...v,
        date: day(s.startsAt ?? s.eventStartsAt),
        pillars: s.pillar ? [s.pillar] : [],
        url: `/events/${s.slug}#session-${s.id}`,
      })),
    );
  },
  visibleSql: (actor, idColumn) => viaEvent(actor, 'event_sessions', idColumn),
};

const statementSource: SearchSource = {
  kind: 'statement',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: eventStatements.id,
        slug: events.slug,
        speaker: eventStatements.speakerName,
        language: eventStatements.language,
        body: eventStatements.body,
        createdAt: eventStatements.createdAt,
        session: eventSessions.title,
        pillar: eventSessions.pillar,
      })
      .from(eventStatements)
      .innerJoin(events, eq(events.id, eventStatements.eventId))
      .innerJoin(eventSessions, eq(eventSessions.id, eventStatements.sessionId))
      .where(ids ? inArray(eventStatements.id, ids) : undefined);
    return rows.map((s) => ({
      subjectId: s.id,
      language: isLocale(s.language) ? s.language : null,
      title: s.speaker,
      body: s.body ?? '',
      date: day(s.createdAt),
      pillars: s.pillar ? [s.pillar] : [],
      url: `/events/statements?event=${encodeURIComponent(s.slug)}`,
    }));
  },
  visibleSql: (actor, idColumn) => viaEvent(actor, 'event_statements', idColumn),
};

/** Event documents: their titles (and a text version's body, and its file's text as the library read it), each
 * language version linking to itself. */
const documentSource: SearchSource = {
  kind: 'document',
  async passages(db: Db | Tx, ids) {
    const rows = await db
      .select({
        id: eventDocuments.id,
        slug: events.slug,
        title: eventDocuments.title,
        versions: eventDocuments.versions,
        createdAt: eventDocuments.createdAt,
        pillars: events.pillars,
        libraryDocumentId: eventDocuments.libraryDocumentId,
      })
      .from(eventDocuments)
      .innerJoin(events, eq(events.id, eventDocuments.eventId))
      .where(ids ? and(inArray(eventDocuments.id, ids)) : undefined);
    const texts = await latestFileTexts(
      db,
      rows.flatMap((d) => (d.libraryDocumentId ? [d.libraryDocumentId] : [])),
    );
    return rows.flatMap((d) => {
      const bodies = Object.fromEntries(
        Object.entries(d.versions).map(([l, v]) => [l, { text: v?.body ?? '', status: v?.status ?? 'original' }]),
      );
      const files = Object.fromEntries(
        Object.entries(texts.get(d.libraryDocumentId ?? '') ?? {}).map(([l, text]) => [l, { text }]),
      );
      return languageVersions(d.title, [bodies, files]).map((v) => ({
        subjectId: d.id,
        ...v,
        date: day(d.createdAt),
        pillars: d.pillars.filter((p) => p.startsWith('pillar-')),
        url: d.versions[v.language] ? `/events/${d.slug}/documents/${d.id}/${v.language}` : `/events/${d.slug}`,
      }));
    });
  },
  visibleSql: (actor, idColumn) => viaEvent(actor, 'event_documents', idColumn),
};

export const eventSearchSources: SearchSource[] = [eventSource, sessionSource, statementSource, documentSource];
