// Secretariat authoring: events (every field, translations with their status), programme sessions and speakers,
// documents with language versions (uploaded PDF/DOCX or links), published programme versions with a changelog.
// Every write validates everything first (422 with every field's error) and then runs in one transaction with its audit entry.
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { readStoredFile, removeStoredFile, storeFile } from '../../platform/files/storage.ts';
import type { UploadedFile } from '../../platform/http/forms.ts';
import { isLocale, LOCALES, type Locale, dateFormat } from '../../platform/i18n/index.ts';
import { organizations, ORG_TYPES, type OrgType } from '../directory/directory.schema.ts';
import { isUuid } from '../directory/directory.service.ts';
import { FRAMEWORK } from '../framework/data/framework.ts';
import { checkReportFile } from '../assessments/reports.service.ts';
import {
  DOCUMENT_KINDS,
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  PARTICIPANT_LIST_VISIBILITIES,
  REGISTRATION_MODES,
  SESSION_KINDS,
  TRANSLATION_STATUSES,
  eventDocuments,
  eventOrganizers,
  eventScheduleVersions,
  eventSessions,
  eventSlots,
  events,
  type DocumentKind,
  type RegistrationQuestion,
  type ScheduleChange,
  type SessionKind,
  type SessionSnapshot,
  type Translated,
  type TranslationStatus,
} from './events.schema.ts';
import {
  authorizeManage,
  findVisibleEvent,
  managedEvent,
  type EventRow,
  type EventsContext,
} from './shared/events.service.ts';

export { managedEvent };
import { isTimeZone, localDay, zonedTime } from './shared/time.ts';
import { text } from './shared/translate.ts';

export type FormValues = Record<string, string | string[] | undefined>;
const one = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{2,99}$/;
/** Paths under /events that are not events. */
const RESERVED = ['new', 'statements', 'series', 'calendar-ics'];
const QID = /^[a-z][a-z0-9_]{0,39}$/;

/** A translatable field from the form: `${name}_${locale}` and `${name}_${locale}_status`. */
export function translatedFrom(
  v: FormValues,
  name: string,
  fields: FieldError[],
  maxLength: number,
  required: boolean,
): Translated {
  const out: Translated = {};
  for (const l of LOCALES) {
    const t = one(v[`${name}_${l}`]);
    const status = one(v[`${name}_${l}_status`]) || (t ? 'draft' : '');
    if (!t) continue;
    if (t.length > maxLength)
      fields.push({ field: `${name}_${l}`, messageKey: 'validation.maxLength', values: { limit: maxLength } });
    if (!(TRANSLATION_STATUSES as readonly string[]).includes(status))
      fields.push({ field: `${name}_${l}_status`, messageKey: 'validation.choice' });
    out[l] = { text: t, status: status as TranslationStatus };
  }
  const present = Object.values(out);
  if (required && !present.length) fields.push({ field: `${name}_en`, messageKey: 'events.errors.oneLanguage' });
  if (present.length && !present.some((x) => x!.status === 'original'))
    fields.push({ field: `${name}_${Object.keys(out)[0]}_status`, messageKey: 'events.errors.noOriginal' });
  if (present.filter((x) => x!.status === 'original').length > 1)
    fields.push({
      field: `${name}_${Object.keys(out).filter((l) => out[l as Locale]!.status === 'original')[1]}_status`,
      messageKey: 'events.errors.twoOriginals',
    });
  return out;
}

/** Form values of a translatable field. */
export const translatedValues = (name: string, f: Translated): Record<string, string> =>
  Object.fromEntries(
    LOCALES.flatMap((l) =>
      f[l]
        ? [
            [`${name}_${l}`, f[l]!.text],
            [`${name}_${l}_status`, f[l]!.status],
          ]
        : [],
    ),
  );

// ---------- registration questions: one per line, "id | text|choice|yes_no | required|optional | label | option; option" ----------

export function parseQuestions(src: string, lang: Locale, fields: FieldError[]): RegistrationQuestion[] {
  const out: RegistrationQuestion[] = [];
  src.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [id = '', kind = '', req = '', label = '', opts = ''] = line.split('|').map((x) => x.trim());
    const bad = () =>
      fields.push({ field: 'questions', messageKey: 'events.errors.questionLine', values: { line: i + 1 } });
    if (
      !QID.test(id) ||
      !['text', 'choice', 'yes_no'].includes(kind) ||
      !['required', 'optional'].includes(req) ||
      !label ||
      label.length > 300
    )
      return void bad();
    if (out.some((q) => q.id === id)) return void bad();
    const options =
      kind === 'choice'
        ? opts
            .split(';')
            .map((o) => o.trim())
            .filter(Boolean)
        : [];
    if (kind === 'choice' && options.length < 2) return void bad();
    out.push({
      id,
      kind: kind as RegistrationQuestion['kind'],
      required: req === 'required',
      label: { [lang]: { text: label, status: 'original' } },
      ...(kind === 'choice'
        ? {
            options: options.map((o) => ({
              value: o.slice(0, 100),
              label: { [lang]: { text: o, status: 'original' } },
            })),
          }
        : {}),
    });
  });
  if (out.length > 20) fields.push({ field: 'questions', messageKey: 'validation.maxItems', values: { limit: 20 } });
  return out;
}

