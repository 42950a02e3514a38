// An organizer's import of registrations from a CSV or XLSX file (the platform's tabular reader, whose archive guard
// inflates every workbook with a byte cap before anything reads it). People need no account: each row becomes a
// registration the event's organizers own (origin 'import'), linked to an account only when one has that address;
// no invitation is needed to be counted or to get the confirmation e-mail. A dry run lists every row's errors and
// stores nothing; a commit stores all new rows in one transaction or none. Importing the same file again adds
// nothing (a person already registered for the event is left as they are). Seats are decided by the database's
// conditional statement (the seats trigger, migration 0007): a row beyond capacity aborts the whole INSERT.
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { queueMails, type MailMessage } from '../../../platform/mail/mailer.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { parseTabular } from '../../../platform/export/tabular.ts';
import type { UserActor } from '../../../platform/auth/policy.ts';
import { usersByEmails } from '../../access/index.ts';
import { findVisibleOrganizations, organizationsByCodes, type OrgType } from '../../directory/index.ts';
import {
  eventRegistrations,
  GENDERS,
  type AttendanceMode,
  type Gender,
  type RegistrationQuestion,
} from '../events.schema.ts';
import { managedEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { registrationMail } from './registration.mail.ts';

/** Rows of one file at most (the tabular reader's limit). */
export const MAX_IMPORT_ROWS = 10_000;
/** Rows per INSERT statement (parameters stay far below PostgreSQL's limit). */
const CHUNK = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UNIQUE_VIOLATION = '23505';
const EVENT_FULL = 'CT409';

/** Categories an organization outside the directory may have (States and UN entities are in the directory). */
export const FREE_ORG_TYPES: OrgType[] = [
  'regional_org',
  'international_org',
  'cso',
  'academia',
  'private_sector',
  'faith_based',
  'other',
];
export const IMPORT_STATUSES = ['accepted', 'pending', 'waitlisted'] as const;
type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The columns the import reads (the template's header and HXL row); the event's questions follow as q_<id>. */
export const IMPORT_COLUMNS: { key: string; hxl: string; required?: boolean }[] = [
  { key: 'name', hxl: '#contact+name', required: true },
  { key: 'email', hxl: '#contact+email', required: true },
  { key: 'language', hxl: '#meta+lang' },
  { key: 'country', hxl: '#country+code' },
  { key: 'organization', hxl: '#org+code' },
  { key: 'organization_name', hxl: '#org+name' },
  { key: 'organization_type', hxl: '#org+type' },
  { key: 'attendance', hxl: '#indicator+attendance' },
  { key: 'status', hxl: '#status' },
  { key: 'gender', hxl: '#meta+gender' },
];
export const questionColumn = (q: Pick<RegistrationQuestion, 'id'>) => `q_${q.id}`;
export const importColumns = (e: Pick<EventRow, 'questions'>) => [
  ...IMPORT_COLUMNS,
  ...e.questions.map((q) => ({ key: questionColumn(q), hxl: `#meta+q_${q.id.replace(/[^a-z0-9_]/gi, '_')}` })),
];

/** Header spellings people use for the same column. */
const ALIASES: Record<string, string> = {
  full_name: 'name',
  e_mail: 'email',
  email_address: 'email',
  e_mail_address: 'email',
  lang: 'language',
  organisation: 'organization',
  organisation_name: 'organization_name',
  organisation_type: 'organization_type',
  category: 'organization_type',
};
const headerKey = (h: string) => {
  const k = h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
};

export interface RowError {
  /** The file's row (the header is row 1); 0 for the file as a whole. */
  row: number;
  field: string;
  messageKey: string;
  values?: Record<string, unknown>;
}
export interface ImportResult {
  rows: number;
  /** Rows that are (dry run) or were (commit) added. */
  created: number;
  /** Rows whose person is already registered for the event: left as they are. */
  unchanged: number;
  byStatus: Record<ImportStatus, number>;
  errors: RowError[];
  committed: boolean;
  /** E-mails queued (commit) or that would be (dry run). */
  mails: number;
}

interface Checked {
  row: number;
  fullName: string;
  email: string;
  locale: Locale;
  userId: string | null;
  organizationId: string | null;
  organizationName: string | null;
  orgType: OrgType | null;
  status: ImportStatus;
  attendance: AttendanceMode;
  gender: Gender | null;
  answers: Record<string, string>;
}

export interface ImportOptions {
  dryRun: boolean;
  /** E-mail each new registrant in their language (confirmation with the .ics, or the waiting-list/pending note). */
  notify: boolean;
  /** The language of rows without one and without an account (the importer's). */
  locale: Locale;
}

const sqlState = (err: unknown): string | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string') return e.code;
  return undefined;
};

/** Checks every row of the file and, unless it is a dry run or something is wrong, stores the new ones at once. */
export async function importRegistrations(
  ctx: EventsContext,
  idOrSlug: string,
  file: { filename: string; data: Buffer } | null,
  opts: ImportOptions,
  now = new Date(),
): Promise<ImportResult> {
  const e = await managedEvent(ctx, idOrSlug);
  const actor = ctx.actor as UserActor;
  if (!file) throw new AppError('validation_failed', 422, 'reports.fileRequired');
  const table = await parseTabular(file.data, file.filename, { maxRows: MAX_IMPORT_ROWS });
  const errors: RowError[] = [];
  const keys = table.headers.map(headerKey);
  const known = new Set(importColumns(e).map((c) => c.key));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !keys.includes(c.key)).map((c) => c.key);
  if (missing.length)
    throw new AppError('validation_failed', 422, 'import.missingColumns', { columns: missing.join(', ') });
  const unknown = table.headers.filter((h, i) => h && !known.has(keys[i]));
  if (unknown.length)
    errors.push({
      row: 1,
      field: 'header',
      messageKey: 'import.unknownColumns',
      values: { columns: unknown.join(', ') },
    });
  const rows = table.rows.map((r) => {
    const out: Record<string, string> = {};
    table.headers.forEach((h, i) => {
      out[keys[i]] = (r[h] ?? '').trim();
    });
    return out;
  });

  // Everything the rows name, resolved once: directory organizations (those the importer may see), accounts, and the
  // people already registered for the event.
  const codes = new Set<string>();
  for (const r of rows) for (const k of ['country', 'organization']) if (r[k]) codes.add(r[k].toUpperCase());
  const found = await organizationsByCodes(ctx.db, [...codes]);
  const visible = new Set(
    (
      await findVisibleOrganizations(
        ctx.db,
        actor,
        found.map((o) => o.id),
      )
    ).map((o) => o.id),
  );
  const byCode = new Map<string, (typeof found)[number]>();
  for (const o of found.filter((x) => visible.has(x.id)))
    for (const c of [o.iso3, o.acronym, o.slug]) if (c) byCode.set(c.toUpperCase(), o);
  const emails = rows.map((r) => r.email.toLowerCase()).filter((m) => EMAIL.test(m));
  const [accounts, existing] = await Promise.all([usersByEmails(ctx.db, emails), registeredEmails(ctx, e.id, emails)]);
  const accountOf = new Map(accounts.map((a) => [a.email, a]));

  const defaultStatus: ImportStatus = e.registrationMode === 'moderated' ? 'pending' : 'accepted';
  const firstRowOf = new Map<string, number>();
  const checked: Checked[] = [];
  let unchanged = 0;
  for (const [i, r] of rows.entries()) {
    const row = table.rowNumbers[i]; // as the organizer's spreadsheet numbers it (the header is row 1)
    const err = (field: string, messageKey: string, values?: Record<string, unknown>) =>
      errors.push({ row, field, messageKey, values });
    const before = errors.length;
    const fullName = r.name ?? '';
    if (!fullName) err('name', 'validation.required');
    else if (fullName.length > 200) err('name', 'validation.maxLength', { limit: 200 });
    const email = (r.email ?? '').toLowerCase();
    if (!email) err('email', 'validation.required');
    else if (email.length > 320 || !EMAIL.test(email)) err('email', 'events.import.badEmail', { email: r.email });
    else if (firstRowOf.has(email)) err('email', 'events.import.duplicateRow', { email, row: firstRowOf.get(email) });
    else firstRowOf.set(email, row);
    const language = (r.language ?? '').toLowerCase();
    if (language && !isLocale(language)) err('language', 'validation.choice');
    let organizationId: string | null = null;
    let orgType: OrgType | null = null;
    let organizationName: string | null = null;
    if (r.country) {
      const o = byCode.get(r.country.toUpperCase());
      if (!o || o.type !== 'member_state') err('country', 'events.import.unknownCountry', { code: r.country });
      else [organizationId, orgType] = [o.id, o.type];
    }
    if (r.organization) {
      const o = byCode.get(r.organization.toUpperCase());
      if (!o) err('organization', 'import.unknownOrganization', { code: r.organization });
      else [organizationId, orgType] = [o.id, o.type];
    } else if (r.organization_name || r.organization_type) {
      const type = r.organization_type as OrgType;
      if (!r.organization_type) err('organization_type', 'events.import.typeRequired');
      else if (!FREE_ORG_TYPES.includes(type)) err('organization_type', 'validation.choice');
      if (r.organization_name.length > 300) err('organization_name', 'validation.maxLength', { limit: 300 });
      if (!r.country) {
        organizationName = r.organization_name || null;
        orgType = FREE_ORG_TYPES.includes(type) ? type : null;
      }
    }
    const status = (r.status || defaultStatus) as ImportStatus;
    if (!IMPORT_STATUSES.includes(status)) err('status', 'validation.choice');
    const attendance = attendanceOf(e, r.attendance ?? '');
    if (!attendance) err('attendance', 'validation.choice');
    const gender = (r.gender || null) as Gender | null;
    if (gender && !GENDERS.includes(gender)) err('gender', 'validation.choice');
    const answers: Record<string, string> = {};
    for (const q of e.questions) {
      const v = r[questionColumn(q)] ?? '';
      if (!v) continue;
      const bad = answerProblem(q, v);
      if (bad) err(questionColumn(q), bad.messageKey, bad.values);
      else answers[q.id] = v;
    }
    if (errors.length > before) continue;
    if (existing.has(email)) {
      unchanged++;
      continue;
    }
    const account = accountOf.get(email);
    checked.push({
      row,
      fullName,
      email,
      locale: (language || (account && isLocale(account.locale) ? account.locale : opts.locale)) as Locale,
      userId: account?.id ?? null,
      organizationId,
      organizationName,
      orgType,
      status,
      attendance: attendance!,
      gender,
      answers,
    });
  }
  const byStatus = { accepted: 0, pending: 0, waitlisted: 0 };
  for (const c of checked) byStatus[c.status]++;
  // Seats: the file as a whole fits in what is left, or nothing is stored.
  const free = e.capacity === null ? Infinity : Math.max(0, e.capacity - e.seatsTaken);
  if (byStatus.accepted > free)
    errors.push({
      row: 0,
      field: 'status',
      messageKey: 'events.import.overCapacity',
      values: { needed: byStatus.accepted, free },
    });
  const result = {
    rows: rows.length,
    created: checked.length,
    unchanged,
    byStatus,
    errors,
    committed: false,
    mails: opts.notify ? checked.length : 0,
  };
  if (opts.dryRun || errors.length) return { ...result, created: errors.length ? 0 : checked.length };
  return commit(ctx, e, actor.userId, checked, file, opts, result, now);
}

