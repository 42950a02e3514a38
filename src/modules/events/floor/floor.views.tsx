// The speakers' list (organizers' controls, a delegation's request) and the room view. Both render the whole list on
// the server (a refresh shows the current state without JavaScript); static/floor.js swaps the #floor-live region when
// the server-sent events stream announces a change, and counts the statement's remaining time down.
import { nameIn } from '../../../platform/i18n/index.ts';
import {
  Field,
  PostForm,
  Select,
  type FormErrors,
  ErrorSummary,
  EmptyState,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { pick } from '../../../platform/i18n/text.ts';
import { formatTime } from '../shared/time.ts';
import type { FloorRow, FloorState } from './floor.service.ts';
import { endsAt } from './floor.time.ts';

const base = (st: FloorState) => `/events/${st.event.slug}/sessions/${st.session.id}`;

function Timer({ ctx, st, r }: { ctx: ViewContext; st: FloorState; r: FloorRow }) {
  const { t } = ctx;
  const end = endsAt(r);
  if (!r.startedAt || !end) return null;
  const tz = st.event.timeZone;
  return (
    <p class="timer" data-ends-at={end.toISOString()}>
      {t('events.floor.timer', {
        start: formatTime(ctx.locale, r.startedAt, tz),
        minutes: r.allowedMinutes ?? 0,
        end: formatTime(ctx.locale, end, tz),
      })}{' '}
      <span class="timer-remaining" aria-hidden="true"></span>
    </p>
  );
}

/** The part of the page that changes with the list (swapped in place by floor.js). */
export function FloorLive({ ctx, st, controls }: { ctx: ViewContext; st: FloorState; controls: boolean }) {
  const { t } = ctx;
  const waiting = st.rows.filter((r) => r.status === 'waiting');
  const done = st.rows.filter((r) => r.status === 'spoken');
  const mine = (r: FloorRow) => ctx.actor.kind === 'user' && r.requestedBy === ctx.actor.userId;
  const action = (r: FloorRow, path: string, label: string, extra?: [string, string]) => (
    <PostForm ctx={ctx} action={`${base(st)}/speakers/${r.id}/${path}`} class="inline">
      {extra ? <input type="hidden" name={extra[0]} value={extra[1]} /> : null}
      <button type="submit" class="link">
        {label}
      </button>
    </PostForm>
  );
  return (
    <div id="floor-live" aria-live="polite" data-stream={`${base(st)}/speakers/stream?since=${st.session.floorSeq}`}>
      <section aria-labelledby="floor-now" class="floor-now">
        <h2 id="floor-now">{t('events.floor.now')}</h2>
        {st.current ? (
          <>
            <p class="speaker-now">
              <strong>{nameIn(st.current.orgNames, ctx.locale)}</strong>
              {st.current.speakerName ? <span dir="auto"> — {st.current.speakerName}</span> : null}
            </p>
            <Timer ctx={ctx} st={st} r={st.current} />
            {controls ? action(st.current, 'spoken', t('events.floor.markSpoken')) : null}
          </>
        ) : (
          <p>{t('events.floor.nobody')}</p>
        )}
      </section>
      <section aria-labelledby="floor-waiting">
        <h2 id="floor-waiting">{t('events.floor.waiting', { count: waiting.length })}</h2>
        {waiting.length ? (
          <ol class="floor-list">
            {waiting.map((r, i) => (
              <li>
                <span>{nameIn(r.orgNames, ctx.locale)}</span>
                {r.speakerName ? <span dir="auto"> — {r.speakerName}</span> : null}
                {controls ? (
                  <>
                    {' '}
                    {i > 0 ? action(r, 'move', t('events.floor.up'), ['direction', 'up']) : null}
                    {i < waiting.length - 1 ? action(r, 'move', t('events.floor.down'), ['direction', 'down']) : null}
                    {action(r, 'spoken', t('events.floor.markSpoken'))}{' '}
                    <a class="danger" href={`${base(st)}/speakers/${r.id}/withdraw`}>
                      {t('events.floor.withdraw')}
                    </a>
                  </>
                ) : mine(r) ? (
                  <>
                    {' '}
                    <a class="danger" href={`${base(st)}/speakers/${r.id}/withdraw`}>
                      {t('events.floor.withdrawMine')}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState>{t('events.floor.noneWaiting')}</EmptyState>
        )}
      </section>
      {done.length ? (
        <section aria-labelledby="floor-done">
          <h2 id="floor-done">{t('events.floor.spoken', { count: done.length })}</h2>
          <ul class="plain">
            {done.map((r) => (
              <li>
                {nameIn(r.orgNames, ctx.locale)}
                {r.speakerName ? <span dir="auto"> — {r.speakerName}</span> : null}
                {r.startedAt ? (
                  <span class="muted"> ({formatTime(ctx.locale, r.startedAt, st.event.timeZone)})</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function FloorPage({
  ctx,
  st,
  orgs,
  errors,
  values,
}: {
  ctx: ViewContext;
  st: FloorState;
  orgs: { id: string; name: string }[];
  errors?: FormErrors;
  values?: Record<string, string | undefined>;
}) {
  const { t } = ctx;
  const title = pick(st.session.title, ctx.locale)?.text ?? '';
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${st.event.slug}`, label: pick(st.event.title, ctx.locale)?.text }]} />
      <h1>
        {t('events.floor.title')}: <span dir="auto">{title}</span>
      </h1>
      <p>
        {t('events.floor.intro', { minutes: st.session.statementMinutes })}{' '}
        <a href={`${base(st)}/room`}>{t('events.floor.roomView')}</a> ·{' '}
        <a href={`/events/statements?session=${st.session.id}`}>{t('events.statements.title')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {st.manage ? (
        <PostForm ctx={ctx} action={`${base(st)}/speakers/next`} class="inline">
          <button type="submit">{t('events.floor.callNext')}</button>
        </PostForm>
      ) : null}
      <FloorLive ctx={ctx} st={st} controls={st.manage} />
      {st.manage ? (
        <>
          <section aria-labelledby="floor-add">
            <h2 id="floor-add">{t('events.floor.add')}</h2>
            <PostForm ctx={ctx} action={`${base(st)}/speakers`}>
              <Select
                name="organizationId"
                label={t('events.floor.delegation')}
                value={values?.organizationId}
                includeEmpty="—"
                options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                error={errors?.organizationId}
              />
              <Field
                name="speakerName"
                label={t('events.floor.speakerName')}
                value={values?.speakerName}
                error={errors?.speakerName}
                maxLength={200}
              />
              <button type="submit">{t('events.floor.add')}</button>
            </PostForm>
          </section>
          <section aria-labelledby="floor-minutes">
            <h2 id="floor-minutes">{t('events.floor.minutesLabel')}</h2>
            <PostForm ctx={ctx} action={`${base(st)}/speakers/minutes`} class="inline">
              <Field
                name="minutes"
                type="number"
                inputMode="numeric"
                label={t('events.floor.minutesLabel')}
                value={values?.minutes ?? String(st.session.statementMinutes)}
                error={errors?.minutes}
                dirAuto={false}
              />
              <button type="submit">{t('common.save')}</button>
            </PostForm>
          </section>
        </>
      ) : st.delegations.length && st.session.kind === 'interactive_segment' ? (
        <section aria-labelledby="floor-request">
          <h2 id="floor-request">{t('events.floor.request')}</h2>
          <PostForm ctx={ctx} action={`${base(st)}/speakers/request`}>
            <Select
              name="organizationId"
              label={t('events.floor.onBehalfOf')}
              value={values?.organizationId}
              options={st.delegations.map((d) => ({ value: d.id, label: nameIn(d.names, ctx.locale) }))}
              error={errors?.organizationId}
            />
            <Field
              name="speakerName"
              label={t('events.floor.speakerName')}
              value={values?.speakerName}
              error={errors?.speakerName}
              maxLength={200}
            />
            <button type="submit">{t('events.floor.request')}</button>
          </PostForm>
        </section>
      ) : (
        <p class="muted">{t('events.floor.whoMayRequest')}</p>
      )}
      <script src="/static/floor.js" defer></script>
    </section>
  );
}

/** The room display: the current speaker and the timer, the next speakers; read-only. */
export function RoomPage({ ctx, st }: { ctx: ViewContext; st: FloorState }) {
  return (
    <section class="room-view">
      <Breadcrumb links={[{ href: `${base(st)}/speakers`, label: ctx.t('events.floor.title') }]} />
      <h1 dir="auto">{pick(st.session.title, ctx.locale)?.text}</h1>
      <FloorLive ctx={ctx} st={st} controls={false} />
      <script src="/static/floor.js" defer></script>
    </section>
  );
}