export const questionsText = (qs: RegistrationQuestion[], locale: Locale) =>
  qs
    .map((q) =>
      [
        q.id,
        q.kind,
        q.required ? 'required' : 'optional',
        text(q.label, locale),
        ...(q.options ? [q.options.map((o) => text(o.label, locale)).join('; ')] : []),
      ].join(' | '),
    )
    .join('\n');

// ---------- events ----------

export interface ParsedEvent {
  row: Omit<typeof events.$inferInsert, 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>;
  organizers: { organizationId: string; role: 'organizer' | 'co_organizer' | 'partner' }[];
}

const pick = <T extends string>(v: string, list: readonly T[], field: string, fields: FieldError[]): T => {
  if (!(list as readonly string[]).includes(v)) fields.push({ field, messageKey: 'validation.choice' });
  return v as T;
};

function instant(v: FormValues, name: string, tz: string, fields: FieldError[], required: boolean): Date | null {
  const s = one(v[name]);
  if (!s) {
    if (required) fields.push({ field: name, messageKey: 'validation.required' });
    return null;
  }
  if (!LOCAL.test(s) || Number.isNaN(Date.parse(`${s}:00Z`))) {
    fields.push({ field: name, messageKey: 'validation.dateTime' });
    return null;
  }
  return isTimeZone(tz) ? zonedTime(s, tz) : null;
}

