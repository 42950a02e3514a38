// Views of the secretariat's event form: every field, six languages with their status. A plain form, no JavaScript.
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

export interface OrgOption {
  id: string;
  name: string;
  type: string;
}
const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);

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
        options={o(EVENT_TYPES, 'events.type')}
        error={errors?.type}
      />
      {editing ? (
        <Select
          name="status"
          label={t('events.statusLabel')}
          value={one(values.status) || 'draft'}
          options={o(EVENT_STATUSES, 'events.eventStatus')}
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
        options={frameworkRecords()
          .filter((f) => f.kind === 'pillar')
          .map((f) => ({
            value: f.code,
            label: nameIn(f.names, ctx.locale),
          }))}
        values={many(values.pillars)}
        error={errors?.pillars}
      />
      <MultiSelect
        name="themes"
        label={t('events.themes')}
        hint={t('events.authoring.multiHint')}
        options={frameworkRecords()
          .filter((f) => f.kind !== 'pillar')
          .map((f) => ({
            value: f.code,
            label: nameIn(f.names, ctx.locale),
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
      <TimeZoneField
        ctx={ctx}
        label={t('events.authoring.timeZone')}
        hint={t('events.authoring.timeZoneHint')}
        value={one(values.timeZone) || 'America/New_York'}
        error={errors?.timeZone}
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
