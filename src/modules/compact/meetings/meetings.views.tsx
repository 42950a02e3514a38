// Pages of meetings and minutes: the list, a meeting (details, agenda, invitees, attendance, minutes, comments), and
// the forms (meeting or series, agenda item, minutes in six languages).
import type { ComponentChildren } from 'preact';
import { CONFIRMED_FIELD, CONFIRMED_VALUE } from '../../../platform/views/confirm.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import {
  EmptyState,
  ErrorSummary,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import { dateFormat, type Locale } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import type { AgendaItem, Invitee, Meeting, MeetingRow, OpenAction } from './meetings.service.ts';
import type { PersonMatch } from '../../directory/index.ts';
import type { Minutes, MinutesComment } from '../minutes/minutes.service.ts';

type Values = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

export const when = (locale: Locale, m: { startsAt: Date; endsAt: Date; timeZone: string }) => {
  const f = dateFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: m.timeZone });
  return `${f.formatRange(m.startsAt, m.endsAt)} (${m.timeZone})`;
};

const DemoBadge = ({ ctx, on }: { ctx: ViewContext; on: boolean }) =>
  on ? <span class="badge demo">{ctx.t('meetings.demo')}</span> : null;
const CancelledBadge = ({ ctx, on }: { ctx: ViewContext; on: boolean }) =>
  on ? <span class="badge badge-warning">{ctx.t('meetings.status.cancelled')}</span> : null;

/** A match of the people picker: the directory's person, marked when already invited. */
export type PickerMatch = PersonMatch & { invited: boolean };

