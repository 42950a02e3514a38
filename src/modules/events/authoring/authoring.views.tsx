// Views of the secretariat's event form, in steps (basics, place, dates, organizers and topics, registration and its
// questions) and a check-your-answers page that saves. Every page posts every answer (hidden fields carry the other
// steps'); the searchable pickers and the browser's time zone are JavaScript's additions, never needed.
import { nameIn } from '../../../platform/i18n/index.ts';
import {
  type FormErrors,
  Checkbox,
  Checkboxes,
  Field,
  FormPage,
  Select,
  TextArea,
  MultiSelect,
  TimeZoneField,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { ORG_TYPES } from '../../directory/index.ts';
import { frameworkRecords } from '../../framework/index.ts';
import {
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  PARTICIPANT_LIST_VISIBILITIES,
  REGISTRATION_MODES,
} from '../events.schema.ts';
import type { FormValues } from '../shared/forms.ts';
import { TextFields } from '../../../platform/i18n/text.views.tsx';
import { LOCALES, AUTONYMS } from '../../../platform/i18n/index.ts';
import { ManageMenu } from '../shared/views.tsx';
import { QUESTION_KINDS, STEPS, type Step, carried, questionRows, emptyRow, stepOf } from './authoring.steps.ts';

export interface OrgOption {
  id: string;
  name: string;
  type: string;
}
const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);

/** What every page of the form knows: where it posts, and the choices it offers. */
export interface EventFormProps {
  ctx: ViewContext;
  /** The event being edited (its slug as stored), or null for a new one. */
  editing: string | null;
  values: FormValues;
  errors?: FormErrors;
  orgs: OrgOption[];
  weeks: { slug: string; title: string }[];
  /** Whether the person has seen the check-your-answers page (a step then returns to it). */
  review: boolean;
}

const stepsAction = (editing: string | null) => (editing ? `/events/${editing}/edit/steps` : '/events/new');
const saveAction = (editing: string | null) => (editing ? `/events/${editing}/edit` : '/events');
const formTitle = (ctx: ViewContext, editing: string | null) =>
  editing ? ctx.t('events.authoring.edit') : ctx.t('events.authoring.new');

