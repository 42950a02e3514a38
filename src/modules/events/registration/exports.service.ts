// Exports of an event's registrations (organizers), through the platform's one tabular export (CRLF, its formula
// guard, a bold frozen header, an HXL row): the header in the reader's language, the rows read page by page as they
// are sent, so an event of any size exports whole. They carry personal data: each one is audited.
import { and, asc, eq, sql } from 'drizzle-orm';
import { keysetPages, type Column } from '../../../platform/export/tabular.ts';
import { type Locale, type T, nameIn } from '../../../platform/i18n/index.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { organizationsRef, type LocalizedText } from '../../directory/index.ts';
import { eventRegistrations, type RegistrationQuestion } from '../events.schema.ts';
import { managedEvent, type EventsContext } from '../shared/events.service.ts';
import { recordExport, type Registration } from './registration.service.ts';

export type ExportRow = Registration & { orgNames: LocalizedText | null };

/** The columns: who, organization and category, status, attendance, delegation, check-in, when; the questions last. */
export function registrationColumns(t: T, locale: Locale, questions: RegistrationQuestion[]): Column<ExportRow>[] {
  return [
    { key: 'name', header: t('field.name'), hxl: '#contact+name', value: (x) => x.fullName },
    { key: 'email', header: t('field.email'), hxl: '#contact+email', value: (x) => x.email },
    {
      key: 'organization',
      header: t('events.organization'),
      hxl: '#org+name',
      value: (x) => nameIn(x.orgNames, locale) || x.organizationName || '',
    },
    { key: 'type', header: t('field.type'), hxl: '#org+type', value: (x) => x.orgType ?? '' },
    { key: 'status', header: t('events.statusLabel'), hxl: '#status', value: (x) => x.status },
    { key: 'attendance', header: t('events.attendance'), hxl: '#indicator+attendance', value: (x) => x.attendance },
    {
      key: 'delegation',
      header: t('events.delegation'),
      hxl: '#meta+delegation',
      value: (x) => x.delegationRole ?? '',
    },
    { key: 'origin', header: t('events.bulk.origin'), hxl: '#meta+origin', value: (x) => x.origin },
    { key: 'language', header: t('events.bulk.language'), hxl: '#meta+lang', value: (x) => x.locale },
    { key: 'checkedIn', header: t('events.checkedIn'), hxl: '#date+checked_in', value: (x) => x.checkedInAt },
    { key: 'registeredAt', header: t('events.registeredAt'), hxl: '#date+registered', value: (x) => x.createdAt },
    ...questions.map(
      (q): Column<ExportRow> => ({
        key: `q_${q.id}`,
        header: text(q.label, locale),
        hxl: `#meta+q_${q.id.replace(/[^a-z0-9_]/gi, '_')}`,
        value: (x) => x.answers[q.id] ?? '',
      }),
    ),
  ];
}

/**
 * The event (its managers only), the row count (recorded in the audit log before anything is sent) and the rows as an
 * async iterable: one page of 1,000 at a time in (registered at, id) order.
 */
export async function registrationsExport(ctx: EventsContext, slug: string) {
  const e = await managedEvent(ctx, slug);
  const own = eq(eventRegistrations.eventId, e.id);
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(eventRegistrations).where(own);
  await recordExport(ctx, e.id, n);
  const org = organizationsRef();
  // The cursor keeps the timestamp at the database's precision (microseconds): a JavaScript Date would round it.
  const cursor = (after: { at: string; id: string }) => sql`(${after.at}::timestamptz, ${after.id}::uuid)`;
  const pages = keysetPages<ExportRow & { cursor: string }, { at: string; id: string }>(
    async (after, limit) =>
      (
        await ctx.db
          .select({
            r: eventRegistrations,
            orgNames: org.names,
            cursor: sql<string>`${eventRegistrations.createdAt}::text`,
          })
          .from(eventRegistrations)
          .leftJoin(org, eq(org.id, eventRegistrations.organizationId))
          .where(
            after ? and(own, sql`(${eventRegistrations.createdAt}, ${eventRegistrations.id}) > ${cursor(after)}`) : own,
          )
          .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
          .limit(limit)
      ).map((x) => ({ ...x.r, orgNames: x.orgNames, cursor: x.cursor })),
    (r) => ({ at: r.cursor, id: r.id }),
  );
  const rows: AsyncIterable<ExportRow> = pages;
  return { event: e, count: n, rows };
}