export function MeetingsListPage(p: {
  ctx: ViewContext;
  rows: MeetingRow[];
  total: number;
  page: number;
  pageSize: number;
  when: 'upcoming' | 'past';
  bodyId: string;
  bodies: { id: string; name: string }[];
  canCreate: boolean;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const bodyName = new Map(p.bodies.map((b) => [b.id, b.name]));
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      {p.canCreate ? (
        <p>
          <a class="button" href="/compact/meetings/new">
            {t('meetings.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/compact/meetings" class="filters">
        <Select
          name="body"
          label={t('meetings.body')}
          value={p.bodyId}
          includeEmpty={t('meetings.allBodies')}
          options={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select
          name="when"
          label={t('meetings.when')}
          value={p.when}
          options={[
            { value: 'upcoming', label: t('meetings.upcoming') },
            { value: 'past', label: t('meetings.past') },
          ]}
        />
        <button type="submit">{t('meetings.filter')}</button>
      </form>
      {p.rows.length === 0 ? (
        <EmptyState>{t(p.when === 'past' ? 'meetings.emptyPast' : 'meetings.emptyUpcoming')}</EmptyState>
      ) : (
        <ul class="cards">
          {p.rows.map((m) => (
            <li>
              {/* The whole card is the link (the cards' style makes the link fill it). */}
              <a href={`/compact/meetings/${m.id}`}>
                <strong>
                  <Text ctx={ctx} value={m.title} />
                </strong>
                <span>{when(ctx.locale, m)}</span>
                <span>
                  {bodyName.get(m.bodyId) ?? ''} · {t(`meetings.format.${m.format}`)}
                </span>
                <CancelledBadge ctx={ctx} on={m.status === 'cancelled'} />
                <DemoBadge ctx={ctx} on={m.isDemo} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        baseQuery={{ body: p.bodyId, when: p.when }}
      />
    </>
  );
}

const Section = ({ id, title, children }: { id: string; title: string; children: ComponentChildren }) => (
  <section id={id} aria-labelledby={`${id}-h`}>
    <h2 id={`${id}-h`}>{title}</h2>
    {children}
  </section>
);

export interface MeetingPageProps {
  ctx: ViewContext;
  meeting: Meeting;
  bodyName: string;
  agenda: (AgendaItem & { leadName: string | null })[];
  openActions: OpenAction[];
  invitees: Invitee[];
  minutes: Minutes[];
  comments: MinutesComment[];
  canManage: boolean;
  canComment: boolean;
  errors?: FormErrors;
  /** The people picker's search (managers): the term and its matches; null when nothing was searched. */
  picker?: { q: string; matches: PickerMatch[] } | null;
}

export function MeetingPage(p: MeetingPageProps) {
  const { ctx, meeting: m } = p;
  const { t } = ctx;
  const past = m.startsAt.getTime() <= Date.now();
  const ended = m.endsAt.getTime() <= Date.now();
  const cancelled = m.status === 'cancelled';
  const base = `/compact/meetings/${m.id}`;
  const current = p.minutes[0];
  return (
    <>
      <p>
        <a href="/compact/meetings">{t('meetings.title')}</a>
      </p>
      <h1>
        <Text ctx={ctx} value={m.title} /> <CancelledBadge ctx={ctx} on={cancelled} />{' '}
        <DemoBadge ctx={ctx} on={m.isDemo} />
      </h1>
      {cancelled ? <p class="notice warning">{t('meetings.cancelledNotice')}</p> : null}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <dl class="details">
        <dt>{t('meetings.body')}</dt>
        <dd>{p.bodyName}</dd>
        <dt>{t('meetings.kind')}</dt>
        <dd>{t(`meetings.kind.${m.kind}`)}</dd>
        <dt>{t('meetings.when')}</dt>
        <dd>{when(ctx.locale, m)}</dd>
        <dt>{t('meetings.formatLabel')}</dt>
        <dd>{t(`meetings.format.${m.format}`)}</dd>
        {m.venue ? (
          <>
            <dt>{t('meetings.venue')}</dt>
            <dd>{m.venue}</dd>
          </>
        ) : null}
        {m.meetingLink ? (
          <>
            <dt>{t('meetings.link')}</dt>
            <dd class="wrap-anywhere">
              <a href={m.meetingLink} rel="noopener noreferrer">
                {m.meetingLink}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t('meetings.version')}</dt>
        <dd>
          {t('meetings.versionValue', { version: m.sequence })}
          {m.circulatedVersion !== null
            ? ` · ${t('meetings.circulatedVersion', { version: m.circulatedVersion })}`
            : ''}
        </dd>
      </dl>
      <p>
        <a href={`${base}.ics`}>{t('meetings.ics')}</a>
      </p>
      {p.canManage ? (
        <div class="actions">
          {!past && !cancelled ? (
            <PostForm ctx={ctx} action={`${base}/circulate`}>
              <button type="submit">{t('meetings.circulate')}</button>
            </PostForm>
          ) : null}
          {!cancelled ? (
            <a href={`${base}/edit`} class="button">
              {t('meetings.editMeeting')}
            </a>
          ) : null}
          {!cancelled && !ended ? (
            <a href={`${base}/cancel`} class="button danger">
              {t('meetings.cancelMeeting')}
            </a>
          ) : null}
          <a href={`${base}/delete`} class="button danger">
            {t('meetings.delete')}
          </a>
        </div>
      ) : null}

      <Section id="agenda" title={t('meetings.agenda')}>
        {p.agenda.length === 0 ? <EmptyState>{t('meetings.agendaEmpty')}</EmptyState> : null}
        <ol class="agenda">
          {p.agenda.map((it, i) => (
            <li>
              <strong>
                <Text ctx={ctx} value={it.title} />
              </strong>{' '}
              <span class="tag">{t(`meetings.agendaType.${it.type}`)}</span>
              {it.leadName ? <span> · {t('meetings.lead', { name: it.leadName })}</span> : null}
              {it.startTime ? <span> · {it.startTime}</span> : null}
              {it.durationMinutes ? <span> · {t('meetings.minutes', { n: it.durationMinutes })}</span> : null}
              {it.documents.length ? (
                <ul>
                  {it.documents.map((d) => (
                    <li class="wrap-anywhere">
                      <a href={d.url} rel="noopener noreferrer">
                        {d.label}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {p.canManage ? (
                <div class="row-actions">
                  {i > 0 ? (
                    <PostForm ctx={ctx} action={`${base}/agenda/${it.id}/move`}>
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit">{t('meetings.up')}</button>
                    </PostForm>
                  ) : null}
                  {i < p.agenda.length - 1 ? (
                    <PostForm ctx={ctx} action={`${base}/agenda/${it.id}/move`}>
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit">{t('meetings.down')}</button>
                    </PostForm>
                  ) : null}
                  <a href={`${base}/agenda/${it.id}`}>{t('meetings.edit')}</a>{' '}
                  <a href={`${base}/agenda/${it.id}/delete`}>{t('meetings.delete')}</a>
                </div>
              ) : null}
            </li>
          ))}
          <li class="automatic">
            <strong>{t('meetings.reviewActions')}</strong> <span class="tag">{t('meetings.automatic')}</span>
            {p.openActions.length === 0 ? (
              <p>{t('meetings.noOpenActions')}</p>
            ) : (
              <ul>
                {p.openActions.map((a) => (
                  <li>
                    {a.symbol ? `${a.symbol} ` : ''}
                    {typeof a.title === 'string' ? a.title : <Text ctx={ctx} value={a.title} />}
                    {a.dueOn ? ` · ${t(a.overdue ? 'meetings.overdue' : 'meetings.due', { date: a.dueOn })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </li>
        </ol>
        {p.canManage ? (
          <p>
            <a class="button" href={`${base}/agenda/new`}>
              {t('meetings.addItem')}
            </a>
          </p>
        ) : null}
      </Section>

      <Section id="invitees" title={t('meetings.invitees')}>
        {p.invitees.length === 0 ? (
          <EmptyState>{t('meetings.noInvitees')}</EmptyState>
        ) : p.canManage && past ? (
          <PostForm ctx={ctx} action={`${base}/attendance`}>
            <ul class="plain">
              {p.invitees.map((i) => (
                <li>
                  <Select
                    name={`attendance_${i.id}`}
                    label={`${i.fullName}${i.organizationName ? ` (${i.organizationName})` : ''}`}
                    value={i.attendance ?? ''}
                    includeEmpty={t('meetings.attendance.unknown')}
                    options={['present', 'excused', 'absent'].map((v) => ({
                      value: v,
                      label: t(`meetings.attendance.${v}`),
                    }))}
                    error={p.errors?.[`attendance_${i.id}`]}
                  />
                </li>
              ))}
            </ul>
            <button type="submit">{t('meetings.recordAttendance')}</button>
          </PostForm>
        ) : (
          <ul class="plain invitee-list">
            {p.invitees.map((i) => (
              <li>
                <span>
                  {i.fullName}
                  {i.organizationName ? ` (${i.organizationName})` : ''}
                  {i.attendance ? ` — ${t(`meetings.attendance.${i.attendance}`)}` : ''}
                </span>
                {p.canManage ? (
                  <a href={`${base}/invitees/${i.id}/remove`}>
                    {t('meetings.remove')}
                    <span class="visually-hidden"> {i.fullName}</span>
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {p.canManage && !cancelled && !ended ? <PeoplePicker ctx={ctx} base={base} picker={p.picker} /> : null}
      </Section>

      <Section id="minutes" title={t('minutes.title')}>
        {p.minutes.length === 0 ? (
          <>
            <EmptyState>{t('minutes.none')}</EmptyState>
            {p.canManage ? (
              <PostForm ctx={ctx} action={`${base}/minutes`}>
                <button type="submit">{t('minutes.start')}</button>
              </PostForm>
            ) : null}
          </>
        ) : null}
        {p.minutes.map((v) => (
          <article class="minutes" id={`minutes-${v.version}`}>
            <h3>
              {t('minutes.versionTitle', { version: v.version })} — {t(`minutes.status.${v.status}`)}
              {v === current ? ` (${t('minutes.current')})` : ''} <DemoBadge ctx={ctx} on={v.isDemo} />
            </h3>
            {v.previousId ? (
              <p>{t('minutes.corrects', { version: p.minutes.find((x) => x.id === v.previousId)?.version ?? 1 })}</p>
            ) : null}
            {v.sha256 ? (
              <p class="wrap-anywhere">
                {t('minutes.sha256')}: <code>{v.sha256}</code>
              </p>
            ) : null}
            {v.commentDeadline && v.status === 'circulated' ? (
              <p>
                {t('minutes.deadline', {
                  date: dateFormat(ctx.locale, { dateStyle: 'long', timeZone: m.timeZone }).format(v.commentDeadline),
                })}
              </p>
            ) : null}
            {Object.keys(v.summary).length ? (
              <div>
                <h4>{t('minutes.summary')}</h4>
                <Text ctx={ctx} value={v.summary} />
              </div>
            ) : null}
            {p.agenda.map((it) =>
              v.items[it.id] ? (
                <div>
                  <h4>
                    <Text ctx={ctx} value={it.title} />
                  </h4>
                  {v.items[it.id].discussion && Object.keys(v.items[it.id].discussion!).length ? (
                    <p>
                      <strong>{t('minutes.discussion')}:</strong> <Text ctx={ctx} value={v.items[it.id].discussion!} />
                    </p>
                  ) : null}
                  {v.items[it.id].outcome && Object.keys(v.items[it.id].outcome!).length ? (
                    <p>
                      <strong>{t('minutes.outcome')}:</strong> <Text ctx={ctx} value={v.items[it.id].outcome!} />
                    </p>
                  ) : null}
                </div>
              ) : null,
            )}
            {p.canManage && v === current ? (
              <div class="actions">
                {v.status !== 'adopted' ? (
                  <>
                    <a class="button" href={`${base}/minutes/${v.id}`}>
                      {t('minutes.edit')}
                    </a>
                    <PostForm ctx={ctx} action={`${base}/minutes/${v.id}/circulate`}>
                      <Field
                        name="deadline"
                        type="date"
                        label={t('minutes.deadlineLabel')}
                        error={p.errors?.deadline}
                      />
                      <button type="submit">{t('minutes.circulate')}</button>
                    </PostForm>
                    <a class="button" href={`${base}/minutes/${v.id}/adopt`}>
                      {t('minutes.adopt')}
                    </a>
                  </>
                ) : (
                  <PostForm ctx={ctx} action={`${base}/minutes/${v.id}/corrigendum`}>
                    <button type="submit">{t('minutes.corrigendum')}</button>
                  </PostForm>
                )}
              </div>
            ) : null}
            {p.comments.filter((c) => c.minutesId === v.id).length ? (
              <div>
                <h4>{t('minutes.comments')}</h4>
                <ul class="plain">
                  {p.comments
                    .filter((c) => c.minutesId === v.id)
                    .map((c) => (
                      <li>
                        <strong>{c.authorName}</strong>: <span dir="auto">{c.body}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ) : null}
            {p.canComment && v === current && v.status === 'circulated' ? (
              <PostForm ctx={ctx} action={`${base}/minutes/${v.id}/comments`}>
                <TextArea name="body" label={t('minutes.comment')} error={p.errors?.body} rows={3} />
                <button type="submit">{t('minutes.sendComment')}</button>
              </PostForm>
            ) : null}
          </article>
        ))}
      </Section>
    </>
  );
}

/**
 * The people picker: a GET search form (works without JavaScript: the page comes back with the matches, each with an
 * "Invite" button, a POST form); static/people-picker.js swaps #picker-results as one types.
 */
function PeoplePicker({
  ctx,
  base,
  picker,
}: {
  ctx: ViewContext;
  base: string;
  picker?: { q: string; matches: PickerMatch[] } | null;
}) {
  const { t } = ctx;
  const q = picker?.q ?? '';
  return (
    <div class="people-picker">
      <h3 id="picker-h">{t('meetings.picker.title')}</h3>
      <form method="get" action={`${base}#invitees`} role="search" aria-labelledby="picker-h" data-picker="">
        <div class="field">
          <label for="f-q">{t('meetings.picker.label')}</label>
          <p class="hint" id="f-q-hint">
            {t('meetings.picker.hint')}
          </p>
          <input
            id="f-q"
            name="q"
            type="search"
            value={q}
            maxLength={100}
            autoComplete="off"
            dir="auto"
            aria-describedby="f-q-hint"
            aria-controls="picker-results"
          />
        </div>
        <button type="submit" class="secondary">
          {t('meetings.picker.search')}
        </button>
      </form>
      <div id="picker-results" aria-live="polite">
        {!picker ? null : q.trim().length < 2 ? (
          <p class="hint">{t('meetings.picker.tooShort')}</p>
        ) : picker.matches.length === 0 ? (
          <EmptyState>{t('meetings.picker.none', { q })}</EmptyState>
        ) : (
          <>
            <p class="visually-hidden">{t('meetings.picker.found', { count: picker.matches.length })}</p>
            <ul class="plain picker-results">
              {picker.matches.map((m) => (
                <li>
                  <span>
                    <strong dir="auto">{m.fullName}</strong>
                    {m.jobTitle ? <span dir="auto"> · {m.jobTitle}</span> : null}
                    {m.organizations.length ? <span> · {m.organizations.join(', ')}</span> : null}
                  </span>
                  {m.invited ? (
                    <span class="badge">{t('meetings.picker.invited')}</span>
                  ) : (
                    <PostForm ctx={ctx} action={`${base}/invitees`} class="inline">
                      <input type="hidden" name="personId" value={m.id} />
                      <input type="hidden" name="q" value={q} />
                      <button type="submit" class="secondary">
                        {t('meetings.picker.invite')}
                        <span class="visually-hidden"> {m.fullName}</span>
                      </button>
                    </PostForm>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <script src="/static/people-picker.js" defer></script>
    </div>
  );
}

/** For a meeting of a series: this meeting only, or this one and the later ones (radio buttons). */
export function ScopeChoice({
  ctx,
  value,
  following,
  error,
  verb,
}: {
  ctx: ViewContext;
  value: string;
  following: number;
  error?: string;
  verb: 'edit' | 'cancel';
}) {
  const { t } = ctx;
  return (
    <fieldset class={`field${error ? ' has-error' : ''}`} id="f-scope">
      <legend>{t(`meetings.scope.${verb}`)}</legend>
      {error ? <p class="error">{error}</p> : null}
      <div class="checkbox">
        <input type="radio" id="scope-this" name="scope" value="this" checked={value !== 'following'} />
        <label for="scope-this">{t('meetings.scope.this')}</label>
      </div>
      <div class="checkbox">
        <input type="radio" id="scope-following" name="scope" value="following" checked={value === 'following'} />
        <label for="scope-following">{t('meetings.scope.following', { count: following })}</label>
      </div>
    </fieldset>
  );
}

export function MeetingFormPage(p: {
  ctx: ViewContext;
  values: Values;
  errors?: FormErrors;
  bodies: { id: string; name: string }[];
  timeZones: readonly string[];
  kinds: readonly string[];
  formats: readonly string[];
  recurrences: readonly string[];
  /** Editing a meeting: its id, its body's name, the stored title, its series' meetings from this one on. */
  edit?: { id: string; bodyName: string; stored: TranslatableText; following: number; circulated: boolean };
}) {
  const { ctx, values: v, errors, edit } = p;
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t(edit ? 'meetings.editTitle' : 'meetings.new')}
      action={edit ? `/compact/meetings/${edit.id}/edit` : '/compact/meetings'}
      errors={errors}
      intro={
        edit ? (
          <>
            <p>
              <a href={`/compact/meetings/${edit.id}`}>{t('meetings.backToMeeting')}</a>
            </p>
            <p>
              {t('meetings.body')}: {edit.bodyName}
            </p>
            {edit.circulated ? <p class="notice">{t('meetings.editCirculatedHint')}</p> : null}
          </>
        ) : undefined
      }
    >
      {edit ? null : (
        <Select
          name="bodyId"
          label={t('meetings.body')}
          value={one(v.bodyId)}
          includeEmpty={t('meetings.choose')}
          options={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
          error={errors?.bodyId}
        />
      )}
      <Select
        name="kind"
        label={t('meetings.kind')}
        value={one(v.kind)}
        options={p.kinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
        error={errors?.kind}
      />
      <TextFields
        ctx={ctx}
        name="title"
        label={t('meetings.titleField')}
        values={v}
        stored={edit?.stored}
        errors={errors}
      />
      <Select
        name="timeZone"
        label={t('meetings.timeZone')}
        value={one(v.timeZone) || 'America/New_York'}
        options={p.timeZones.map((z) => ({ value: z, label: z }))}
        error={errors?.timeZone}
      />
      <Field
        name="start"
        type="datetime-local"
        label={t('meetings.start')}
        value={one(v.start)}
        error={errors?.start}
      />
      <Field name="end" type="datetime-local" label={t('meetings.end')} value={one(v.end)} error={errors?.end} />
      {edit ? null : (
        <Select
          name="recurrence"
          label={t('meetings.recurrence')}
          value={one(v.recurrence) || 'none'}
          options={p.recurrences.map((r) => ({ value: r, label: t(`meetings.recurrence.${r}`) }))}
          error={errors?.recurrence}
        />
      )}
      <Select
        name="format"
        label={t('meetings.formatLabel')}
        value={one(v.format)}
        options={p.formats.map((f) => ({ value: f, label: t(`meetings.format.${f}`) }))}
        error={errors?.format}
      />
      <Field name="venue" label={t('meetings.venue')} value={one(v.venue)} error={errors?.venue} maxLength={300} />
      <Field
        name="meetingLink"
        type="url"
        label={t('meetings.link')}
        hint={t('meetings.linkHint')}
        value={one(v.meetingLink)}
        error={errors?.meetingLink}
        maxLength={500}
      />
      {edit && edit.following > 1 ? (
        <ScopeChoice ctx={ctx} value={one(v.scope)} following={edit.following} error={errors?.scope} verb="edit" />
      ) : null}
      <button type="submit">{t(edit ? 'meetings.save' : 'meetings.create')}</button>
    </FormPage>
  );
}

export function AgendaItemFormPage(p: {
  ctx: ViewContext;
  meetingId: string;
  itemId?: string;
  values: Values;
  stored?: TranslatableText | null;
  errors?: FormErrors;
  orgs: { value: string; label: string }[];
  types: readonly string[];
}) {
  const { ctx, values: v, errors } = p;
  const { t } = ctx;
  const action = p.itemId
    ? `/compact/meetings/${p.meetingId}/agenda/${p.itemId}`
    : `/compact/meetings/${p.meetingId}/agenda`;
  return (
    <FormPage ctx={ctx} title={t(p.itemId ? 'meetings.editItem' : 'meetings.addItem')} action={action} errors={errors}>
      <Select
        name="type"
        label={t('meetings.itemType')}
        value={one(v.type)}
        options={p.types.map((x) => ({ value: x, label: t(`meetings.agendaType.${x}`) }))}
        error={errors?.type}
      />
      <TextFields ctx={ctx} name="title" label={t('meetings.itemTitle')} values={v} stored={p.stored} errors={errors} />
      <Select
        name="leadOrgId"
        label={t('meetings.leadEntity')}
        value={one(v.leadOrgId)}
        includeEmpty={t('meetings.none')}
        options={p.orgs}
        error={errors?.leadOrgId}
      />
      <Field
        name="startTime"
        type="time"
        label={t('meetings.itemTime')}
        value={one(v.startTime)}
        error={errors?.startTime}
      />
      <Field
        name="durationMinutes"
        type="number"
        label={t('meetings.duration')}
        value={one(v.durationMinutes)}
        error={errors?.durationMinutes}
      />
      <TextArea
        name="documents"
        label={t('meetings.documents')}
        hint={t('meetings.documentsHint')}
        value={one(v.documents)}
        error={errors?.documents}
        rows={3}
      />
      <button type="submit">{t('meetings.save')}</button>
    </FormPage>
  );
}

export function ConfirmPage(p: {
  ctx: ViewContext;
  title: string;
  question: string;
  action: string;
  back: string;
  button: string;
  /** What goes back without doing it ("Cancel" by default). */
  backLabel?: string;
  /** More to say or choose before confirming (e.g. the scope in a series). */
  children?: ComponentChildren;
  errors?: FormErrors;
}) {
  const { ctx } = p;
  return (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{p.question}</p>
      <PostForm ctx={ctx} action={p.action}>
        <input type="hidden" name={CONFIRMED_FIELD} value={CONFIRMED_VALUE} />
        {p.children}
        <button type="submit" class="danger">
          {p.button}
        </button>{' '}
        <a href={p.back}>{p.backLabel ?? ctx.t('meetings.cancel')}</a>
      </PostForm>
    </>
  );
}

export function MinutesFormPage(p: {
  ctx: ViewContext;
  meetingId: string;
  minutes: Minutes;
  agenda: AgendaItem[];
  values: Values;
  errors?: FormErrors;
}) {
  const { ctx, values: v, errors, minutes } = p;
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('minutes.editTitle', { version: minutes.version })}
      action={`/compact/meetings/${p.meetingId}/minutes/${minutes.id}`}
      errors={errors}
      intro={<p>{t(`minutes.status.${minutes.status}`)}</p>}
    >
      <TextFields
        ctx={ctx}
        name="summary"
        label={t('minutes.summary')}
        values={v}
        stored={minutes.summary}
        errors={errors}
        long
      />
      {p.agenda.map((it) => (
        <fieldset>
          <legend>
            <Text ctx={ctx} value={it.title} />
          </legend>
          <TextFields
            ctx={ctx}
            name={`discussion_${it.id}`}
            label={t('minutes.discussion')}
            values={v}
            stored={minutes.items[it.id]?.discussion}
            errors={errors}
            long
          />
          <TextFields
            ctx={ctx}
            name={`outcome_${it.id}`}
            label={t('minutes.outcome')}
            values={v}
            stored={minutes.items[it.id]?.outcome}
            errors={errors}
            long
          />
        </fieldset>
      ))}
      <button type="submit">{t('meetings.save')}</button>
    </FormPage>
  );
}
