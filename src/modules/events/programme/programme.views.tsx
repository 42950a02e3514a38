// Views of the programme: the public programme of the event page, the organizers' programme page (sessions, order,
// publishing a version, the versions' changelogs) and the session form.
import { dateFormat, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb, ListTable } from '../../../platform/views/lists.tsx';
import {
  ErrorSummary,
  Field,
  FormPage,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { frameworkName, frameworkRecords } from '../../framework/index.ts';
import { SESSION_KINDS, type ScheduleChange } from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import type { FormValues } from '../shared/forms.ts';
import { formatDay, formatRange, formatTime, localDay } from '../shared/time.ts';
import { pick } from '../../../platform/i18n/text.ts';
import { TextFields, Text } from '../../../platform/i18n/text.views.tsx';
import type { ProgrammeSession } from './programme.service.ts';

const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const plain = (ctx: ViewContext, f: Parameters<typeof pick>[0]) => pick(f, ctx.locale)?.text ?? '';

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
      intro={<Breadcrumb links={[{ href: `/events/${e.slug}/programme`, label: plain(ctx, e.title) }]} />}
    >
      <Select
        name="kind"
        label={t('field.type')}
        value={one(values.kind)}
        options={SESSION_KINDS.map((k) => ({ value: k, label: t(`events.session.${k}`) }))}
        error={errors?.kind}
      />
      <TextFields ctx={ctx} name="title" label={t('events.authoring.title')} values={values} errors={errors} />
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
        options={frameworkRecords()
          .filter((f) => f.kind === 'pillar')
          .map((f) => ({
            value: f.code,
            label: nameIn(f.names, ctx.locale),
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

/** "Programme, version 3 (March 1, 2031 at 10:00 AM)", the time in the reader's zone. */
export const versionTitle = (ctx: ViewContext, v: VersionRow) =>
  ctx.t('events.programmeVersion', {
    number: v.number,
    date: dateFormat(ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: ctx.timeZone || 'UTC' }).format(
      v.publishedAt,
    ),
  });

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
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <h1>{t('events.authoring.programme')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>
        <a class="button" href={`/events/${e.slug}/sessions/new`}>
          {t('events.authoring.addSession')}
        </a>
      </p>
      <ListTable
        caption={t('events.programme')}
        rows={sessions.map((s, i) => ({ s, i }))}
        empty={t('events.authoring.noSessions')}
        columns={[
          {
            label: t('events.when'),
            cell: ({ s }) =>
              s.startsAt
                ? s.endsAt
                  ? formatRange(locale, s.startsAt, s.endsAt, e.timeZone)
                  : formatTime(locale, s.startsAt, e.timeZone)
                : '—',
          },
          {
            label: t('events.authoring.session'),
            cell: ({ s }) => (
              <>
                <span class="badge">{t(`events.session.${s.kind}`)}</span> <span dir="auto">{plain(ctx, s.title)}</span>
                {s.slots.length ? (
                  <span class="muted"> · {t('events.authoring.speakerCount', { count: s.slots.length })}</span>
                ) : null}
              </>
            ),
          },
          {
            label: t('events.actions'),
            cell: ({ s, i }) => (
              <div class="row-actions">
                <a href={`/events/${e.slug}/sessions/${s.id}/edit`}>{t('common.edit')}</a>
                {s.kind === 'interactive_segment' ? (
                  <a href={`/events/${e.slug}/sessions/${s.id}/speakers`}>{t('events.floor.title')}</a>
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
                <a class="danger" href={`/events/${e.slug}/sessions/${s.id}/delete`}>
                  {t('common.delete')}
                </a>
              </div>
            ),
          },
        ]}
      />
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
              <h3>{versionTitle(ctx, v)}</h3>
              <Changelog ctx={ctx} v={v} />
            </>
          ))}
        </section>
      ) : null}
    </section>
  );
}

/** The programme on the event page, day by day. */
export function Programme({ ctx, e, sessions }: { ctx: ViewContext; e: EventRow; sessions: ProgrammeSession[] }) {
  const { t, locale } = ctx;
  if (!sessions.length) return null;
  const days = new Map<string, ProgrammeSession[]>();
  for (const s of sessions) {
    const key = s.startsAt
      ? localDay(s.startsAt, e.timeZone)
      : e.allDay || !e.startsAt
        ? ''
        : localDay(e.startsAt, e.timeZone);
    days.set(key, [...(days.get(key) ?? []), s]);
  }
  return (
    <section aria-labelledby="programme">
      <h2 id="programme">{t('events.programme')}</h2>
      {[...days].map(([day, list]) => (
        <>
          {day ? <h3>{formatDay(locale, list[0].startsAt ?? e.startsAt, e.timeZone)}</h3> : null}
          <ol class="programme">
            {list.map((s) => (
              <li>
                <p>
                  {s.startsAt ? (
                    <strong>
                      {formatTime(locale, s.startsAt, e.timeZone)}
                      {s.endsAt ? `–${formatTime(locale, s.endsAt, e.timeZone)}` : ''}{' '}
                    </strong>
                  ) : null}
                  <span class="badge">{t(`events.session.${s.kind}`)}</span>{' '}
                  <Text ctx={ctx} value={s.title} note={false} />
                </p>
                {s.chairName || s.chairRole ? (
                  <p class="muted">
                    {t(s.chairRole === 'moderator' ? 'events.moderator' : 'events.chair')}:{' '}
                    {s.chairName ?? t('events.notAnnounced')}
                  </p>
                ) : null}
                {s.pillar ? <p class="muted">{frameworkName(s.pillar, locale)}</p> : null}
                <p class="session-links">
                  <a href={`/events/${e.slug}/sessions/${s.id}/calendar.ics`} type="text/calendar">
                    {t('events.sessionCalendar')}
                  </a>
                  {s.kind === 'interactive_segment' ? (
                    <>
                      {' '}
                      · <a href={`/events/${e.slug}/sessions/${s.id}/speakers`}>{t('events.floor.title')}</a>
                    </>
                  ) : null}
                </p>
                {s.slots.length ? (
                  <ul class="plain">
                    {s.slots.map((x) => (
                      <li>
                        {x.startsAt ? `${formatTime(locale, x.startsAt, e.timeZone)} ` : ''}
                        {t(`events.slotRole.${x.role}`)}: <span dir="auto">{x.speakerName}</span>
                        {x.affiliation ? (
                          <span class="muted" dir="auto">
                            , {x.affiliation}
                          </span>
                        ) : null}
                        {x.minutes ? <span class="muted"> ({t('events.minutes', { count: x.minutes })})</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ))}
    </section>
  );
}