async function commit(
  ctx: EventsContext,
  e: EventRow,
  userId: string,
  checked: Checked[],
  file: { filename: string; data: Buffer },
  opts: ImportOptions,
  result: ImportResult,
  now: Date,
): Promise<ImportResult> {
  // The e-mails are rendered before the transaction (nothing there needs a lock).
  const mails: MailMessage[] = opts.notify
    ? checked.map((c) => registrationMail(ctx.config, e, { ...c }, c.status, undefined))
    : [];
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  try {
    const created = await ctx.db.transaction(async (tx) => {
      let n = 0;
      for (let i = 0; i < checked.length; i += CHUNK) {
        // One statement per chunk; the seats trigger takes each accepted row's seat with its conditional UPDATE and
        // raises CT409 at the first beyond capacity, which rolls the whole import back. A person who registered
        // meanwhile (same address) is left as they are.
        const inserted = await tx
          .insert(eventRegistrations)
          .values(
            checked.slice(i, i + CHUNK).map((c, j) => ({
              eventId: e.id,
              userId: c.userId,
              fullName: c.fullName,
              email: c.email,
              organizationId: c.organizationId,
              organizationName: c.organizationName,
              orgType: c.orgType,
              locale: c.locale,
              status: c.status,
              attendance: c.attendance,
              gender: c.gender,
              answers: c.answers,
              origin: 'import' as const,
              submittedBy: userId,
              decidedAt: c.status === 'pending' ? null : now,
              // The file's order, for the listing and for promotion from the waiting list (oldest first).
              createdAt: new Date(now.getTime() + i + j),
              updatedAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ email: eventRegistrations.email });
        n += inserted.length;
        if (inserted.length < Math.min(CHUNK, checked.length - i)) {
          // Someone registered with one of these addresses since the check: do not write them an e-mail.
          const kept = new Set(inserted.map((x) => x.email));
          const slice = new Set(checked.slice(i, i + CHUNK).map((c) => c.email));
          for (let k = mails.length - 1; k >= 0; k--)
            if (slice.has(mails[k].to) && !kept.has(mails[k].to)) mails.splice(k, 1);
        }
      }
      await queueMails(tx, mails, !!ctx.config.smtpUrl);
      await recordAudit(tx, {
        action: 'event.registrations.imported',
        actor: ctx.actor,
        targetType: 'event',
        targetId: e.id,
        ip: ctx.ip,
        details: {
          file: file.filename.slice(0, 200),
          sha256,
          rows: result.rows,
          created: n,
          unchanged: result.unchanged + (checked.length - n),
          byStatus: result.byStatus,
          mails: mails.length,
        },
      });
      return n;
    });
    return {
      ...result,
      created,
      unchanged: result.unchanged + (checked.length - created),
      committed: true,
      mails: mails.length,
    };
  } catch (err) {
    const code = sqlState(err);
    if (code === EVENT_FULL) throw new AppError('event_full', 409, 'events.import.full');
    if (code === UNIQUE_VIOLATION) throw new AppError('conflict', 409, 'events.errors.concurrentChange');
    throw err;
  }
}

/** The addresses among `emails` already registered for the event (any status). */
async function registeredEmails(ctx: EventsContext, eventId: string, emails: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const list = [...new Set(emails)];
  for (let i = 0; i < list.length; i += 1000) {
    const rows = await ctx.db
      .select({ email: eventRegistrations.email })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.email, list.slice(i, i + 1000))));
    for (const r of rows) out.add(r.email);
  }
  return out;
}

/** The attendance of a row: the event's format decides it, a hybrid event reads the column (in person by default). */
function attendanceOf(e: EventRow, v: string): AttendanceMode | null {
  const s = v.toLowerCase();
  if (s && !['in_person', 'virtual', 'online'].includes(s)) return null;
  if (e.format === 'virtual') return 'virtual';
  if (e.format === 'in_person') return 'in_person';
  return s === 'virtual' || s === 'online' ? 'virtual' : 'in_person';
}

function answerProblem(q: RegistrationQuestion, v: string): Pick<FieldError, 'messageKey' | 'values'> | null {
  if (v.length > 2000) return { messageKey: 'validation.maxLength', values: { limit: 2000 } };
  if (q.kind === 'choice' && !q.options?.some((o) => o.value === v)) return { messageKey: 'validation.choice' };
  if (q.kind === 'yes_no' && v !== 'yes' && v !== 'no') return { messageKey: 'validation.choice' };
  return null;
}
