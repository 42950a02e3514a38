// Secretariat authoring of events: every field, translations with their status, organizers, registration questions.
// Every write validates everything first (422 with every field's error) and then runs in one transaction with its
// audit entry.
import { isTimeZone } from '../../../platform/i18n/time.ts';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { AppError, conflict, invalid, type FieldError } from '../../../platform/http/errors.ts';
import { countryZone } from '../../../platform/i18n/zones.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { LOCALES, type Locale, dateFormat } from '../../../platform/i18n/index.ts';
import { isUuid, ORG_TYPES, type OrgType, countryNamedIn, findVisibleOrganizations } from '../../directory/index.ts';
import { frameworkRecords } from '../../framework/index.ts';
import {
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  PARTICIPANT_LIST_VISIBILITIES,
  REGISTRATION_MODES,
  eventOrganizers,
  events,
  type RegistrationQuestion,
} from '../events.schema.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import { authorizeManage, findVisibleEvent, type EventRow, type EventsContext } from '../shared/events.service.ts';
import { choice, endAfterStart, instant, many, one, type FormValues } from '../shared/forms.ts';
import { mailEventChange } from '../registration/updates.service.ts';
import {
  QUESTION_KINDS,
  type QuestionRow,
  type Step,
  emptyRow,
  hasQuestionRows,
  questionRows,
  stepOf,
  withQuestionRows,
} from './authoring.steps.ts';

import { textIn as text } from '../../../platform/i18n/text.ts';
import { textFromForm, textFormValues } from '../../../platform/i18n/text.ts';
import { reindexSearch } from '../../search/index.ts';
import { revisionsOf } from '../../publishing/index.ts';
import { EVENT_KIND, runEventStep, saveEventDraft } from '../publication/publication.service.ts';

export const SLUG = /^[a-z0-9][a-z0-9-]{2,99}$/;
/** Paths under /events that are not events. */
export const RESERVED = ['new', 'statements', 'series', 'calendar-ics'];
const QID = /^[a-z][a-z0-9_]{0,39}$/;

// ---------- registration questions ----------
// The API's list arrives as lines "id | text|choice|yes_no | required|optional | label | option; option" (parsed
// here); the form's editor as rows (parseQuestionRows).

export function parseQuestions(src: string, lang: Locale, fields: FieldError[]): RegistrationQuestion[] {
  const out: RegistrationQuestion[] = [];
  for (const [i, line] of src.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const [id = '', kind = '', req = '', label = '', opts = ''] = line.split('|').map((x) => x.trim());
    const bad = () =>
      fields.push({ field: 'questions', messageKey: 'events.errors.questionLine', values: { line: i + 1 } });
    if (
      !QID.test(id) ||
      !['text', 'choice', 'yes_no'].includes(kind) ||
      !['required', 'optional'].includes(req) ||
      !label ||
      label.length > 300
    ) {
      bad();
      continue;
    }
    if (out.some((q) => q.id === id)) {
      bad();
      continue;
    }
    const options =
      kind === 'choice'
        ? opts
            .split(';')
            .map((o) => o.trim())
            .filter(Boolean)
        : [];
    if (kind === 'choice' && options.length < 2) {
      bad();
      continue;
    }
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
  }
  if (out.length > 20) fields.push({ field: 'questions', messageKey: 'validation.maxItems', values: { limit: 20 } });
  return out;
}

/**
 * The questions from the editor's rows (see authoring.steps.ts): a row's errors are named by its fields
 * (q_label_2 …); a new row takes a free id (q1, q2 …), an existing one keeps its id (the answers are stored by it).
 */
