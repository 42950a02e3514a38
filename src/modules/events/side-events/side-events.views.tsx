// Views of side events: the proposal form, the secretariat's list, and the review page (decision, scheduling).
import { AUTONYMS, LOCALES, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  EmptyState,
  ErrorSummary,
  Field,
  FormPage,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
  MultiSelect,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { LocalizedText } from '../../directory/index.ts';
import { EVENT_FORMATS } from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import { formatRange } from '../shared/time.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import type { getProposal, listProposals } from './side-events.service.ts';

type Values = Record<string, string | string[] | undefined>;

const one = (v: Values[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: Values[string]) => (Array.isArray(v) ? v : v ? [v] : []);

export function ProposalFormPage({
  ctx,
  w,
  mine,
  orgs,
  values,
  errors,
}: {
  ctx: ViewContext;
  w: EventRow;
  mine: { id: string; names: LocalizedText }[];
  orgs: { id: string; name: string }[];
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.side.propose')}
      action={`/events/${w.slug}/side-events/proposals`}
      errors={errors}
      intro={
        <>
          <Breadcrumb links={[{ href: `/events/${w.slug}`, label: text(w.title, ctx.locale) }]} />
          <p>{t('events.side.proposeIntro')}</p>
        </>
      }
    >
      <Select
        name="proposerOrgId"
        label={t('events.side.proposer')}
        value={one(values.proposerOrgId)}
        options={mine.map((o) => ({ value: o.id, label: nameIn(o.names, ctx.locale) }))}
        error={errors?.proposerOrgId}
      />
      <MultiSelect
        name="coOrganizerOrgIds"
        label={t('events.authoring.coOrganizers')}
        hint={t('events.authoring.multiHint')}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        values={many(values.coOrganizerOrgIds)}
        error={errors?.coOrganizerOrgIds}
      />
      <Field
        name="title"
        label={t('events.authoring.title')}
        value={one(values.title)}
        error={errors?.title}
        maxLength={300}
      />
      <TextArea
        name="summary"
        label={t('events.authoring.summary')}
        value={one(values.summary)}
        error={errors?.summary}
        rows={6}
        maxLength={5000}
      />
      <Select
        name="language"
        label={t('events.side.language')}
        value={one(values.language) || ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <Select
        name="format"
        label={t('events.format')}
        value={one(values.format)}
        options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.formatValue.${f}`) }))}
        error={errors?.format}
      />
      <Field
        name="preferredTime"
        label={t('events.side.preferredTime')}
        value={one(values.preferredTime)}
        error={errors?.preferredTime}
        maxLength={300}
      />
      <button type="submit">{t('events.side.submit')}</button>
    </FormPage>
  );
}

export function ProposalsPage({
  ctx,
  w,
  rows,
}: {
  ctx: ViewContext;
  w: EventRow;
  rows: Awaited<ReturnType<typeof listProposals>>['rows'];
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${w.slug}`, label: text(w.title, ctx.locale) }]} />
      <h1>{t('events.side.proposals')}</h1>
      {rows.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('events.side.proposals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.authoring.title')}</th>
              <th scope="col">{t('events.side.proposer')}</th>
              <th scope="col">{t('events.statusLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label={t('events.authoring.title')}>
                  <a href={`/events/${w.slug}/side-events/proposals/${r.p.id}`} dir="auto">
                    {r.p.title}
                  </a>
                </td>
                <td data-label={t('events.side.proposer')}>{nameIn(r.proposer, ctx.locale)}</td>
                <td data-label={t('events.statusLabel')}>{t(`events.side.status.${r.p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.side.none')}</EmptyState>
      )}
    </section>
  );
}

export function ProposalPage({
  ctx,
  d,
  errors,
  values,
}: {
  ctx: ViewContext;
  d: Awaited<ReturnType<typeof getProposal>>;
  errors?: FormErrors;
  values: Values;
}) {
  const { t } = ctx;
  const p = d.proposal;
  const name = (id: string) => {
    const o = d.orgs.find((x) => x.id === id);
    return o ? nameIn(o.names, ctx.locale) : '—';
  };
  const se = d.sideEvent;
  return (
    <section>
      <Breadcrumb
        links={[{ href: `/events/${d.week.slug}/side-events/proposals`, label: t('events.side.proposals') }]}
      />
      <h1 dir="auto" lang={p.language}>
        {p.title}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl class="facts">
        <dt>{t('events.statusLabel')}</dt>
        <dd>
          {t(`events.side.status.${p.status}`)}
          {p.reason ? (
            <>
              {' '}
              — <span dir="auto">{p.reason}</span>
            </>
          ) : null}
        </dd>
        <dt>{t('events.side.proposer')}</dt>
        <dd>{name(p.proposerOrgId)}</dd>
        <dt>{t('events.authoring.coOrganizers')}</dt>
        <dd>{p.coOrganizerOrgIds.map(name).join(', ')}</dd>
        <dt>{t('events.format')}</dt>
        <dd>{t(`events.formatValue.${p.format}`)}</dd>
        {p.preferredTime ? (
          <>
            <dt>{t('events.side.preferredTime')}</dt>
            <dd dir="auto">{p.preferredTime}</dd>
          </>
        ) : null}
      </dl>
      <div lang={p.language} dir={p.language === 'ar' ? 'rtl' : 'ltr'}>
        {p.summary.split(/\n{2,}/).map((x) => (
          <p>{x}</p>
        ))}
      </div>
      {p.status === 'submitted' ? (
        <section aria-labelledby="decide">
          <h2 id="decide">{t('events.side.decide')}</h2>
          <PostForm ctx={ctx} action={`/events/${d.week.slug}/side-events/proposals/${p.id}/decision`}>
            <Select
              name="decision"
              label={t('events.side.decision')}
              value={one(values.decision)}
              options={[
                { value: 'accept', label: t('events.side.accept') },
                { value: 'reject', label: t('events.side.reject') },
              ]}
              error={errors?.decision}
            />
            <TextArea
              name="reason"
              label={t('events.side.reason')}
              hint={t('events.side.reasonHint')}
              value={one(values.reason)}
              error={errors?.reason}
              rows={3}
              maxLength={2000}
            />
            <button type="submit">{t('events.side.decide')}</button>
          </PostForm>
        </section>
      ) : null}
      {p.status === 'accepted' && se ? (
        <section aria-labelledby="schedule">
          <h2 id="schedule">{t('events.side.schedule')}</h2>
          {se.status === 'published' && !se.allDay ? (
            <p>
              {t('events.side.scheduledAt', {
                when: formatRange(ctx.locale, se.startsAt, se.endsAt, se.timeZone),
                room: se.venue ?? '',
              })}{' '}
              <a href={`/events/${se.slug}`}>{t('events.open')}</a>
            </p>
          ) : null}
          <p class="hint">{t('events.authoring.sessionTimesHint', { zone: d.week.timeZone })}</p>
          <PostForm ctx={ctx} action={`/events/${d.week.slug}/side-events/proposals/${p.id}/schedule`}>
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
            <Field
              name="room"
              label={t('events.authoring.room')}
              value={one(values.room)}
              error={errors?.room}
              maxLength={200}
            />
            <button type="submit">{t('events.side.schedule')}</button>
          </PostForm>
        </section>
      ) : null}
    </section>
  );
}
