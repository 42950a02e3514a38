// Exports of an event's registrations (organizers): CSV and XLSX with a header row in the reader's language and a row
// of HXL hashtags. They carry personal data: each one is audited.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type Locale, type T, nameIn } from '../../../platform/i18n/index.ts';
import type { EventsContext } from '../shared/events.service.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { listRegistrations, recordExport } from './registration.service.ts';

export type RegistrationsExport = Awaited<ReturnType<typeof registrationsExport>>;

/** The header, the HXL row and one row per registration (the event's questions last), recorded in the audit log. */
export async function registrationsExport(ctx: EventsContext, slug: string, locale: Locale, t: T) {
  const r = await listRegistrations(ctx, slug);
  const header = [
    t('field.name'),
    t('field.email'),
    t('events.organization'),
    t('field.type'),
    t('events.statusLabel'),
    t('events.attendance'),
    t('events.delegation'),
    t('events.checkedIn'),
    t('events.registeredAt'),
    ...r.event.questions.map((q) => text(q.label, locale)),
  ];
  const hxl = [
    '#contact+name',
    '#contact+email',
    '#org+name',
    '#org+type',
    '#status',
    '#indicator+attendance',
    '#meta+delegation',
    '#date+checked_in',
    '#date+registered',
    ...r.event.questions.map((q) => `#meta+q_${q.id.replace(/[^a-z0-9_]/gi, '_')}`),
  ];
  const rows = r.rows.map((x) => [
    x.fullName,
    x.email,
    nameIn(x.orgNames, locale),
    x.orgType ?? '',
    x.status,
    x.attendance,
    x.delegationRole ?? '',
    x.checkedInAt?.toISOString() ?? '',
    x.createdAt.toISOString(),
    ...r.event.questions.map((q) => x.answers[q.id] ?? ''),
  ]);
  await recordExport(ctx, r.event.id, rows.length);
  return { event: r.event, header, hxl, rows };
}

/** CSV with a byte-order mark; a text cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(x: RegistrationsExport): string {
  const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return '\uFEFF' + stringify([x.header, x.hxl, ...x.rows.map((row) => row.map(safe))]);
}

/** One worksheet: the header in bold, the HXL row, the registrations. */
export async function toXlsx(x: RegistrationsExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('registrations');
  ws.addRow(x.header).font = { bold: true };
  ws.addRow(x.hxl);
  for (const row of x.rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
