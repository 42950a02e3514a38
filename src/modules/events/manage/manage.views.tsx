// Views of an event's management area: the overview (status and publication, what waits for the organizers, the
// pages of the menu) and the clone form.
import { Field, FormPage, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { textIn } from '../../../platform/i18n/text.ts';
import { ManageMenu, When } from '../shared/views.tsx';
import { EventStateBadge } from '../shared/publishing-subject.views.tsx';
import type { EventRow } from '../shared/events.service.ts';
import type { CloneInput, ManageOverview } from './manage.service.ts';

export function ManageOverviewPage({ ctx, o }: { ctx: ViewContext; o: ManageOverview }) {
  const { t } = ctx;
  const e = o.event;
  const slug = e.slug;
  const tasks: { text: string; href: string; link: string }[] = [];
  if (o.registrations.pending)
    tasks.push({
      text: t('events.manage.pendingRegistrations', { number: o.registrations.pending }),
      href: `/events/${slug}/registrations?status=pending`,
      link: t('events.manageRegistrations'),
    });
  if (o.proposalsToReview)
    tasks.push({
      text: t('events.manage.proposalsToReview', { number: o.proposalsToReview }),
      href: `/events/${slug}/side-events/proposals`,
      link: t('events.side.proposals'),
    });
  if (o.sessions.length && !o.programmeVersions)
    tasks.push({
      text: t('events.manage.programmeUnpublished'),
      href: `/events/${slug}/programme`,
      link: t('events.authoring.programme'),
    });
  if (e.endsAt < new Date() && !o.summaryItems)
    tasks.push({
      text: t('events.manage.summaryMissing'),
      href: `/events/${slug}/summary`,
      link: t('events.outputs.summary'),
    });
  return (
    <section>
      <h1>
        {t('events.manage.title')}: <bdi>{textIn(e.title, ctx.locale)}</bdi>
      </h1>
      <ManageMenu ctx={ctx} slug={slug} current="manage" week={e.type === 'week'} />
      <p>
        <When ctx={ctx} e={e} compact /> · <a href={`/events/${slug}`}>{t('events.manage.eventPage')}</a>
      </p>
      <h2>{t('events.statusLabel')}</h2>
      <p>{t('events.manage.status', { status: t(`events.eventStatus.${e.status}`) })}</p>
      {e.status === 'draft' ? (
        <div class="notice draft" role="note">
          <p>{t('events.draftNotice')}</p>
        </div>
      ) : null}
      <h2>{t('events.publication.review')}</h2>
      <p id="publication-summary">
        {t('events.publication.state')}: <EventStateBadge ctx={ctx} r={o.publication} />{' '}
        {o.publication ? t('publishing.revision', { number: o.publication.number }) : null} ·{' '}
        {t(o.publicState ? `events.publication.public.${o.publicState}` : 'events.publication.public.none')}{' '}
        <a href={`/events/${slug}/publishing`}>{t('events.publication.title')}</a>
      </p>
      <h2>{t('events.manage.tasks')}</h2>
      {tasks.length ? (
        <ul class="tasks">
          {tasks.map((x) => (
            <li>
              {x.text} <a href={x.href}>{x.link}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('events.manage.noTasks')}</p>
      )}
      <h2>{t('events.manage.figures')}</h2>
      <dl class="facts">
        <dt>{t('events.manage.registrations')}</dt>
        <dd>
          {t('events.manage.registrationCounts', {
            total: o.registrations.total,
            pending: o.registrations.pending,
            accepted: o.registrations.accepted,
            waitlisted: o.registrations.waitlisted,
          })}
        </dd>
        {o.proposalsToReview !== null ? (
          <>
            <dt>{t('events.side.proposals')}</dt>
            <dd>{t('events.manage.proposalsToReview', { number: o.proposalsToReview })}</dd>
          </>
        ) : null}
        <dt>{t('events.manage.sessions')}</dt>
        <dd>{o.sessions.length}</dd>
        <dt>{t('events.manage.programmeVersions')}</dt>
        <dd>{o.programmeVersions}</dd>
        <dt>{t('events.documents')}</dt>
        <dd>{o.documents}</dd>
      </dl>
      {o.sessions.length ? (
        <>
          <h2>{t('events.manage.speakersLists')}</h2>
          <ul>
            {o.sessions.map((s) => (
              <li>
                <a href={`/events/${slug}/sessions/${s.id}/speakers`}>
                  <Text ctx={ctx} value={s.title} note={false} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function CloneFormPage({
  ctx,
  e,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: CloneInput;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <>
      <ManageMenu ctx={ctx} slug={e.slug} current="clone" week={e.type === 'week'} />
      <FormPage
        ctx={ctx}
        title={t('events.clone.title')}
        action={`/events/${e.slug}/clone`}
        errors={errors}
        intro={<p>{t('events.clone.intro', { title: textIn(e.title, ctx.locale) })}</p>}
      >
        <Field
          name="slug"
          label={t('events.authoring.slug')}
          hint={t('events.authoring.slugHint', { example: '2026-roundtable-youth' })}
          value={values.slug}
          error={errors?.slug}
          required
          maxLength={100}
          dirAuto={false}
        />
        <Field
          name="startsAt"
          type="datetime-local"
          label={t('events.clone.startsAt')}
          hint={t('events.clone.startsAtHint', { zone: e.timeZone })}
          value={values.startsAt}
          error={errors?.startsAt}
          required
          dirAuto={false}
        />
        <div class="form-buttons">
          <button type="submit">{t('events.clone.submit')}</button>
        </div>
      </FormPage>
    </>
  );
}
