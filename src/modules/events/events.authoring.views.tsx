// Views of the secretariat's authoring pages: event form (every field, six languages with their status), programme
// (sessions, speakers, order, published versions), documents (language versions). Plain forms, no JavaScript.
import { AUTONYMS, LOCALES, type Locale, dateFormat } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  EmptyState,
  ErrorSummary,
  Field,
  FileField,
  FormPage,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { FRAMEWORK } from '../framework/data/framework.ts';
import { ORG_TYPES } from '../directory/directory.schema.ts';
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
  type ScheduleChange,
} from './events.schema.ts';
import { pick } from './shared/translate.ts';
import { formatRange, formatTime } from './shared/time.ts';
import type { EventRow } from './events.service.ts';
import type { FormValues } from './events.authoring.ts';
import { Checkboxes, MultiSelect } from './shared/views.tsx';

export { MultiSelect };

export interface OrgOption {
  id: string;
  name: string;
  type: string;
}
const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);
const plain = (ctx: ViewContext, f: Parameters<typeof pick>[0]) => pick(f, ctx.locale)?.text ?? '';

/** One translatable field: a text per language, each with its translation status. */
export function TranslatedFields({
  ctx,
  name,
  label,
  values,
  errors,
  long,
}: {
  ctx: ViewContext;
  name: string;
  label: string;
  values: FormValues;
  errors?: FormErrors;
  long?: boolean;
}) {
  const { t } = ctx;
  return (
    <fieldset class="translations">
      <legend>{label}</legend>
      <p class="hint">{t('events.authoring.translationsHint')}</p>
      {LOCALES.map((l) => (
        <div class="translation-row" lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
          {long ? (
            <TextArea
              name={`${name}_${l}`}
              label={`${label} — ${AUTONYMS[l]}`}
              value={one(values[`${name}_${l}`])}
              error={errors?.[`${name}_${l}`]}
              rows={4}
            />
          ) : (
            <Field
              name={`${name}_${l}`}
              label={`${label} — ${AUTONYMS[l]}`}
              value={one(values[`${name}_${l}`])}
              error={errors?.[`${name}_${l}`]}
              maxLength={300}
            />
          )}
          <Select
            name={`${name}_${l}_status`}
            label={`${t('events.authoring.status')} — ${AUTONYMS[l]}`}
            value={one(values[`${name}_${l}_status`]) || (l === 'en' && !values[`${name}_en`] ? 'original' : 'draft')}
            options={TRANSLATION_STATUSES.map((s) => ({ value: s, label: t(`events.translationStatus.${s}`) }))}
            error={errors?.[`${name}_${l}_status`]}
          />
        </div>
      ))}
    </fieldset>
  );
}