/** Parses and checks the event form; throws 422 with every field's error. Organization ids are checked against the directory. */
export async function parseEvent(ctx: EventsContext, v: FormValues, currentId: string | null): Promise<ParsedEvent> {
  const fields: FieldError[] = [];
  const slug = one(v.slug).toLowerCase();
  if (!SLUG.test(slug) || RESERVED.includes(slug)) fields.push({ field: 'slug', messageKey: 'events.errors.slug' });
  else {
    const clash = await ctx.db
      .select({ id: events.id })
      .from(events)
      .where(currentId ? and(eq(events.slug, slug), ne(events.id, currentId)) : eq(events.slug, slug))
      .limit(1);
    if (clash.length) fields.push({ field: 'slug', messageKey: 'events.errors.slugTaken' });
  }
  const type = pick(one(v.type), EVENT_TYPES, 'type', fields);
  const status = pick(one(v.status) || 'draft', EVENT_STATUSES, 'status', fields);
  const format = pick(one(v.format), EVENT_FORMATS, 'format', fields);
  const visibility = pick(one(v.visibility) || 'public', EVENT_VISIBILITIES, 'visibility', fields);
  const registrationMode = pick(one(v.registrationMode) || 'closed', REGISTRATION_MODES, 'registrationMode', fields);
  const participantList = pick(
    one(v.participantList) || 'organizers',
    PARTICIPANT_LIST_VISIBILITIES,
    'participantList',
    fields,
  );
  const title = translatedFrom(v, 'title', fields, 300, true);
  const summary = translatedFrom(v, 'summary', fields, 2000, false);
  const description = translatedFrom(v, 'description', fields, 20000, false);
  const timeZone = one(v.timeZone);
  if (!timeZone || !isTimeZone(timeZone) || (!timeZone.includes('/') && timeZone !== 'UTC'))
    fields.push({ field: 'timeZone', messageKey: 'events.errors.timeZone' });
  const allDay = one(v.allDay) === 'on';
  const startsAt = instant(v, 'startsAt', timeZone, fields, true);
  const endsAt = instant(v, 'endsAt', timeZone, fields, true);
  if (startsAt && endsAt && endsAt <= startsAt)
    fields.push({ field: 'endsAt', messageKey: 'events.errors.endBeforeStart' });
  const registrationOpensAt = instant(v, 'registrationOpensAt', timeZone, fields, false);
  const registrationClosesAt = instant(v, 'registrationClosesAt', timeZone, fields, false);
  if (registrationOpensAt && registrationClosesAt && registrationClosesAt <= registrationOpensAt)
    fields.push({ field: 'registrationClosesAt', messageKey: 'events.errors.endBeforeStart' });
  const venue = one(v.venue);
  if (venue.length > 300) fields.push({ field: 'venue', messageKey: 'validation.maxLength', values: { limit: 300 } });
  const meetingUrl = one(v.meetingUrl);
  if (meetingUrl && (!/^https:\/\/[^\s]+$/.test(meetingUrl) || meetingUrl.length > 500))
    fields.push({ field: 'meetingUrl', messageKey: 'events.errors.https' });
  if (format !== 'in_person' && registrationMode !== 'closed' && !meetingUrl && format) {
    /* a link may come later */
  }
  const capRaw = one(v.capacity);
  const capacity = capRaw ? Number(capRaw) : null;
  if (capRaw && (!Number.isInteger(capacity) || capacity! < 1 || capacity! > 100000))
    fields.push({ field: 'capacity', messageKey: 'validation.range', values: { min: 1, max: 100000 } });
  const openTo = many(v.openTo) as OrgType[];
  if (!openTo.length) fields.push({ field: 'openTo', messageKey: 'validation.required' });
  if (openTo.some((o) => !(ORG_TYPES as readonly string[]).includes(o)))
    fields.push({ field: 'openTo', messageKey: 'validation.choice' });
  const codes = new Set(FRAMEWORK.map((f) => f.code));
  const pillars = many(v.pillars);
  const themes = many(v.themes);
  if (pillars.some((p) => !codes.has(p) || !p.startsWith('pillar-')))
    fields.push({ field: 'pillars', messageKey: 'validation.choice' });
  if (themes.some((p) => !codes.has(p))) fields.push({ field: 'themes', messageKey: 'validation.choice' });
  const originalLang = (LOCALES.find((l) => title[l]?.status === 'original') ?? 'en') as Locale;
  const questions = parseQuestions(one(v.questions), originalLang, fields);
  // organizers
  const organizerIds = many(v.organizers);
  const coIds = many(v.coOrganizers).filter((id) => !organizerIds.includes(id));
  if (!organizerIds.length) fields.push({ field: 'organizers', messageKey: 'events.errors.organizerRequired' });
  const allIds = [...organizerIds, ...coIds];
  if (allIds.some((id) => !isUuid(id))) fields.push({ field: 'organizers', messageKey: 'validation.choice' });
  else if (allIds.length) {
    const found = await ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.id, allIds));
    if (found.length !== new Set(allIds).size) fields.push({ field: 'organizers', messageKey: 'validation.choice' });
  }
  // umbrella week
  const parentSlug = one(v.parent);
  let parentId: string | null = null;
  if (parentSlug) {
    const p = (
      await ctx.db.select({ id: events.id, type: events.type }).from(events).where(eq(events.slug, parentSlug)).limit(1)
    )[0];
    if (!p || p.type !== 'week' || p.id === currentId)
      fields.push({ field: 'parent', messageKey: 'events.errors.parentWeek' });
    else parentId = p.id;
  }
  if (fields.length) throw invalid(fields);
  return {
    row: {
      slug,
      type,
      status,
      format,
      visibility,
      registrationMode,
      participantList,
      title,
      summary,
      description,
      timeZone,
      allDay,
      startsAt: startsAt!,
      endsAt: endsAt!,
      registrationOpensAt,
      registrationClosesAt,
      venue: venue || null,
      meetingUrl: meetingUrl || null,
      capacity,
      waitlist: one(v.waitlist) === 'on',
      showCsoParticipants: one(v.showCsoParticipants) === 'on',
      openTo,
      pillars,
      themes,
      questions,
      parentId,
    },
    organizers: [
      ...organizerIds.map((id) => ({ organizationId: id, role: 'organizer' as const })),
      ...coIds.map((id) => ({ organizationId: id, role: 'co_organizer' as const })),
    ],
  };
}

