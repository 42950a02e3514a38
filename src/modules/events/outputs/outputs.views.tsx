// Views of an event's outputs: the Chair's Summary (form, and the section of the event page), the follow-up actions,
// and the draft outcome report (print stylesheet).
import { AUTONYMS, LOCALES, dir, type Locale, dateFormat, listFormat, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { EmptyState, Field, FormPage, Select, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { LocalizedText } from '../../directory/index.ts';
import { ACTION_STATUSES } from '../../compact/index.ts';
import type { EventRow } from '../shared/events.service.ts';
import { formatRange, formatTime } from '../shared/time.ts';
import { pick, textIn as text } from '../../../platform/i18n/text.ts';
import { When } from '../shared/views.tsx';
import type { ChairsSummary, listActions, ReportData } from './outputs.service.ts';
import { DocumentEntry } from '../documents/documents.views.tsx';

type Values = Record<string, string | undefined>;

export function SummaryFormPage({
  ctx,
  e,
  values,
  errors,
  documents = [],
}: {
  ctx: ViewContext;
  e: EventRow;
  values: Values;
  errors?: FormErrors;
  /** The documents that publish this summary (shown with it on the event page and in the outcome report). */
  documents?: ChairsSummary['documents'];
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.outputs.summary')}
      action={`/events/${e.slug}/summary`}
      errors={errors}
      intro={
        <>
          <Breadcrumb links={[{ href: `/events/${e.slug}`, label: text(e.title, ctx.locale) }]} />
          <p>{t('events.outputs.summaryIntro')}</p>
          {/* What is saved here is a draft: readers get only the text two people signed on its publishing page. */}
          <p>
            {t('events.summaryPublication.notice')}{' '}
            <a href={`/events/${e.slug}/summary/publishing`} id="summary-publishing">
              {t('events.summaryPublication.link')}
            </a>
          </p>
          {documents.length ? (
            <>
              <p>{t('events.outputs.summaryDocuments')}</p>
              <ul class="documents">
                {documents.map((doc) => (
                  <DocumentEntry ctx={ctx} slug={e.slug} doc={doc} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      }
    >
      <Select
        name="language"
        label={t('events.statements.language')}
        value={values.language ?? ctx.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.language}
      />
      <TextArea
        name="conclusions"
        label={t('events.outputs.conclusions')}
        hint={t('events.outputs.onePerLine')}
        value={values.conclusions}
        error={errors?.conclusions}
        rows={8}
        maxLength={300000}
      />
      <TextArea
        name="recommendations"
        label={t('events.outputs.recommendations')}
        hint={t('events.outputs.recommendationsHint')}
        value={values.recommendations}
        error={errors?.recommendations}
        rows={8}
        maxLength={300000}
      />
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

/** Has the Chair's Summary been written (items) or published (a document)? */
const summaryWritten = (s: ChairsSummary) => s.items.length > 0 || s.documents.length > 0;

/** The Chair's Summary as the event page and the outcome report show it: its items and the documents publishing it. */
export function SummarySection({ ctx, slug, summary }: { ctx: ViewContext; slug: string; summary: ChairsSummary }) {
  const { t } = ctx;
  const { items, documents } = summary;
  if (!items.length && !documents.length) return null;
  const lang = items[0]?.language ?? ctx.locale;
  const conclusions = items.filter((i) => i.kind === 'conclusion');
  const recs = items.filter((i) => i.kind === 'recommendation');
  return (
    <section aria-labelledby="chairs-summary" class="chairs-summary">
      <h2 id="chairs-summary">{t('events.outputs.summary')}</h2>
      {documents.length ? (
        <ul class="documents">
          {documents.map((doc) => (
            <DocumentEntry ctx={ctx} slug={slug} doc={doc} />
          ))}
        </ul>
      ) : null}
      <div lang={lang} dir={dir(lang)}>
        {conclusions.length ? (
          <>
            <h3>{t('events.outputs.conclusions')}</h3>
            <ol>
              {conclusions.map((c) => (
                <li>{c.body}</li>
              ))}
            </ol>
          </>
        ) : null}
        {recs.length ? (
          <>
            <h3>{t('events.outputs.recommendations')}</h3>
            <ol>
              {recs.map((c) => (
                <li>{c.body}</li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
      {items.length && lang !== ctx.locale ? (
        <p class="muted">{t('events.outputs.summaryLanguage', { language: AUTONYMS[lang] })}</p>
      ) : null}
    </section>
  );
}

export function ActionsPage({
  ctx,
  e,
  rows,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: Awaited<ReturnType<typeof listActions>>['rows'];
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: text(e.title, ctx.locale) }]} />
      <h1>{t('events.outputs.actions')}</h1>
      {rows.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('events.outputs.actions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.outputs.action')}</th>
              <th scope="col">{t('events.outputs.owner')}</th>
              <th scope="col">{t('events.statusLabel')}</th>
              <th scope="col">{t('events.outputs.due')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('events.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label={t('events.outputs.action')} dir="auto">
                  {r.a.title}
                  {r.a.recommendationId ? null : <span class="badge">{t('events.outputs.detached')}</span>}
                </td>
                <td data-label={t('events.outputs.owner')}>{nameIn(r.owner, ctx.locale) || '—'}</td>
                <td data-label={t('events.statusLabel')}>{t(`events.outputs.status.${r.a.status}`)}</td>
                <td data-label={t('events.outputs.due')}>
                  {r.a.dueOn
                    ? dateFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
                        new Date(`${r.a.dueOn}T00:00:00Z`),
                      )
                    : '—'}
                </td>
                <td data-label={t('events.actions')}>
                  <a href={`/events/${e.slug}/actions/${r.a.id}`}>
                    {t('events.outputs.update')}
                    <span class="visually-hidden">: {r.a.title}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.outputs.noActions')}</EmptyState>
      )}
    </section>
  );
}

export function ActionFormPage({
  ctx,
  e,
  a,
  orgs,
  values,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  a: { id: string; title: string };
  orgs: { id: string; name: string }[];
  values: Values;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('events.outputs.update')}
      action={`/events/${e.slug}/actions/${a.id}`}
      errors={errors}
      intro={
        <>
          <Breadcrumb links={[{ href: `/events/${e.slug}/actions`, label: t('events.outputs.actions') }]} />
          <p dir="auto">
            <strong>{a.title}</strong>
          </p>
        </>
      }
    >
      <Select
        name="ownerOrgId"
        label={t('events.outputs.owner')}
        value={values.ownerOrgId}
        includeEmpty="—"
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        error={errors?.ownerOrgId}
      />
      <Select
        name="status"
        label={t('events.statusLabel')}
        value={values.status}
        options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`events.outputs.status.${s}`) }))}
        error={errors?.status}
      />
      <Field
        name="dueOn"
        type="date"
        label={t('events.outputs.due')}
        value={values.dueOn}
        error={errors?.dueOn}
        dirAuto={false}
      />
      <TextArea
        name="note"
        label={t('events.outputs.note')}
        value={values.note}
        error={errors?.note}
        rows={3}
        maxLength={2000}
      />
      <button type="submit">{t('common.save')}</button>
    </FormPage>
  );
}

export function ReportPage({ ctx, d }: { ctx: ViewContext; d: ReportData }) {
  const { t, locale } = ctx;
  const e = d.event;
  const tz = e.timeZone;
  const participation = d.participation(locale);
  const org = (n: LocalizedText) => nameIn(n, ctx.locale) || '—';
  return (
    <article class="report">
      <Breadcrumb class="no-print" links={[{ href: `/events/${e.slug}`, label: text(e.title, locale) }]} />
      <p class="draft-mark">{t('events.outputs.draft')}</p>
      <h1>{t('events.outputs.reportTitle', { title: text(e.title, locale) })}</h1>
      <p class="no-print hint">{t('events.outputs.printHint')}</p>
      <p>
        <When ctx={ctx} e={e} compact />
        {e.venue ? (
          <>
            {' '}
            · <span dir="auto">{e.venue}</span>
          </>
        ) : null}
      </p>
      {d.detail.organizers.length ? (
        <p>
          {t('events.outputs.organizedBy', {
            list: listFormat(locale, { type: 'conjunction' }).format(d.detail.organizers.map((o) => org(o.names))),
          })}
        </p>
      ) : null}
      {participation.published ? (
        <p>
          {participation.published.sentence}{' '}
          <span class="muted">{t('events.figures.publishedNote', { source: participation.published.source })}</span>
        </p>
      ) : null}
      {participation.recorded ? <p>{t('events.figures.recordedLine', { sentence: participation.recorded })}</p> : null}
      <section aria-labelledby="r-programme">
        <h2 id="r-programme">{t('events.outputs.proceedings')}</h2>
        {d.detail.sessions.length ? (
          d.detail.sessions.map((s) => {
            const spoke = d.speakers.filter((x) => x.sessionId === s.id);
            const stmts = d.statements.filter((x) => x.s.sessionId === s.id);
            const when = s.startsAt
              ? s.endsAt
                ? formatRange(locale, s.startsAt, s.endsAt, tz)
                : formatTime(locale, s.startsAt, tz)
              : '';
            return (
              <section class="report-session" aria-label={pick(s.title, locale)?.text}>
                <h3>
                  <span dir="auto">{pick(s.title, locale)?.text}</span>{' '}
                  <span class="muted">
                    ({t(`events.session.${s.kind}`)}
                    {when ? `, ${when}` : ''})
                  </span>
                </h3>
                {s.chairName ? (
                  <p>
                    {t(s.chairRole === 'moderator' ? 'events.moderator' : 'events.chair')}:{' '}
                    <span dir="auto">{s.chairName}</span>
                  </p>
                ) : null}
                {s.slots.length ? (
                  <p>
                    {t('events.authoring.speakers')}:{' '}
                    {s.slots.map((x, i) => (
                      <>
                        {i ? '; ' : ''}
                        <span dir="auto">
                          {x.speakerName}
                          {x.affiliation ? `, ${x.affiliation}` : ''}
                        </span>
                      </>
                    ))}
                  </p>
                ) : null}
                {spoke.length ? (
                  <p>
                    {t('events.outputs.tookFloor', { count: spoke.length })}:{' '}
                    {spoke.map((x, i) => (
                      <>
                        {i ? '; ' : ''}
                        {org(x.org)}
                        {x.speakerName ? <span dir="auto"> ({x.speakerName})</span> : null}
                      </>
                    ))}
                  </p>
                ) : null}
                {stmts.map((x) => (
                  <blockquote lang={x.s.language} dir={dir(x.s.language as Locale)}>
                    <p>
                      <strong>{org(x.org)}</strong> — <span dir="auto">{x.s.speakerName}</span>
                    </p>
                    {x.s.body ? (
                      x.s.body.split(/\n{2,}/).map((p) => <p>{p}</p>)
                    ) : (
                      <p>{t('events.outputs.fileOnly', { name: x.s.file?.name ?? '' })}</p>
                    )}
                  </blockquote>
                ))}
              </section>
            );
          })
        ) : (
          <p>{t('events.authoring.noSessions')}</p>
        )}
      </section>
      {summaryWritten(d.summary) ? (
        <SummarySection ctx={ctx} slug={e.slug} summary={d.summary} />
      ) : (
        <p>{t('events.outputs.noSummary')}</p>
      )}
      {d.actions.length ? (
        <section aria-labelledby="r-actions">
          <h2 id="r-actions">{t('events.outputs.actions')}</h2>
          <ul>
            {d.actions.map((a) => (
              <li>
                <span dir="auto">{a.a.title}</span> — {nameIn(a.owner, ctx.locale) || '—'} —{' '}
                {t(`events.outputs.status.${a.a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