export function EventFormPage({
  ctx,
  action,
  values,
  errors,
  orgs,
  weeks,
  editing,
}: {
  ctx: ViewContext;
  action: string;
  values: FormValues;
  errors?: FormErrors;
  orgs: OrgOption[];
  weeks: { slug: string; title: string }[];
  editing: boolean;
}) {
  const { t } = ctx;
  const o = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const orgOptions = orgs.map((x) => ({ value: x.id, label: `${x.name} — ${t(`orgType.${x.type}`)}` }));
  return (
    <FormPage
      ctx={ctx}
      title={editing ? t('events.authoring.edit') : t('events.authoring.new')}
      action={action}
      errors={errors}
    >
      <Field
        name="slug"
        label={t('events.authoring.slug')}
        hint={t('events.authoring.slugHint')}
        value={one(values.slug)}
        error={errors?.slug}
        required
        maxLength={100}
        dirAuto={false}
      />
      <Select
        name="type"
        label={t('field.type')}
        value={one(values.type)}
        options={o(EVENT_TYPES, 'events.type')}
        error={errors?.type}
      />
      <Select
        name="status"
        label={t('events.statusLabel')}
        value={one(values.status) || 'draft'}
        options={o(EVENT_STATUSES, 'events.eventStatus')}
        error={errors?.status}
      />
      <Select
        name="parent"
        label={t('events.authoring.parent')}
        value={one(values.parent)}
        includeEmpty="—"
        options={weeks.map((w) => ({ value: w.slug, label: w.title }))}
        error={errors?.parent}
      />
      <TranslatedFields ctx={ctx} name="title" label={t('events.authoring.title')} values={values} errors={errors} />
      <TranslatedFields
        ctx={ctx}
        name="summary"
        label={t('events.authoring.summary')}
        values={values}
        errors={errors}
        long
      />
      <TranslatedFields
        ctx={ctx}
        name="description"
        label={t('events.authoring.description')}
        values={values}
        errors={errors}
        long
      />
      <MultiSelect
        name="organizers"
        label={t('events.authoring.organizers')}
        hint={t('events.authoring.multiHint')}
        options={orgOptions}
        values={many(values.organizers)}
        error={errors?.organizers}
      />
      <MultiSelect
        name="coOrganizers"
        label={t('events.authoring.coOrganizers')}
        hint={t('events.authoring.multiHint')}
        options={orgOptions}
        values={many(values.coOrganizers)}
        error={errors?.coOrganizers}
      />
      <Checkboxes
        name="pillars"
        legend={t('events.pillars')}
        options={FRAMEWORK.filter((f) => f.kind === 'pillar').map((f) => ({
          value: f.code,
          label: f.names[ctx.locale],
        }))}
        values={many(values.pillars)}
        error={errors?.pillars}
      />
      <MultiSelect
        name="themes"
        label={t('events.themes')}
        hint={t('events.authoring.multiHint')}
        options={FRAMEWORK.filter((f) => f.kind !== 'pillar').map((f) => ({
          value: f.code,
          label: f.names[ctx.locale],
        }))}
        values={many(values.themes)}
        error={errors?.themes}
      />
      <Select
        name="format"
        label={t('events.format')}
        value={one(values.format)}
        options={o(EVENT_FORMATS, 'events.formatValue')}
        error={errors?.format}
      />
      <Field name="venue" label={t('events.venue')} value={one(values.venue)} error={errors?.venue} maxLength={300} />
      <Field
        name="meetingUrl"
        type="url"
        label={t('events.meetingLink')}
        hint={t('events.authoring.meetingHint')}
        value={one(values.meetingUrl)}
        error={errors?.meetingUrl}
        maxLength={500}
        dirAuto={false}
      />
      <Field
        name="timeZone"
        label={t('events.authoring.timeZone')}
        hint={t('events.authoring.timeZoneHint')}
        value={one(values.timeZone) || 'America/New_York'}
        error={errors?.timeZone}
        required
        maxLength={64}
        dirAuto={false}
      />
      <Field
        name="startsAt"
        type="datetime-local"
        label={t('events.authoring.startsAt')}
        value={one(values.startsAt)}
        error={errors?.startsAt}
        required
        dirAuto={false}
      />
      <Field
        name="endsAt"
        type="datetime-local"
        label={t('events.authoring.endsAt')}
        value={one(values.endsAt)}
        error={errors?.endsAt}
        required
        dirAuto={false}
      />
      <Checkbox name="allDay" label={t('events.authoring.allDay')} checked={one(values.allDay) === 'on'} />
      <Select
        name="visibility"
        label={t('events.visibility')}
        value={one(values.visibility) || 'public'}
        options={o(EVENT_VISIBILITIES, 'events.visibilityValue')}
        error={errors?.visibility}
      />
      <Checkboxes
        name="openTo"
        legend={t('events.openTo')}
        options={o(ORG_TYPES, 'orgType')}
        values={many(values.openTo)}
        error={errors?.openTo}
      />
      <fieldset>
        <legend>{t('events.registration')}</legend>
        <Select
          name="registrationMode"
          label={t('events.authoring.registrationMode')}
          value={one(values.registrationMode) || 'closed'}
          options={o(REGISTRATION_MODES, 'events.registrationModeValue')}
          error={errors?.registrationMode}
        />
        <Field
          name="registrationOpensAt"
          type="datetime-local"
          label={t('events.authoring.opensAt')}
          value={one(values.registrationOpensAt)}
          error={errors?.registrationOpensAt}
          dirAuto={false}
        />
        <Field
          name="registrationClosesAt"
          type="datetime-local"
          label={t('events.authoring.closesAt')}
          value={one(values.registrationClosesAt)}
          error={errors?.registrationClosesAt}
          dirAuto={false}
        />
        <Field
          name="capacity"
          type="number"
          inputMode="numeric"
          label={t('events.authoring.capacity')}
          hint={t('events.authoring.capacityHint')}
          value={one(values.capacity)}
          error={errors?.capacity}
          dirAuto={false}
        />
        <Checkbox name="waitlist" label={t('events.authoring.waitlist')} checked={one(values.waitlist) === 'on'} />
        <Select
          name="participantList"
          label={t('events.authoring.participantList')}
          value={one(values.participantList) || 'organizers'}
          options={o(PARTICIPANT_LIST_VISIBILITIES, 'events.participantListValue')}
          error={errors?.participantList}
        />
        <Checkbox
          name="showCsoParticipants"
          label={t('events.authoring.showCso')}
          checked={one(values.showCsoParticipants) === 'on'}
        />
        <TextArea
          name="questions"
          label={t('events.authoring.questions')}
          hint={t('events.authoring.questionsHint')}
          value={one(values.questions)}
          error={errors?.questions}
          rows={4}
          maxLength={20000}
        />
      </fieldset>
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

/** The organizers' tools of an event, linked from its page. */
export function ManageLinks({ ctx, slug, type }: { ctx: ViewContext; slug: string; type: string }) {
  const { t } = ctx;
  const links: [string, string][] = [
    [`/events/${slug}/edit`, t('events.authoring.edit')],
    [`/events/${slug}/programme`, t('events.authoring.programme')],
    [`/events/${slug}/documents`, t('events.documents')],
    [`/events/${slug}/registrations`, t('events.manageRegistrations')],
    [`/events/${slug}/summary`, t('events.outputs.summary')],
    [`/events/${slug}/report`, t('events.outputs.report')],
    [`/events/${slug}/actions`, t('events.outputs.actions')],
  ];
  if (type === 'week') links.push([`/events/${slug}/side-events/proposals`, t('events.side.proposals')]);
  return (
    <nav class="manage-links" aria-label={t('events.authoring.tools')}>
      <ul>
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SessionFormPage({
  ctx,
  e,
  action,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  action: string;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.authoring.session')}
      action={action}
      errors={errors}
      intro={
        <p class="breadcrumb">
          <a href={`/events/${e.slug}/programme`}>{plain(ctx, e.title)}</a>
        </p>
      }
    >
      <Select
        name="kind"
        label={t('field.type')}
        value={one(values.kind)}
        options={SESSION_KINDS.map((k) => ({ value: k, label: t(`events.session.${k}`) }))}
        error={errors?.kind}
      />
      <TranslatedFields ctx={ctx} name="title" label={t('events.authoring.title')} values={values} errors={errors} />
      <p class="hint">{t('events.authoring.sessionTimesHint', { zone: e.timeZone })}</p>
      <Field
        name="startsAt"
        type="datetime-local"
        label={t('events.authoring.startsAt')}
        value={one(values.startsAt)}
        error={errors?.startsAt}
        dirAuto={false}
      />
      <Field
        name="endsAt"
        type="datetime-local"
        label={t('events.authoring.endsAt')}
        value={one(values.endsAt)}
        error={errors?.endsAt}
        dirAuto={false}
      />
      <Select
        name="pillar"
        label={t('events.pillar')}
        value={one(values.pillar)}
        includeEmpty="—"
        options={FRAMEWORK.filter((f) => f.kind === 'pillar').map((f) => ({
          value: f.code,
          label: f.names[ctx.locale],
        }))}
        error={errors?.pillar}
      />
      <Field
        name="chairName"
        label={t('events.authoring.chairName')}
        value={one(values.chairName)}
        error={errors?.chairName}
        maxLength={200}
      />
      <Select
        name="chairRole"
        label={t('events.authoring.chairRole')}
        value={one(values.chairRole)}
        includeEmpty="—"
        options={[
          { value: 'chair', label: t('events.chair') },
          { value: 'moderator', label: t('events.moderator') },
        ]}
        error={errors?.chairRole}
      />
      <Field
        name="room"
        label={t('events.authoring.room')}
        value={one(values.room)}
        error={errors?.room}
        maxLength={200}
      />
      <Field
        name="statementMinutes"
        type="number"
        inputMode="numeric"
        label={t('events.floor.minutesLabel')}
        value={one(values.statementMinutes) || '5'}
        error={errors?.statementMinutes}
        dirAuto={false}
      />
      <TextArea
        name="speakers"
        label={t('events.authoring.speakers')}
        hint={t('events.authoring.speakersHint')}
        value={one(values.speakers)}
        error={errors?.speakers}
        rows={6}
        maxLength={20000}
      />
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

export interface ProgrammeRow {
  id: string;
  kind: string;
  title: Parameters<typeof pick>[0];
  startsAt: Date | null;
  endsAt: Date | null;
  slots: { speakerName: string }[];
}
export interface VersionRow {
  number: number;
  publishedAt: Date;
  changes: ScheduleChange[];
  note: string | null;
}

export function Changelog({ ctx, v }: { ctx: ViewContext; v: VersionRow }) {
  const { t } = ctx;
  return (
    <>
      {v.note ? <p dir="auto">{v.note}</p> : null}
      <ul>
        {v.changes.map((c) => (
          <li>
            {t(`events.programmeChange.${c.change}`)}: <span dir="auto">{c.title}</span>
            {c.fields.length ? <> ({c.fields.map((f) => t(`events.programmeField.${f}`)).join(', ')})</> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ProgrammeManagePage({
  ctx,
  e,
  sessions,
  versions,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  sessions: ProgrammeRow[];
  versions: VersionRow[];
  errors?: FormErrors;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{plain(ctx, e.title)}</a>
      </p>
      <h1>{t('events.authoring.programme')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>
        <a class="button" href={`/events/${e.slug}/sessions/new`}>
          {t('events.authoring.addSession')}
        </a>
      </p>
      {sessions.length ? (
        <table>
          <caption class="visually-hidden">{t('events.programme')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.when')}</th>
              <th scope="col">{t('events.authoring.session')}</th>
              <th scope="col">{t('events.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr>
                <td>
                  {s.startsAt
                    ? s.endsAt
                      ? formatRange(locale, s.startsAt, s.endsAt, e.timeZone)
                      : formatTime(locale, s.startsAt, e.timeZone)
                    : '—'}
                </td>
                <td>
                  <span class="badge">{t(`events.session.${s.kind}`)}</span>{' '}
                  <span dir="auto">{plain(ctx, s.title)}</span>
                  {s.slots.length ? (
                    <span class="muted"> · {t('events.authoring.speakerCount', { count: s.slots.length })}</span>
                  ) : null}
                </td>
                <td>
                  <a href={`/events/${e.slug}/sessions/${s.id}/edit`}>{t('common.edit')}</a>
                  {' · '}
                  {s.kind === 'interactive_segment' ? (
                    <>
                      <a href={`/events/${e.slug}/sessions/${s.id}/speakers`}>{t('events.floor.title')}</a>
                      {' · '}
                    </>
                  ) : null}
                  <a href={`/events/${e.slug}/sessions/${s.id}/statements/new`}>{t('events.statements.add')}</a>
                  {i > 0 ? (
                    <PostForm ctx={ctx} action={`/events/${e.slug}/sessions/${s.id}/move`} class="inline">
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" class="link">
                        {t('events.floor.up')}
                      </button>
                    </PostForm>
                  ) : null}
                  {i < sessions.length - 1 ? (
                    <PostForm ctx={ctx} action={`/events/${e.slug}/sessions/${s.id}/move`} class="inline">
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit" class="link">
                        {t('events.floor.down')}
                      </button>
                    </PostForm>
                  ) : null}
                  <PostForm ctx={ctx} action={`/events/${e.slug}/sessions/${s.id}/delete`} class="inline">
                    <button type="submit" class="link">
                      {t('common.delete')}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.authoring.noSessions')}</EmptyState>
      )}
      <section aria-labelledby="publish">
        <h2 id="publish">{t('events.authoring.publishProgramme')}</h2>
        <p>
          {versions.length
            ? t('events.authoring.lastVersion', { number: versions[0].number })
            : t('events.authoring.noVersion')}
        </p>
        <PostForm ctx={ctx} action={`/events/${e.slug}/programme/publish`}>
          <TextArea
            name="note"
            label={t('events.authoring.versionNote')}
            rows={2}
            maxLength={1000}
            error={errors?.note}
          />
          <button type="submit">{t('events.authoring.publishProgramme')}</button>
        </PostForm>
      </section>
      {versions.length ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t('events.programmeVersions')}</h2>
          {versions.map((v) => (
            <>
              <h3>
                {t('events.programmeVersion', {
                  number: v.number,
                  date: dateFormat(locale, {
                    dateStyle: 'long',
                    timeStyle: 'short',
                    timeZone: ctx.timeZone || 'UTC',
                  }).format(v.publishedAt),
                })}
              </h3>
              <Changelog ctx={ctx} v={v} />
            </>
          ))}
        </section>
      ) : null}
    </section>
  );
}

export interface DocRow {
  id: string;
  kind: string;
  title: Parameters<typeof pick>[0];
  versions: Partial<Record<Locale, { url?: string; file?: { name: string; size: number }; status: string }>>;
}

function VersionFields({ ctx, values, errors }: { ctx: ViewContext; values: FormValues; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <>
      <Select
        name="language"
        label={t('events.authoring.versionLanguage')}
        value={one(values.language) || ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <Select
        name="status"
        label={t('events.authoring.status')}
        value={one(values.status) || 'original'}
        options={TRANSLATION_STATUSES.map((s) => ({ value: s, label: t(`events.translationStatus.${s}`) }))}
        error={errors?.status}
      />
      <FileField
        name="file"
        label={t('events.authoring.file')}
        hint={t('events.authoring.fileHint')}
        accept=".pdf,.docx"
        error={errors?.file}
      />
      <Field
        name="url"
        type="url"
        label={t('events.authoring.link')}
        value={one(values.url)}
        error={errors?.url}
        maxLength={500}
        dirAuto={false}
      />
    </>
  );
}

export function DocumentsManagePage({
  ctx,
  e,
  docs,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  docs: DocRow[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{plain(ctx, e.title)}</a>
      </p>
      <h1>{t('events.documents')}</h1>
      {docs.length ? (
        <ul class="documents">
          {docs.map((d) => (
            <li>
              <h2 class="h3" dir="auto">
                {plain(ctx, d.title)} <span class="muted">({t(`events.docKind.${d.kind}`)})</span>
              </h2>
              <ul class="plain">
                {(Object.keys(d.versions) as Locale[]).map((l) => {
                  const v = d.versions[l]!;
                  return (
                    <li>
                      {AUTONYMS[l]} — {t(`events.translationStatus.${v.status}`)}
                      {v.file ? (
                        <>
                          {' '}
                          — <a href={`/events/${e.slug}/documents/${d.id}/${l}`}>{v.file.name}</a>
                        </>
                      ) : null}
                      {v.url ? (
                        <>
                          {' '}
                          —{' '}
                          <a href={v.url} rel="noopener noreferrer">
                            {t('events.open')}
                          </a>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              <p>
                <a href={`/events/${e.slug}/documents/${d.id}/versions`}>{t('events.authoring.addVersion')}</a>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('events.authoring.noDocuments')}</EmptyState>
      )}
      <section aria-labelledby="new-document">
        <h2 id="new-document">{t('events.authoring.newDocument')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} />
        <PostForm ctx={ctx} action={`/events/${e.slug}/documents`} upload>
          <Select
            name="kind"
            label={t('field.type')}
            value={one(values.kind)}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`events.docKind.${k}`) }))}
            error={errors?.kind}
          />
          <Field
            name="title"
            label={t('events.authoring.title')}
            value={one(values.title)}
            error={errors?.title}
            maxLength={300}
          />
          <Select
            name="titleLanguage"
            label={t('events.authoring.titleLanguage')}
            value={one(values.titleLanguage) || ctx.locale}
            options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
            error={errors?.titleLanguage}
          />
          <VersionFields ctx={ctx} values={values} errors={errors} />
          <button type="submit">{t('events.authoring.addDocument')}</button>
        </PostForm>
      </section>
    </section>
  );
}

export function DocumentVersionFormPage({
  ctx,
  e,
  doc,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  doc: DocRow;
  values: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.authoring.addVersion')}
      action={`/events/${e.slug}/documents/${doc.id}/versions`}
      errors={errors}
      upload
      intro={
        <p class="breadcrumb">
          <a href={`/events/${e.slug}/documents`}>{plain(ctx, doc.title)}</a>
        </p>
      }
    >
      <Field
        name="title"
        label={t('events.authoring.titleInLanguage')}
        value={one(values.title)}
        error={errors?.title}
        maxLength={300}
      />
      <VersionFields ctx={ctx} values={values} errors={errors} />
      <button type="submit">{t('events.authoring.addVersion')}</button>
    </FormPage>
  );
}