/** The form values of an existing event. */
export async function eventFormValues(ctx: EventsContext, e: EventRow): Promise<FormValues> {
  const orgs = await ctx.db
    .select()
    .from(eventOrganizers)
    .where(eq(eventOrganizers.eventId, e.id))
    .orderBy(asc(eventOrganizers.sort));
  const parent = e.parentId
    ? (await ctx.db.select({ slug: events.slug }).from(events).where(eq(events.id, e.parentId)).limit(1))[0]?.slug
    : '';
  const local = (d: Date | null) =>
    d
      ? dateFormat('sv-SE', {
          timeZone: e.timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(d)
          .replace(' ', 'T')
      : '';
  return {
    slug: e.slug,
    type: e.type,
    status: e.status,
    format: e.format,
    visibility: e.visibility,
    registrationMode: e.registrationMode,
    participantList: e.participantList,
    ...translatedValues('title', e.title),
    ...translatedValues('summary', e.summary),
    ...translatedValues('description', e.description),
    timeZone: e.timeZone,
    allDay: e.allDay ? 'on' : '',
    startsAt: local(e.startsAt),
    endsAt: local(e.endsAt),
    registrationOpensAt: local(e.registrationOpensAt),
    registrationClosesAt: local(e.registrationClosesAt),
    venue: e.venue ?? '',
    meetingUrl: e.meetingUrl ?? '',
    capacity: e.capacity?.toString() ?? '',
    waitlist: e.waitlist ? 'on' : '',
    showCsoParticipants: e.showCsoParticipants ? 'on' : '',
    openTo: e.openTo,
    pillars: e.pillars,
    themes: e.themes,
    questions: questionsText(e.questions, 'en'),
    parent: parent ?? '',
    organizers: orgs.filter((o) => o.role === 'organizer').map((o) => o.organizationId),
    coOrganizers: orgs.filter((o) => o.role !== 'organizer').map((o) => o.organizationId),
  };
}

/** Label translations of questions (and their options) whose text in the edited language is unchanged are kept. */
export function keepQuestionTranslations(
  before: RegistrationQuestion[],
  after: RegistrationQuestion[],
): RegistrationQuestion[] {
  const same = (a: Translated, b: Translated) => LOCALES.some((l) => b[l]?.text && a[l]?.text === b[l]!.text);
  return after.map((q) => {
    const old = before.find((x) => x.id === q.id);
    if (!old) return q;
    return {
      ...q,
      label: same(old.label, q.label) ? old.label : q.label,
      ...(q.options
        ? {
            options: q.options.map((o) => {
              const oo = old.options?.find((x) => same(x.label, o.label));
              return oo ? { value: oo.value, label: oo.label } : o;
            }),
          }
        : {}),
    };
  });
}

/** Creates an event. An entity's focal point must name their entity among the organizers. */
export async function createEvent(ctx: EventsContext, v: FormValues): Promise<EventRow> {
  authorize(ctx.actor, 'event.create');
  const actor = ctx.actor;
  const p = await parseEvent(ctx, v, null);
  authorize(actor, 'event.manage', { organizerOrgIds: p.organizers.map((o) => o.organizationId) });
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx
      .insert(events)
      .values({ ...p.row, createdBy: actor.userId })
      .returning();
    await tx.insert(eventOrganizers).values(p.organizers.map((o, sort) => ({ eventId: e.id, ...o, sort })));
    await recordAudit(tx, {
      action: 'event.created',
      actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: { slug: e.slug, status: e.status },
    });
    return e;
  });
}

/** Edits an event: the manager must manage it before and after (organizers cannot be changed to lock oneself out). */
export async function updateEvent(ctx: EventsContext, idOrSlug: string, v: FormValues): Promise<EventRow> {
  const current = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, current.id);
  const p = await parseEvent(ctx, v, current.id);
  authorize(ctx.actor, 'event.manage', { organizerOrgIds: p.organizers.map((o) => o.organizationId) });
  const actor = ctx.actor;
  // The form edits one language of the questions: keep the other languages of labels that did not change,
  // and a 'partner' stays a partner.
  p.row.questions = keepQuestionTranslations(current.questions, p.row.questions ?? []);
  const before = await ctx.db.select().from(eventOrganizers).where(eq(eventOrganizers.eventId, current.id));
  p.organizers = p.organizers.map((o) =>
    o.role === 'co_organizer' && before.some((b) => b.organizationId === o.organizationId && b.role === 'partner')
      ? { ...o, role: 'partner' as const }
      : o,
  );
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx
      .update(events)
      .set({ ...p.row, updatedAt: new Date() })
      .where(eq(events.id, current.id))
      .returning();
    await tx.delete(eventOrganizers).where(eq(eventOrganizers.eventId, e.id));
    await tx.insert(eventOrganizers).values(p.organizers.map((o, sort) => ({ eventId: e.id, ...o, sort })));
    const changed = Object.keys(p.row).filter(
      (k) =>
        JSON.stringify((p.row as Record<string, unknown>)[k]) !==
        JSON.stringify((current as Record<string, unknown>)[k]),
    );
    await recordAudit(tx, {
      action: 'event.updated',
      actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: { changed },
    });
    return e;
  });
}

// ---------- sessions ----------

export interface ParsedSession {
  row: Omit<typeof eventSessions.$inferInsert, 'id' | 'eventId' | 'sort'>;
  slots: Omit<typeof eventSlots.$inferInsert, 'id' | 'sessionId'>[];
}
const SLOT_ROLES = ['keynote', 'speaker', 'statement', 'remarks'] as const;