export function parseQuestionRows(rows: QuestionRow[], lang: Locale, fields: FieldError[]): RegistrationQuestion[] {
  const out: RegistrationQuestion[] = [];
  const taken = new Set(rows.map((r) => r.id).filter(Boolean));
  let next = 1;
  const freeId = () => {
    while (taken.has(`q${next}`)) next++;
    taken.add(`q${next}`);
    return `q${next}`;
  };
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (emptyRow(r)) continue;
    const before = fields.length;
    const kind = choice(r.kind, QUESTION_KINDS, `q_kind_${i}`, fields);
    if (!r.label) fields.push({ field: `q_label_${i}`, messageKey: 'validation.required' });
    else if (r.label.length > 300)
      fields.push({ field: `q_label_${i}`, messageKey: 'validation.maxLength', values: { limit: 300 } });
    const options = [
      ...new Set(
        r.options
          .split(/\r?\n/)
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    ];
    if (kind === 'choice' && options.length < 2)
      fields.push({ field: `q_options_${i}`, messageKey: 'events.errors.choiceOptions' });
    if (options.some((o) => o.length > 100))
      fields.push({ field: `q_options_${i}`, messageKey: 'validation.maxLength', values: { limit: 100 } });
    if (r.id && (!QID.test(r.id) || seen.has(r.id)))
      fields.push({ field: `q_label_${i}`, messageKey: 'validation.choice' });
    if (fields.length > before) continue;
    const id = r.id || freeId();
    seen.add(id);
    out.push({
      id,
      kind,
      required: r.required,
      label: { [lang]: { text: r.label, status: 'original' } },
      ...(kind === 'choice'
        ? { options: options.map((o) => ({ value: o, label: { [lang]: { text: o, status: 'original' } } })) }
        : {}),
    });
  }
  if (out.length > 20) fields.push({ field: 'questions', messageKey: 'validation.maxItems', values: { limit: 20 } });
  return out;
}

/** The editor's rows of stored questions (their wording in one language). */
export const questionRowsOf = (qs: RegistrationQuestion[], locale: Locale): QuestionRow[] =>
  qs.map((q) => ({
    id: q.id,
    kind: q.kind,
    label: text(q.label, locale),
    options: (q.options ?? []).map((o) => text(o.label, locale)).join('\n'),
    required: q.required,
  }));

// ---------- events ----------

export interface ParsedEvent {
  row: Omit<typeof events.$inferInsert, 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>;
  organizers: { organizationId: string; role: 'organizer' | 'co_organizer' | 'partner' }[];
}

/**
 * Parses and checks the event form; throws 422 with every field's
 * error. Organization ids are checked against the directory.
 */
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
  const type = choice(one(v.type), EVENT_TYPES, 'type', fields);
  const status = choice(one(v.status) || 'draft', EVENT_STATUSES, 'status', fields);
  const format = choice(one(v.format), EVENT_FORMATS, 'format', fields);
  const visibility = choice(one(v.visibility) || 'public', EVENT_VISIBILITIES, 'visibility', fields);
  const registrationMode = choice(one(v.registrationMode) || 'closed', REGISTRATION_MODES, 'registrationMode', fields);
  const participantList = choice(
    one(v.participantList) || 'organizers',
    PARTICIPANT_LIST_VISIBILITIES,
    'participantList',
    fields,
  );
  const title = textFromForm(v, 'title', fields, { maxLength: 300, required: true });
  const summary = textFromForm(v, 'summary', fields, { maxLength: 2000, required: false });
  const description = textFromForm(v, 'description', fields, { maxLength: 20000, required: false });
  const timeZone = one(v.timeZone);
  if (!timeZone || !isTimeZone(timeZone) || (!timeZone.includes('/') && timeZone !== 'UTC'))
    fields.push({ field: 'timeZone', messageKey: 'events.errors.timeZone' });
  const allDay = one(v.allDay) === 'on';
  const startsAt = instant(v, 'startsAt', timeZone, fields, true);
  const endsAt = instant(v, 'endsAt', timeZone, fields, true);
  endAfterStart(v, { start: 'startsAt', end: 'endsAt' }, { start: startsAt, end: endsAt }, fields);
  const registrationOpensAt = instant(v, 'registrationOpensAt', timeZone, fields, false);
  const registrationClosesAt = instant(v, 'registrationClosesAt', timeZone, fields, false);
  endAfterStart(
    v,
    { start: 'registrationOpensAt', end: 'registrationClosesAt' },
    { start: registrationOpensAt, end: registrationClosesAt },
    fields,
  );
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
  const codes = new Set(frameworkRecords().map((f) => f.code));
  const pillars = many(v.pillars);
  const themes = many(v.themes);
  if (pillars.some((p) => !codes.has(p) || !p.startsWith('pillar-')))
    fields.push({ field: 'pillars', messageKey: 'validation.choice' });
  if (themes.some((p) => !codes.has(p))) fields.push({ field: 'themes', messageKey: 'validation.choice' });
  const originalLang = (LOCALES.find((l) => title[l]?.status === 'original') ?? 'en') as Locale;
  const questions = hasQuestionRows(v)
    ? parseQuestionRows(questionRows(v), originalLang, fields)
    : parseQuestions(one(v.questions), originalLang, fields);
  // organizers
  const organizerIds = many(v.organizers);
  const coIds = many(v.coOrganizers).filter((id) => !organizerIds.includes(id));
  if (!organizerIds.length) fields.push({ field: 'organizers', messageKey: 'events.errors.organizerRequired' });
  const allIds = [...organizerIds, ...coIds];
  if (allIds.some((id) => !isUuid(id))) fields.push({ field: 'organizers', messageKey: 'validation.choice' });
  else if (allIds.length) {
    const found = await findVisibleOrganizations(ctx.db, ctx.actor, allIds);
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
  const values: FormValues = {
    slug: e.slug,
    type: e.type,
    status: e.status,
    format: e.format,
    visibility: e.visibility,
    registrationMode: e.registrationMode,
    participantList: e.participantList,
    ...textFormValues('title', e.title),
    ...textFormValues('summary', e.summary),
    ...textFormValues('description', e.description),
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
    parent: parent ?? '',
    organizers: orgs.filter((o) => o.role === 'organizer').map((o) => o.organizationId),
    coOrganizers: orgs.filter((o) => o.role !== 'organizer').map((o) => o.organizationId),
  };
  return withQuestionRows(values, questionRowsOf(e.questions, 'en'));
}