function Hidden({ pairs }: { pairs: [string, string][] }) {
  return (
    <>
      {pairs.map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** One step of the event form: its fields, the other answers carried, Continue and Back. */
export function EventStepPage(
  p: EventFormProps & { step: Step; zoneSuggestion: { zone: string; country: string } | null; zoneAsked: boolean },
) {
  const { ctx, step, values, errors, editing, review } = p;
  const { t } = ctx;
  const n = STEPS.indexOf(step);
  return (
    <>
      {editing ? <ManageMenu ctx={ctx} slug={editing} current="edit" week={one(values.type) === 'week'} /> : null}
      <FormPage
        ctx={ctx}
        title={`${formTitle(ctx, editing)}: ${t(`events.steps.${step}`)}`}
        action={stepsAction(editing)}
        errors={errors}
        intro={<p class="step-count muted">{t('events.steps.count', { number: n + 1, total: STEPS.length })}</p>}
      >
        {/* Enter in a field continues (the first button of the form is the default one). */}
        <button type="submit" name="_go" value="next" hidden>
          {t('events.steps.continue')}
        </button>
        <input type="hidden" name="_step" value={step} />
        {review ? <input type="hidden" name="_review" value="1" /> : null}
        <Hidden pairs={carried(values, step)} />
        {/* Called, not rendered as components: the error summary reads the fields' labels from these elements. */}
        {step === 'basics' ? BasicsStep(p) : null}
        {step === 'place' ? PlaceStep(p) : null}
        {step === 'dates' ? DatesStep(p) : null}
        {step === 'organizers' ? OrganizersStep(p) : null}
        {step === 'registration' ? RegistrationStep(p) : null}
        <div class="form-buttons">
          <button type="submit" name="_go" value="next">
            {review || n === STEPS.length - 1 ? t('events.steps.toCheck') : t('events.steps.continue')}
          </button>
          {n > 0 ? (
            <button type="submit" name="_go" value="back" class="secondary">
              {t('events.steps.back')}
            </button>
          ) : null}
        </div>
      </FormPage>
    </>
  );
}

const options = (ctx: ViewContext, list: readonly string[], prefix: string) =>
  list.map((v) => ({ value: v, label: ctx.t(`${prefix}.${v}`) }));

function BasicsStep({ ctx, values, errors, editing, weeks }: EventFormProps) {
  const { t } = ctx;
  return (
    <>
      <Field
        name="slug"
        label={t('events.authoring.slug')}
        hint={t('events.authoring.slugHint', { example: '2026-roundtable-youth' })}
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
        options={options(ctx, EVENT_TYPES, 'events.type')}
        error={errors?.type}
      />
      {editing ? (
        <Select
          name="status"
          label={t('events.statusLabel')}
          value={one(values.status) || 'draft'}
          options={options(ctx, EVENT_STATUSES, 'events.eventStatus')}
          error={errors?.status}
        />
      ) : (
        <p class="notice" role="note">
          {t('events.authoring.savedAsDraft')}
        </p>
      )}
      <Select
        name="parent"
        label={t('events.authoring.parent')}
        value={one(values.parent)}
        includeEmpty="—"
        options={weeks.map((w) => ({ value: w.slug, label: w.title }))}
        error={errors?.parent}
      />
      <TextFields ctx={ctx} name="title" label={t('events.authoring.title')} values={values} errors={errors} />
      <TextFields ctx={ctx} name="summary" label={t('events.authoring.summary')} values={values} errors={errors} long />
      <TextFields
        ctx={ctx}
        name="description"
        label={t('events.authoring.description')}
        values={values}
        errors={errors}
        long
      />
    </>
  );
}

function PlaceStep({ ctx, values, errors }: EventFormProps) {
  const { t } = ctx;
  return (
    <>
      <Select
        name="format"
        label={t('events.format')}
        value={one(values.format)}
        options={options(ctx, EVENT_FORMATS, 'events.formatValue')}
        error={errors?.format}
      />
      <Field
        name="venue"
        label={t('events.venue')}
        hint={t('events.steps.venueHint')}
        value={one(values.venue)}
        error={errors?.venue}
        maxLength={300}
      />
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
    </>
  );
}

function DatesStep({
  ctx,
  values,
  errors,
  zoneSuggestion,
  zoneAsked,
}: EventFormProps & { zoneSuggestion: { zone: string; country: string } | null; zoneAsked: boolean }) {
  const { t } = ctx;
  // A zone not chosen yet is suggested: the venue's country's, else (with JavaScript) the browser's, else UTC.
  const zone = one(values.timeZone) || zoneSuggestion?.zone || 'UTC';
  const hint = zoneAsked
    ? t('events.authoring.timeZoneHint')
    : zoneSuggestion
      ? t('events.steps.zoneFromVenue', { country: zoneSuggestion.country })
      : t('events.steps.zoneNoVenue');
  return (
    <>
      <TimeZoneField
        ctx={ctx}
        label={t('events.authoring.timeZone')}
        hint={hint}
        value={zone}
        error={errors?.timeZone}
        suggestBrowser={!zoneAsked && !zoneSuggestion}
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
    </>
  );
}

function OrganizersStep({ ctx, values, errors, orgs }: EventFormProps) {
  const { t } = ctx;
  const orgOptions = orgs.map((x) => ({ value: x.id, label: `${x.name} — ${t(`orgType.${x.type}`)}` }));
  const filter = {
    search: t('events.steps.filterOrganizations'),
    matches: t('events.steps.shown', { number: '%N%' }),
    chosen: t('events.steps.chosen', { number: '%N%' }),
    hint: t('events.steps.pickerHint'),
  };
  return (
    <>
      <MultiSelect
        name="organizers"
        label={t('events.authoring.organizers')}
        hint={t('events.authoring.multiHint')}
        options={orgOptions}
        values={many(values.organizers)}
        error={errors?.organizers}
        filter={filter}
      />
      <MultiSelect
        name="coOrganizers"
        label={t('events.authoring.coOrganizers')}
        hint={t('events.authoring.multiHint')}
        options={orgOptions}
        values={many(values.coOrganizers)}
        error={errors?.coOrganizers}
        filter={filter}
      />
      <Checkboxes
        name="pillars"
        legend={t('events.pillars')}
        options={frameworkRecords()
          .filter((f) => f.kind === 'pillar')
          .map((f) => ({ value: f.code, label: nameIn(f.names, ctx.locale) }))}
        values={many(values.pillars)}
        error={errors?.pillars}
      />
      <MultiSelect
        name="themes"
        label={t('events.themes')}
        hint={t('events.authoring.multiHint')}
        options={frameworkRecords()
          .filter((f) => f.kind !== 'pillar')
          .map((f) => ({ value: f.code, label: nameIn(f.names, ctx.locale) }))}
        values={many(values.themes)}
        error={errors?.themes}
        filter={{ ...filter, search: t('events.steps.filterThemes') }}
      />
    </>
  );
}

function RegistrationStep({ ctx, values, errors }: EventFormProps) {
  const { t } = ctx;
  const rows = questionRows(values);
  return (
    <>
      <Select
        name="visibility"
        label={t('events.visibility')}
        value={one(values.visibility) || 'public'}
        options={options(ctx, EVENT_VISIBILITIES, 'events.visibilityValue')}
        error={errors?.visibility}
      />
      <Checkboxes
        name="openTo"
        legend={t('events.openTo')}
        options={options(ctx, ORG_TYPES, 'orgType')}
        values={many(values.openTo)}
        error={errors?.openTo}
      />
      <Select
        name="registrationMode"
        label={t('events.authoring.registrationMode')}
        value={one(values.registrationMode) || 'closed'}
        options={options(ctx, REGISTRATION_MODES, 'events.registrationModeValue')}
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
        options={options(ctx, PARTICIPANT_LIST_VISIBILITIES, 'events.participantListValue')}
        error={errors?.participantList}
      />
      <Checkbox
        name="showCsoParticipants"
        label={t('events.authoring.showCso')}
        checked={one(values.showCsoParticipants) === 'on'}
      />
      <fieldset id="questions">
        <legend>{t('events.authoring.questions')}</legend>
        <p class="hint">{t('events.questions.intro')}</p>
        {errors?.questions ? <p class="error">{errors.questions}</p> : null}
        {rows.map((r, i) => (
          <fieldset class="question-row" id={`question-${i + 1}`}>
            <legend>{t('events.questions.number', { number: i + 1 })}</legend>
            <input type="hidden" name={`q_id_${i}`} value={r.id} />
            <Field
              name={`q_label_${i}`}
              label={t('events.questions.label', { number: i + 1 })}
              value={r.label}
              error={errors?.[`q_label_${i}`]}
              maxLength={300}
            />
            <Select
              name={`q_kind_${i}`}
              label={t('events.questions.kind', { number: i + 1 })}
              value={r.kind || 'text'}
              options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`events.questions.kinds.${k}`) }))}
              error={errors?.[`q_kind_${i}`]}
            />
            <TextArea
              name={`q_options_${i}`}
              label={t('events.questions.options', { number: i + 1 })}
              hint={t('events.questions.optionsHint')}
              value={r.options}
              error={errors?.[`q_options_${i}`]}
              rows={3}
              maxLength={5000}
            />
            <Checkbox
              name={`q_required_${i}`}
              label={t('events.questions.required', { number: i + 1 })}
              checked={r.required}
            />
            <button type="submit" name="_go" value={`remove-${i}`} class="secondary">
              {t('events.questions.remove', { number: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="submit" name="_go" value="add" class="secondary">
          {t('events.questions.add')}
        </button>
      </fieldset>
    </>
  );
}

/** Every answer, step by step, each step with its "Change" button; the final button saves. */
export function CheckAnswersPage(p: EventFormProps & { names: Record<string, string> }) {
  const { ctx, values, errors, editing, orgs, weeks, names } = p;
  const { t } = ctx;
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const code = (c: string) => names[c] ?? c;
  const yes = (v: FormValues[string]) => (one(v) === 'on' ? t('common.yes') : t('common.no'));
  const none = <span class="muted">{t('events.steps.none')}</span>;
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : none);
  const plain = (v: FormValues[string]) => one(v) || none;
  const time = (v: FormValues[string]) => (one(v) ? one(v).replace('T', ' ') : none);
  const texts = (name: string) => {
    const shown = LOCALES.filter((l) => one(values[`${name}_${l}`]));
    return shown.length
      ? shown.map((l) => (
          <p lang={l}>
            <bdi>{AUTONYMS[l]}</bdi>: <bdi>{one(values[`${name}_${l}`])}</bdi>{' '}
            <span class="muted">({t(`text.status.${one(values[`${name}_${l}_status`]) || 'original'}`)})</span>
          </p>
        ))
      : none;
  };
  const label = (prefix: string, v: FormValues[string], fallback = '') =>
    one(v) || fallback ? t(`${prefix}.${one(v) || fallback}`) : none;
  const rows = questionRows(values).filter((r) => !emptyRow(r));
  const sections: Record<Step, [string, unknown][]> = {
    basics: [
      [t('events.authoring.slug'), plain(values.slug)],
      [t('field.type'), label('events.type', values.type)],
      [t('events.statusLabel'), label('events.eventStatus', values.status, 'draft')],
      [t('events.authoring.parent'), weeks.find((w) => w.slug === one(values.parent))?.title ?? none],
      [t('events.authoring.title'), texts('title')],
      [t('events.authoring.summary'), texts('summary')],
      [t('events.authoring.description'), texts('description')],
    ],
    place: [
      [t('events.format'), label('events.formatValue', values.format)],
      [t('events.venue'), plain(values.venue)],
      [t('events.meetingLink'), plain(values.meetingUrl)],
    ],
    dates: [
      [t('events.authoring.timeZone'), plain(values.timeZone)],
      [t('events.authoring.startsAt'), time(values.startsAt)],
      [t('events.authoring.endsAt'), time(values.endsAt)],
      [t('events.authoring.allDay'), yes(values.allDay)],
    ],
    organizers: [
      [t('events.authoring.organizers'), list(many(values.organizers).map(orgName))],
      [t('events.authoring.coOrganizers'), list(many(values.coOrganizers).map(orgName))],
      [t('events.pillars'), list(many(values.pillars).map(code))],
      [t('events.themes'), list(many(values.themes).map(code))],
    ],
    registration: [
      [t('events.visibility'), label('events.visibilityValue', values.visibility, 'public')],
      [t('events.openTo'), list(many(values.openTo).map((o) => t(`orgType.${o}`)))],
      [
        t('events.authoring.registrationMode'),
        label('events.registrationModeValue', values.registrationMode, 'closed'),
      ],
      [t('events.authoring.opensAt'), time(values.registrationOpensAt)],
      [t('events.authoring.closesAt'), time(values.registrationClosesAt)],
      [t('events.authoring.capacity'), plain(values.capacity)],
      [t('events.authoring.waitlist'), yes(values.waitlist)],
      [
        t('events.authoring.participantList'),
        label('events.participantListValue', values.participantList, 'organizers'),
      ],
      [t('events.authoring.showCso'), yes(values.showCsoParticipants)],
      [
        t('events.authoring.questions'),
        rows.length ? (
          <ol>
            {rows.map((r) => (
              <li>
                <bdi>{r.label}</bdi> — {t(`events.questions.kinds.${r.kind}`)}
                {r.required ? ` — ${t('events.questions.isRequired')}` : ''}
                {r.kind === 'choice' ? (
                  <>
                    {': '}
                    <bdi>
                      {r.options
                        .split(/\r?\n/)
                        .map((o) => o.trim())
                        .filter(Boolean)
                        .join(' · ')}
                    </bdi>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          none
        ),
      ],
    ],
  };
  return (
    <>
      {editing ? <ManageMenu ctx={ctx} slug={editing} current="edit" week={one(values.type) === 'week'} /> : null}
      <FormPage
        ctx={ctx}
        title={`${formTitle(ctx, editing)}: ${t('events.steps.check')}`}
        action={saveAction(editing)}
        errors={errors}
        intro={<p>{t(editing ? 'events.steps.checkIntroEdit' : 'events.steps.checkIntro')}</p>}
      >
        {/* Enter saves (the first button of the form is the default one). */}
        <button type="submit" hidden>
          {editing ? t('common.save') : t('events.steps.create')}
        </button>
        <input type="hidden" name="_review" value="1" />
        <Hidden pairs={carried(values, null)} />
        <div class="answers">
          {STEPS.map((s) => (
            <section aria-labelledby={`answers-${s}`}>
              <h2 id={`answers-${s}`}>{t(`events.steps.${s}`)}</h2>
              {Object.entries(errors ?? {})
                .filter(([f]) => stepOf(f) === s)
                .map(([f, message]) => (
                  <p class="error" id={`f-${f}`}>
                    {message}
                  </p>
                ))}
              <dl class="facts">
                {sections[s].map(([k, v]) => (
                  <>
                    <dt>{k}</dt>
                    <dd>{v as string}</dd>
                  </>
                ))}
              </dl>
              <button type="submit" name="_go" value={`step-${s}`} formAction={stepsAction(editing)} class="secondary">
                {t('events.steps.change')} <span class="visually-hidden">{t(`events.steps.${s}`)}</span>
              </button>
            </section>
          ))}
        </div>
        <div class="form-buttons">
          <button type="submit">{editing ? t('common.save') : t('events.steps.create')}</button>
        </div>
      </FormPage>
    </>
  );
}