/** Speakers, one per line: "name | affiliation | role | minutes | HH:MM". */
export function parseSpeakers(src: string, day: string | null, tz: string, fields: FieldError[]) {
  const out: ParsedSession['slots'] = [];
  src.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [name = '', affiliation = '', role = 'speaker', minutes = '', time = ''] = line
      .split('|')
      .map((x) => x.trim());
    const bad = () =>
      fields.push({ field: 'speakers', messageKey: 'events.errors.speakerLine', values: { line: i + 1 } });
    if (
      !name ||
      name.length > 200 ||
      affiliation.length > 300 ||
      !(SLOT_ROLES as readonly string[]).includes(role || 'speaker')
    )
      return void bad();
    if (minutes && (!/^\d{1,3}$/.test(minutes) || +minutes < 1 || +minutes > 600)) return void bad();
    if (time && (!/^\d{2}:\d{2}$/.test(time) || !day)) return void bad();
    out.push({
      speakerName: name,
      affiliation: affiliation || null,
      role: (role || 'speaker') as (typeof SLOT_ROLES)[number],
      minutes: minutes ? +minutes : null,
      startsAt: time && day ? zonedTime(`${day}T${time}`, tz) : null,
      sort: out.length,
    });
  });
  if (out.length > 100) fields.push({ field: 'speakers', messageKey: 'validation.maxItems', values: { limit: 100 } });
  return out;
}

export function parseSession(e: EventRow, v: FormValues): ParsedSession {
  const fields: FieldError[] = [];
  const kind = pick(one(v.kind), SESSION_KINDS, 'kind', fields);
  const title = translatedFrom(v, 'title', fields, 300, true);
  const startsAt = instant(v, 'startsAt', e.timeZone, fields, false);
  const endsAt = instant(v, 'endsAt', e.timeZone, fields, false);
  if (endsAt && !startsAt) fields.push({ field: 'startsAt', messageKey: 'validation.required' });
  if (startsAt && endsAt && endsAt <= startsAt)
    fields.push({ field: 'endsAt', messageKey: 'events.errors.endBeforeStart' });
  const dayStart = e.allDay ? e.startsAt.getTime() - 14 * 3600_000 : e.startsAt.getTime();
  const dayEnd = e.allDay ? e.endsAt.getTime() + 14 * 3600_000 : e.endsAt.getTime();
  if (startsAt && (startsAt.getTime() < dayStart || startsAt.getTime() > dayEnd))
    fields.push({ field: 'startsAt', messageKey: 'events.errors.outsideEvent' });
  if (endsAt && endsAt.getTime() > dayEnd) fields.push({ field: 'endsAt', messageKey: 'events.errors.outsideEvent' });
  const pillar = one(v.pillar);
  if (pillar && !FRAMEWORK.some((f) => f.kind === 'pillar' && f.code === pillar))
    fields.push({ field: 'pillar', messageKey: 'validation.choice' });
  const chairRole = one(v.chairRole);
  if (chairRole && chairRole !== 'chair' && chairRole !== 'moderator')
    fields.push({ field: 'chairRole', messageKey: 'validation.choice' });
  const chairName = one(v.chairName);
  const room = one(v.room);
  if (chairName.length > 200)
    fields.push({ field: 'chairName', messageKey: 'validation.maxLength', values: { limit: 200 } });
  if (room.length > 200) fields.push({ field: 'room', messageKey: 'validation.maxLength', values: { limit: 200 } });
  const minutes = Number(one(v.statementMinutes) || '5');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
    fields.push({ field: 'statementMinutes', messageKey: 'validation.range', values: { min: 1, max: 60 } });
  const slots = parseSpeakers(one(v.speakers), startsAt ? localDay(startsAt, e.timeZone) : null, e.timeZone, fields);
  if (fields.length) throw invalid(fields);
  return {
    row: {
      kind,
      title,
      startsAt,
      endsAt,
      pillar: pillar || null,
      chairName: chairName || null,
      chairRole: (chairRole || null) as 'chair' | 'moderator' | null,
      room: room || null,
      statementMinutes: minutes,
    },
    slots,
  };
}

export async function sessionOf(ctx: EventsContext, e: EventRow, sessionId: string) {
  if (!isUuid(sessionId)) throw notFound();
  const s = (
    await ctx.db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, e.id)))
      .limit(1)
  )[0];
  if (!s) throw notFound();
  return s;
}