/**
 * The errors of one step of the event form (the whole form is checked, and only the step's fields are kept: a later
 * step's empty fields do not stop an earlier one).
 */
export async function stepErrors(
  ctx: EventsContext,
  v: FormValues,
  step: Step | null,
  currentId: string | null,
): Promise<FieldError[]> {
  try {
    await parseEvent(ctx, v, currentId);
    return [];
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 422) throw e;
    return step ? e.fields.filter((f) => stepOf(f.field) === step) : e.fields;
  }
}

/**
 * The zone suggested for an event from its venue: the zone of the country the venue names (a Member State's name in
 * any language), or null.
 */
export async function venueZone(ctx: EventsContext, venue: string, locale: Locale) {
  const country = venue.trim() ? await countryNamedIn(ctx.db, venue, locale) : null;
  const zone = countryZone(country?.iso2);
  return zone && country ? { zone, country: country.name } : null;
}

/** Label translations of questions (and their options) whose text in the edited language is unchanged are kept. */
export function keepQuestionTranslations(
  before: RegistrationQuestion[],
  after: RegistrationQuestion[],
): RegistrationQuestion[] {
  const same = (a: TranslatableText, b: TranslatableText) =>
    LOCALES.some((l) => b[l]?.text && a[l]?.text === b[l]!.text);
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
    // Its public text: the first draft of its revisions (nothing is public before two people signed it).
    await saveEventDraft(ctx, tx, e);
    await reindexSearch(tx, 'event', [e.id]);
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
    // A change of time, place or status raised the SEQUENCE (trigger): registrants get the new .ics.
    const mailed = await mailEventChange(tx, ctx.config, current, e);
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
      details: { changed, sequence: e.sequence, mailed },
    });
    // A change of its public text is a new draft: readers keep the signed text until the next one is published.
    await saveEventDraft(ctx, tx, e);
    await reindexSearch(tx, 'event', [e.id]);
    return e;
  });
}

/**
 * Publishes the event's approved revision (the last step of the two-signature workflow, publication.service.ts): the
 * event's text goes out as signed, and a draft event becomes published (listed, open to registration). A revision not
 * yet submitted and approved by a second person: 409.
 */
export async function publishEvent(ctx: EventsContext, idOrSlug: string): Promise<EventRow> {
  const current = await findVisibleEvent(ctx, idOrSlug);
  await authorizeManage(ctx, current.id);
  const [latest] = await revisionsOf(ctx.db, { kind: EVENT_KIND, id: current.id });
  if (!latest || latest.state !== 'approved') throw conflict('events.errors.notApproved');
  await runEventStep(ctx, current.id, 'publish', { revisionId: latest.id, sha256: latest.sha256 });
  return findVisibleEvent(ctx, current.id);
}

/** The umbrella weeks an event can belong to, by date, titled in a language (a choice of the event form). */
export async function weekOptions(db: Db, locale: Locale) {
  return (
    await db
      .select({ slug: events.slug, title: events.title })
      .from(events)
      .where(eq(events.type, 'week'))
      .orderBy(asc(events.startsAt))
  ).map((w) => ({ slug: w.slug, title: text(w.title, locale) }));
}