export async function sessionFormValues(ctx: EventsContext, e: EventRow, sessionId: string): Promise<FormValues> {
  const s = await sessionOf(ctx, e, sessionId);
  const slots = await ctx.db
    .select()
    .from(eventSlots)
    .where(eq(eventSlots.sessionId, s.id))
    .orderBy(asc(eventSlots.sort));
  const local = (d: Date | null) =>
    d
      ? dateFormat('sv-SE', {
          timeZone: e.timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(d)
          .replace(' ', 'T')
      : '';
  return {
    kind: s.kind,
    ...translatedValues('title', s.title),
    startsAt: local(s.startsAt),
    endsAt: local(s.endsAt),
    pillar: s.pillar ?? '',
    chairName: s.chairName ?? '',
    chairRole: s.chairRole ?? '',
    room: s.room ?? '',
    statementMinutes: String(s.statementMinutes),
    speakers: slots
      .map((x) =>
        [x.speakerName, x.affiliation ?? '', x.role, x.minutes ?? '', x.startsAt ? local(x.startsAt).slice(11) : '']
          .join(' | ')
          .replace(/( \| )+$/, ''),
      )
      .join('\n'),
  };
}

/** Adds (sessionId null) or replaces a session and its speakers. */
export async function saveSession(ctx: EventsContext, idOrSlug: string, sessionId: string | null, v: FormValues) {
  const e = await managedEvent(ctx, idOrSlug);
  const existing = sessionId ? await sessionOf(ctx, e, sessionId) : null;
  const p = parseSession(e, v);
  return ctx.db.transaction(async (tx) => {
    let id = existing?.id;
    if (existing) await tx.update(eventSessions).set(p.row).where(eq(eventSessions.id, existing.id));
    else {
      const last = await tx
        .select({ sort: eventSessions.sort })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, e.id))
        .orderBy(desc(eventSessions.sort))
        .limit(1);
      id = (
        await tx
          .insert(eventSessions)
          .values({ ...p.row, eventId: e.id, sort: (last[0]?.sort ?? -1) + 1 })
          .returning({ id: eventSessions.id })
      )[0].id;
    }
    await tx.delete(eventSlots).where(eq(eventSlots.sessionId, id!));
    if (p.slots.length) await tx.insert(eventSlots).values(p.slots.map((x) => ({ ...x, sessionId: id! })));
    await tx.update(events).set({ updatedAt: new Date() }).where(eq(events.id, e.id));
    await recordAudit(tx, {
      action: existing ? 'event.session.updated' : 'event.session.created',
      actor: ctx.actor,
      targetType: 'event_session',
      targetId: id!,
      ip: ctx.ip,
      details: { eventId: e.id, speakers: p.slots.length },
    });
    return id!;
  });
}

export async function deleteSession(ctx: EventsContext, idOrSlug: string, sessionId: string) {
  const e = await managedEvent(ctx, idOrSlug);
  const s = await sessionOf(ctx, e, sessionId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(eventSessions).where(eq(eventSessions.id, s.id));
    await recordAudit(tx, {
      action: 'event.session.deleted',
      actor: ctx.actor,
      targetType: 'event_session',
      targetId: s.id,
      ip: ctx.ip,
      details: { eventId: e.id, title: text(s.title, 'en') },
    });
  });
}

/** Moves a session one place up or down in the programme. */
export async function moveSession(ctx: EventsContext, idOrSlug: string, sessionId: string, direction: 'up' | 'down') {
  const e = await managedEvent(ctx, idOrSlug);
  await sessionOf(ctx, e, sessionId);
  await ctx.db.transaction(async (tx) => {
    const list = await tx
      .select({ id: eventSessions.id })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, e.id))
      .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt))
      .for('update');
    const i = list.findIndex((s) => s.id === sessionId);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    for (const [sort, s] of list.entries())
      await tx.update(eventSessions).set({ sort }).where(eq(eventSessions.id, s.id));
  });
}

// ---------- programme versions ----------

async function snapshot(ctx: EventsContext, eventId: string): Promise<SessionSnapshot[]> {
  const sessions = await ctx.db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.sort), asc(eventSessions.startsAt));
  const slots = sessions.length
    ? await ctx.db
        .select()
        .from(eventSlots)
        .where(
          inArray(
            eventSlots.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(eventSlots.sort))
    : [];
  return sessions.map((s) => ({
    id: s.id,
    kind: s.kind as SessionKind,
    title: text(s.title, 'en'),
    startsAt: s.startsAt?.toISOString() ?? null,
    endsAt: s.endsAt?.toISOString() ?? null,
    room: s.room,
    chairName: s.chairName,
    speakers: slots.filter((x) => x.sessionId === s.id).map((x) => x.speakerName),
  }));
}

/** The changes from one programme to the next: sessions added, removed, and changed (with the fields that changed). */
export function diffProgramme(prev: SessionSnapshot[], next: SessionSnapshot[]): ScheduleChange[] {
  const out: ScheduleChange[] = [];
  const before = new Map(prev.map((s) => [s.id, s]));
  for (const s of next) {
    const p = before.get(s.id);
    if (!p) {
      out.push({ change: 'added', title: s.title, fields: [] });
      continue;
    }
    const fields = (['kind', 'title', 'startsAt', 'endsAt', 'room', 'chairName', 'speakers'] as const).filter(
      (k) => JSON.stringify(p[k]) !== JSON.stringify(s[k]),
    );
    if (fields.length) out.push({ change: 'changed', title: s.title, fields });
  }
  for (const p of prev)
    if (!next.some((s) => s.id === p.id)) out.push({ change: 'removed', title: p.title, fields: [] });
  return out;
}

/** Publishes the programme as the next numbered version, with its changelog. Nothing changed since the last version: 409. */
export async function publishProgramme(ctx: EventsContext, idOrSlug: string, note: string) {
  const e = await managedEvent(ctx, idOrSlug);
  if (note.length > 1000)
    throw invalid([{ field: 'note', messageKey: 'validation.maxLength', values: { limit: 1000 } }]);
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: events.id }).from(events).where(eq(events.id, e.id)).for('update');
    const prev = (
      await tx
        .select()
        .from(eventScheduleVersions)
        .where(eq(eventScheduleVersions.eventId, e.id))
        .orderBy(desc(eventScheduleVersions.number))
        .limit(1)
    )[0];
    const sessions = await snapshot({ ...ctx, db: tx as never }, e.id);
    if (!sessions.length) throw new AppError('conflict', 409, 'events.errors.emptyProgramme');
    const changes = diffProgramme(prev?.sessions ?? [], sessions);
    if (prev && !changes.length) throw new AppError('conflict', 409, 'events.errors.noProgrammeChanges');
    const [v] = await tx
      .insert(eventScheduleVersions)
      .values({
        eventId: e.id,
        number: (prev?.number ?? 0) + 1,
        sessions,
        changes,
        note: note.trim() || null,
        publishedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, {
      action: 'event.programme.published',
      actor: ctx.actor,
      targetType: 'event',
      targetId: e.id,
      ip: ctx.ip,
      details: { version: v.number, changes: changes.length },
    });
    return v;
  });
}

export const programmeVersions = (ctx: { db: EventsContext['db'] }, eventId: string, limit = 50) =>
  ctx.db
    .select()
    .from(eventScheduleVersions)
    .where(eq(eventScheduleVersions.eventId, eventId))
    .orderBy(desc(eventScheduleVersions.number))
    .limit(limit);

// ---------- documents ----------

export interface DocumentInput {
  kind: string;
  title: string;
  titleLanguage: string;
  language: string;
  status: string;
  url: string;
}

function checkVersion(
  input: Pick<DocumentInput, 'language' | 'status' | 'url'>,
  file: UploadedFile | null,
  fields: FieldError[],
) {
  if (!isLocale(input.language)) fields.push({ field: 'language', messageKey: 'validation.choice' });
  if (!(TRANSLATION_STATUSES as readonly string[]).includes(input.status))
    fields.push({ field: 'status', messageKey: 'validation.choice' });
  if (input.url && (!/^https:\/\/\S+$/.test(input.url) || input.url.length > 500))
    fields.push({ field: 'url', messageKey: 'events.errors.https' });
  if (!file && !input.url) fields.push({ field: 'file', messageKey: 'events.errors.fileOrLink' });
  if (file && input.url) fields.push({ field: 'url', messageKey: 'events.errors.fileOrLinkOnly' });
}

async function storeChecked(ctx: EventsContext, file: UploadedFile | null, fields: FieldError[]) {
  if (!file) return null;
  const type = await checkReportFile(file);
  if ('field' in type) {
    fields.push(type);
    return null;
  }
  return type;
}

/** A new document with its first language version (a PDF/DOCX upload or an https link). */
export async function addDocument(
  ctx: EventsContext,
  idOrSlug: string,
  input: DocumentInput,
  file: UploadedFile | null,
) {
  const e = await managedEvent(ctx, idOrSlug);
  const fields: FieldError[] = [];
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind))
    fields.push({ field: 'kind', messageKey: 'validation.choice' });
  if (!input.title.trim()) fields.push({ field: 'title', messageKey: 'validation.required' });
  else if (input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  if (!isLocale(input.titleLanguage)) fields.push({ field: 'titleLanguage', messageKey: 'validation.choice' });
  checkVersion(input, file, fields);
  const type = await storeChecked(ctx, file, fields);
  if (fields.length) throw invalid(fields);
  const stored = file && type ? await storeFile(ctx.config.filesDir, file.data) : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const last = await tx
        .select({ sort: eventDocuments.sort })
        .from(eventDocuments)
        .where(eq(eventDocuments.eventId, e.id))
        .orderBy(desc(eventDocuments.sort))
        .limit(1);
      const version = {
        status: input.status as TranslationStatus,
        ...(input.url ? { url: input.url } : {}),
        ...(stored
          ? {
              file: {
                key: stored.key,
                name: file!.filename.slice(0, 200),
                contentType: type!.contentType,
                size: stored.size,
                sha256: stored.sha256,
              },
            }
          : {}),
      };
      const [d] = await tx
        .insert(eventDocuments)
        .values({
          eventId: e.id,
          kind: input.kind as DocumentKind,
          title: { [input.titleLanguage]: { text: input.title.trim(), status: 'original' } },
          versions: { [input.language]: version },
          sort: (last[0]?.sort ?? -1) + 1,
        })
        .returning();
      await recordAudit(tx, {
        action: 'event.document.added',
        actor: ctx.actor,
        targetType: 'event_document',
        targetId: d.id,
        ip: ctx.ip,
        details: { eventId: e.id, language: input.language, sha256: stored?.sha256 ?? null },
      });
      return d;
    });
  } catch (err) {
    if (stored) await removeStoredFile(ctx.config.filesDir, stored.key);
    throw err;
  }
}

/** Adds or replaces a language version of a document (and the title in that language, when given). */
export async function addDocumentVersion(
  ctx: EventsContext,
  idOrSlug: string,
  documentId: string,
  input: Pick<DocumentInput, 'language' | 'status' | 'url' | 'title'>,
  file: UploadedFile | null,
) {
  const e = await managedEvent(ctx, idOrSlug);
  if (!isUuid(documentId)) throw notFound();
  const doc = (
    await ctx.db
      .select()
      .from(eventDocuments)
      .where(and(eq(eventDocuments.id, documentId), eq(eventDocuments.eventId, e.id)))
      .limit(1)
  )[0];
  if (!doc) throw notFound();
  const fields: FieldError[] = [];
  if (input.title.length > 300)
    fields.push({ field: 'title', messageKey: 'validation.maxLength', values: { limit: 300 } });
  checkVersion(input, file, fields);
  const type = await storeChecked(ctx, file, fields);
  if (fields.length) throw invalid(fields);
  const lang = input.language as Locale;
  const stored = file && type ? await storeFile(ctx.config.filesDir, file.data) : null;
  const replaced = doc.versions[lang]?.file?.key;
  try {
    await ctx.db.transaction(async (tx) => {
      const version = {
        status: input.status as TranslationStatus,
        ...(input.url ? { url: input.url } : {}),
        ...(stored
          ? {
              file: {
                key: stored.key,
                name: file!.filename.slice(0, 200),
                contentType: type!.contentType,
                size: stored.size,
                sha256: stored.sha256,
              },
            }
          : {}),
      };
      const title = input.title.trim()
        ? { ...doc.title, [lang]: { text: input.title.trim(), status: input.status as TranslationStatus } }
        : doc.title;
      await tx
        .update(eventDocuments)
        .set({ versions: { ...doc.versions, [lang]: version }, title })
        .where(eq(eventDocuments.id, doc.id));
      await recordAudit(tx, {
        action: 'event.document.version',
        actor: ctx.actor,
        targetType: 'event_document',
        targetId: doc.id,
        ip: ctx.ip,
        details: { eventId: e.id, language: lang, sha256: stored?.sha256 ?? null },
      });
    });
  } catch (err) {
    if (stored) await removeStoredFile(ctx.config.filesDir, stored.key);
    throw err;
  }
  if (replaced) await removeStoredFile(ctx.config.filesDir, replaced);
}

/** The file of a document's language version, for anyone who may see the event. */
export async function documentFile(ctx: EventsContext, idOrSlug: string, documentId: string, lang: string) {
  const e = await findVisibleEvent(ctx, idOrSlug);
  if (!isUuid(documentId) || !isLocale(lang)) throw notFound();
  const doc = (
    await ctx.db
      .select()
      .from(eventDocuments)
      .where(and(eq(eventDocuments.id, documentId), eq(eventDocuments.eventId, e.id)))
      .limit(1)
  )[0];
  const f = doc?.versions[lang]?.file;
  if (!f) throw notFound();
  return { ...f, data: await readStoredFile(ctx.config.filesDir, f.key) };
}
