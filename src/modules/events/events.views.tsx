// Views of the events module. Everything works without JavaScript: links, GET filter forms, POST forms with CSRF.
import { isUser } from '../../platform/auth/policy.ts';
import { BarChart } from '../../platform/views/charts.tsx';
import { dir, formatNumber, type Locale, dateFormat, listFormat } from '../../platform/i18n/index.ts';
import {
  EmptyState,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { AUTONYMS } from '../../platform/i18n/index.ts';
import { FRAMEWORK } from '../framework/data/framework.ts';
import { ORG_TYPES, REGIONAL_GROUPS, type LocalizedText } from '../directory/directory.schema.ts';
import { EVENT_FORMATS, EVENT_TYPES, GENDERS, type Translated } from './events.schema.ts';
import { pick, versions } from './shared/translate.ts';
import { When } from './shared/views.tsx';

export { When };
import type { EventDetail, EventRow, Registration, Window } from './events.service.ts';
import { Tr } from './shared/translate.views.tsx';
import type { Figures, Stats } from './events.stats.ts';
import { Changelog, Programme, type VersionRow } from './programme/programme.views.tsx';
import { SummarySection } from './outputs/outputs.views.tsx';
import type { eventSummaryItems } from './events.schema.ts';
type SummaryItem = typeof eventSummaryItems.$inferSelect;

export const PAGE_SIZE = 20;

const orgName = (names: LocalizedText, locale: Locale) => names[locale] || names.en;
export const frameworkName = (code: string, locale: Locale) =>
  FRAMEWORK.find((f) => f.code === code)?.names[locale] ?? code;

const plain = (ctx: ViewContext, f: Translated) => pick(f, ctx.locale)?.text ?? '';

// ---------- listing ----------

export interface ListQuery {
  when?: string;
  type?: string;
  format?: string;
  series?: string;
  pillar?: string;
  theme?: string;
  q?: string;
  page?: number;
}

export function EventListPage({
  ctx,
  query,
  rows,
  total,
  page,
  series,
}: {
  ctx: ViewContext;
  query: ListQuery;
  rows: (EventRow & { seriesTitle: Translated | null })[];
  total: number;
  page: number;
  series: { slug: string; title: Translated }[];
}) {
  const { t } = ctx;
  const when = query.when === 'past' ? 'past' : 'upcoming';
  const base = { ...query, page: undefined } as Record<string, string | undefined>;
  const tab = (w: string) =>
    `/events?${new URLSearchParams({ ...Object.fromEntries(Object.entries(base).filter(([, v]) => v)), when: w }).toString()}`;
  const pillars = FRAMEWORK.filter((f) => f.kind === 'pillar');
  const themes = FRAMEWORK.filter((f) => f.kind === 'theme');
  return (
    <section>
      <h1>{t('events.title')}</h1>
      <nav class="tabs" aria-label={t('events.whenLabel')}>
        <a href={tab('upcoming')} aria-current={when === 'upcoming' ? 'page' : undefined}>
          {t('events.upcoming')}
        </a>
        <a href={tab('past')} aria-current={when === 'past' ? 'page' : undefined}>
          {t('events.past')}
        </a>
      </nav>
      <form method="get" action="/events" class="filters" role="search" aria-label={t('events.filters')}>
        <input type="hidden" name="when" value={when} />
        <div class="field">
          <label for="f-q">{t('events.search')}</label>
          <input id="f-q" type="search" name="q" value={query.q ?? ''} dir="auto" maxLength={200} />
        </div>
        <Select
          name="type"
          label={t('field.type')}
          value={query.type}
          includeEmpty={t('events.allTypes')}
          options={EVENT_TYPES.map((v) => ({ value: v, label: t(`events.type.${v}`) }))}
        />
        <Select
          name="format"
          label={t('events.format')}
          value={query.format}
          includeEmpty={t('events.allFormats')}
          options={EVENT_FORMATS.map((v) => ({ value: v, label: t(`events.formatValue.${v}`) }))}
        />
        <Select
          name="series"
          label={t('events.series')}
          value={query.series}
          includeEmpty={t('events.allSeries')}
          options={series.map((s) => ({ value: s.slug, label: plain(ctx, s.title) }))}
        />
        <Select
          name="pillar"
          label={t('events.pillar')}
          value={query.pillar}
          includeEmpty={t('events.allPillars')}
          options={pillars.map((p) => ({ value: p.code, label: p.names[ctx.locale] }))}
        />
        <Select
          name="theme"
          label={t('events.theme')}
          value={query.theme}
          includeEmpty={t('events.allThemes')}
          options={themes.map((p) => ({ value: p.code, label: p.names[ctx.locale] }))}
        />
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <p class="count" role="status">
        {t('events.count', { count: total })}
      </p>
      {rows.length ? (
        <ul class="event-list">
          {rows.map((e) => (
            <li>
              <h2>
                <a href={`/events/${e.slug}`}>
                  <Tr ctx={ctx} f={e.title} note={false} />
                </a>
              </h2>
              <p>
                <When ctx={ctx} e={e} compact /> · {t(`events.type.${e.type}`)} · {t(`events.formatValue.${e.format}`)}
                {e.status === 'cancelled' ? (
                  <>
                    {' '}
                    · <strong>{t('events.cancelled')}</strong>
                  </>
                ) : null}
                {e.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
              </p>
              {e.seriesTitle ? (
                <p class="muted">
                  {t('events.inSeries', { number: e.seriesNumber ?? 0, series: plain(ctx, e.seriesTitle) })}
                </p>
              ) : null}
              <Tr ctx={ctx} f={e.summary} as="p" note={false} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{when === 'upcoming' ? t('events.emptyUpcoming') : t('events.emptyPast')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE_SIZE} total={total} baseQuery={{ ...base, when }} />
      <p>
        <a href="/events/calendar.ics" type="text/calendar">
          {t('events.feedAll')}
        </a>
      </p>
    </section>
  );
}

export function SeriesPage({
  ctx,
  title,
  slug,
  rows,
}: {
  ctx: ViewContext;
  title: Translated;
  slug: string;
  rows: EventRow[];
}) {
  const { t } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href="/events">{t('events.title')}</a>
      </p>
      <Tr ctx={ctx} f={title} as="h1" />
      {rows.length ? (
        <ol class="event-list">
          {rows.map((e) => (
            <li>
              <a href={`/events/${e.slug}`}>
                <Tr ctx={ctx} f={e.title} note={false} />
              </a>{' '}
              — <When ctx={ctx} e={e} compact />
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('events.emptyPast')}</EmptyState>
      )}
      <p>
        <a href={`/events/series/${slug}/calendar.ics`} type="text/calendar">
          {t('events.feedSeries')}
        </a>
      </p>
    </section>
  );
}

// ---------- the event page ----------

export function EventPage({
  ctx,
  d,
  sentence,
  sideEvents,
  canDelegate,
  version,
  summary = [],
}: {
  ctx: ViewContext;
  d: EventDetail;
  sentence: string | null;
  sideEvents: string | null;
  canDelegate: boolean;
  version: VersionRow | null;
  summary?: SummaryItem[];
}) {
  const { t, locale } = ctx;
  const e = d.event;
  const organizers = d.organizers.filter((o) => o.role === 'organizer');
  const others = d.organizers.filter((o) => o.role !== 'organizer');
  const orgLink = (o: { slug: string; names: LocalizedText; acronym: string | null }) => (
    <span>
      {orgName(o.names, locale)}
      {o.acronym ? ` (${o.acronym})` : ''}
    </span>
  );
  const accepted = d.mine?.status === 'accepted';
  return (
    <article class="event">
      <p class="breadcrumb">
        <a href="/events">{t('events.title')}</a>
        {d.parent ? (
          <>
            {' '}
            › <a href={`/events/${d.parent.slug}`}>{plain(ctx, d.parent.title)}</a>
          </>
        ) : null}
      </p>
      <Tr ctx={ctx} f={e.title} as="h1" />
      <p class="lead">
        {t(`events.type.${e.type}`)} · {t(`events.formatValue.${e.format}`)}
        {d.series ? (
          <>
            {' '}
            ·{' '}
            <a href={`/events/series/${d.series.slug}`}>
              {t('events.inSeries', { number: e.seriesNumber ?? 0, series: plain(ctx, d.series.title) })}
            </a>
          </>
        ) : null}
        {e.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
      </p>
      {e.status === 'cancelled' ? (
        <p class="error-summary" role="status">
          {t('events.cancelledNotice')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('events.when')}</dt>
        <dd>
          <When ctx={ctx} e={e} />
        </dd>
        {e.venue ? (
          <>
            <dt>{t('events.venue')}</dt>
            <dd dir="auto">{e.venue}</dd>
          </>
        ) : null}
        {organizers.length ? (
          <>
            <dt>{t('events.organizer', { count: organizers.length })}</dt>
            <dd>
              {organizers.map((o, i) => (
                <>
                  {i ? ', ' : ''}
                  {orgLink(o)}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {others.length ? (
          <>
            <dt>{t('events.coOrganizers', { count: others.length })}</dt>
            <dd>
              {others.map((o, i) => (
                <>
                  {i ? ', ' : ''}
                  {orgLink(o)}
                </>
              ))}
            </dd>
          </>
        ) : null}
        {e.pillars.length ? (
          <>
            <dt>{t('events.pillars')}</dt>
            <dd>
              <ul class="plain">
                {e.pillars.map((c) => (
                  <li>{frameworkName(c, locale)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {e.themes.length ? (
          <>
            <dt>{t('events.themes')}</dt>
            <dd>
              <ul class="plain">
                {e.themes.map((c) => (
                  <li>{frameworkName(c, locale)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('events.openTo')}</dt>
        <dd>{listFormat(locale, { type: 'conjunction' }).format(e.openTo.map((o) => t(`orgType.${o}`)))}</dd>
        <dt>{t('events.visibility')}</dt>
        <dd>{t(`events.visibilityValue.${e.visibility}`)}</dd>
        {e.format !== 'in_person' ? (
          <>
            <dt>{t('events.meetingLink')}</dt>
            <dd>
              {accepted && e.meetingUrl ? (
                <a href={e.meetingUrl} rel="noopener noreferrer">
                  {e.meetingUrl}
                </a>
              ) : (
                <span class="muted">{t('events.meetingLinkHidden')}</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a class="button secondary" href={`/events/${e.slug}/calendar.ics`} type="text/calendar">
          {t('events.addToCalendar')}
        </a>
      </p>
      <Tr ctx={ctx} f={e.summary} as="p" />
      <section aria-labelledby="about">
        <h2 id="about">{t('events.about')}</h2>
        <Tr ctx={ctx} f={e.description} as="div" />
      </section>
      <RegistrationBox ctx={ctx} d={d} canDelegate={canDelegate} />
      {sentence || sideEvents ? (
        <section aria-labelledby="participation">
          <h2 id="participation">{t('events.participation')}</h2>
          {sentence ? <p>{sentence}</p> : null}
          {sideEvents ? <p>{sideEvents}</p> : null}
          <p>
            <a href={`/events/${e.slug}/statistics`}>{t('events.statistics')}</a>
          </p>
        </section>
      ) : null}
      {d.participantsVisible ? (
        <p>
          <a href={`/events/${e.slug}/participants`}>{t('events.participants')}</a>
        </p>
      ) : null}
      {d.manage ? <ManageLinks ctx={ctx} slug={e.slug} type={e.type} /> : null}
      <Programme ctx={ctx} e={e} sessions={d.sessions} />
      {version ? (
        <section aria-labelledby="programme-version">
          <h2 id="programme-version">
            {t('events.programmeVersion', {
              number: version.number,
              date: dateFormat(locale, {
                dateStyle: 'long',
                timeStyle: 'short',
                timeZone: ctx.timeZone || 'UTC',
              }).format(version.publishedAt),
            })}
          </h2>
          <Changelog ctx={ctx} v={version} />
        </section>
      ) : null}
      {e.type === 'week' && isUser(ctx.actor) && e.endsAt > new Date() ? (
        <p>
          <a href={`/events/${e.slug}/side-events/propose`}>{t('events.side.propose')}</a>
        </p>
      ) : null}
      {d.children.length ? (
        <section aria-labelledby="side-events">
          <h2 id="side-events">{t('events.sideEventsTitle')}</h2>
          <ul class="event-list">
            {d.children.map((c) => (
              <li>
                <a href={`/events/${c.slug}`}>
                  <Tr ctx={ctx} f={c.title} note={false} />
                </a>{' '}
                — <When ctx={ctx} e={c} compact /> · {t(`events.type.${c.type}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <SummarySection ctx={ctx} items={summary} />
      <p>
        <a href={`/events/statements?event=${e.slug}`}>{t('events.statements.title')}</a>
      </p>
      {d.documents.length ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('events.documents')}</h2>
          <ul class="documents">
            {d.documents.map((doc) => {
              const langs = Object.keys(doc.versions) as Locale[];
              const mine = doc.versions[locale] ?? (langs[0] ? doc.versions[langs[0]] : undefined);
              const mineLang = doc.versions[locale] ? locale : langs[0];
              return (
                <li>
                  <strong>
                    <Tr ctx={ctx} f={doc.title} note={false} />
                  </strong>{' '}
                  <span class="muted">({t(`events.docKind.${doc.kind}`)})</span>
                  {langs.length ? (
                    <span class="muted">
                      {' '}
                      · {t('events.languages')}: {langs.map((l) => AUTONYMS[l]).join(', ')}
                    </span>
                  ) : (
                    <span class="muted"> · {t('events.docNotOnline')}</span>
                  )}
                  {mine?.url ? (
                    <p>
                      <a href={mine.url} hrefLang={mineLang}>
                        {t('events.open')}
                      </a>
                    </p>
                  ) : null}
                  {mine?.file ? (
                    <p>
                      <a href={`/events/${e.slug}/documents/${doc.id}/${mineLang}`} hrefLang={mineLang}>
                        {t('events.statements.download', { name: mine.file.name })}
                      </a>
                    </p>
                  ) : null}
                  {mine?.body ? (
                    <div class="doc-body" lang={mineLang} dir={dir(mineLang as Locale)}>
                      {mine.body.split('\n').map((l) => (
                        <p>{l}</p>
                      ))}
                    </div>
                  ) : null}
                  {mine && mineLang !== locale ? (
                    <p class="notice translation" role="note">
                      {t('events.fallback', { language: AUTONYMS[mineLang as Locale] })}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="translations">
        <h2 id="translations">{t('events.translations')}</h2>
        <ul class="plain">
          {versions(e.title).map((v) => (
            <li>
              {AUTONYMS[v.lang]}: {t(`events.translationStatus.${v.status}`)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function RegistrationBox({ ctx, d, canDelegate }: { ctx: ViewContext; d: EventDetail; canDelegate: boolean }) {
  const { t } = ctx;
  const e = d.event;
  const mine = d.mine && d.mine.status !== 'cancelled' ? d.mine : null;
  const w: Window = d.window;
  return (
    <section aria-labelledby="registration" class="registration">
      <h2 id="registration">{t('events.registration')}</h2>
      {e.capacity !== null && e.registrationMode !== 'closed' ? (
        <p>
          {t('events.seats', { taken: d.counts.accepted, capacity: e.capacity })}
          {d.counts.waitlisted ? <> {t('events.waitlistCount', { count: d.counts.waitlisted })}</> : null}
        </p>
      ) : null}
      {mine ? (
        <>
          <p class="notice" role="status">
            {t(`events.myStatus.${mine.status}`)}
          </p>
          {e.endsAt > new Date() && mine.status !== 'declined' ? (
            <PostForm ctx={ctx} action={`/events/${e.slug}/cancel`} class="inline">
              <button type="submit" class="secondary">
                {t('events.cancelRegistration')}
              </button>
            </PostForm>
          ) : null}
        </>
      ) : w.open ? (
        <p>
          <a class="button" href={`/events/${e.slug}/register`}>
            {w.next === 'waitlisted' ? t('events.joinWaitlist') : t('events.register')}
          </a>
        </p>
      ) : (
        <p class="notice" role="status">
          {t(`events.closed.${w.reason}`, {
            date: w.at
              ? dateFormat(ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: e.timeZone }).format(w.at)
              : '',
          })}
        </p>
      )}
      {canDelegate && w.open ? (
        <p>
          <a href={`/events/${e.slug}/delegation`}>{t('events.registerDelegation')}</a>
        </p>
      ) : null}
    </section>
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

// ---------- registration forms ----------

export function RegisterFormPage({
  ctx,
  e,
  values,
  errors,
  w,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  w: Window;
}) {
  const { t } = ctx;
  const title = t('events.registerFor', { title: plain(ctx, e.title) });
  return (
    <FormPage
      ctx={ctx}
      title={title}
      action={`/events/${e.slug}/register`}
      errors={errors}
      intro={
        <>
          <p>
            <When ctx={ctx} e={e} compact />
          </p>
          {w.open && w.next === 'waitlisted' ? (
            <p class="notice" role="note">
              {t('events.willWaitlist')}
            </p>
          ) : null}
          {w.open && w.next === 'pending' ? (
            <p class="notice" role="note">
              {t('events.willBeModerated')}
            </p>
          ) : null}
        </>
      }
    >
      {e.format === 'hybrid' ? (
        <Select
          name="attendance"
          label={t('events.attendance')}
          value={values.attendance}
          includeEmpty="—"
          options={[
            { value: 'in_person', label: t('events.attendanceValue.in_person') },
            { value: 'virtual', label: t('events.attendanceValue.virtual') },
          ]}
          error={errors?.attendance}
        />
      ) : null}
      {e.questions.map((q) => {
        const name = `q_${q.id}`;
        const label = `${plain(ctx, q.label)}${q.required ? '' : ` (${t('events.optional')})`}`;
        if (q.kind === 'choice')
          return (
            <Select
              name={name}
              label={label}
              value={values[name]}
              includeEmpty="—"
              options={(q.options ?? []).map((o) => ({ value: o.value, label: plain(ctx, o.label) }))}
              error={errors?.[name]}
            />
          );
        if (q.kind === 'yes_no')
          return (
            <Select
              name={name}
              label={label}
              value={values[name]}
              includeEmpty="—"
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
              error={errors?.[name]}
            />
          );
        return (
          <Field
            name={name}
            label={label}
            value={values[name]}
            error={errors?.[name]}
            maxLength={2000}
            required={q.required}
          />
        );
      })}
      <Select
        name="gender"
        label={`${t('events.gender')} (${t('events.optional')})`}
        value={values.gender}
        includeEmpty="—"
        options={GENDERS.map((g) => ({ value: g, label: t(`events.genderValue.${g}`) }))}
        error={errors?.gender}
      />
      <p class="hint">{t('events.genderHint')}</p>
      <button type="submit">
        {w.open && w.next === 'waitlisted' ? t('events.joinWaitlist') : t('events.register')}
      </button>
    </FormPage>
  );
}

export const DELEGATION_MEMBERS = 4;

export function DelegationFormPage({
  ctx,
  e,
  states,
  values,
  errors,
  existing,
}: {
  ctx: ViewContext;
  e: EventRow;
  states: { id: string; name: string }[];
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  existing: { r: Registration; stateOrgId: string }[];
}) {
  const { t } = ctx;
  const title = t('events.delegationFor', { title: plain(ctx, e.title) });
  return (
    <FormPage
      ctx={ctx}
      title={title}
      action={`/events/${e.slug}/delegation`}
      errors={errors}
      intro={
        <>
          <p>{t('events.delegationIntro')}</p>
          {existing.length ? (
            <>
              <h2>{t('events.delegationRegistered')}</h2>
              <ul>
                {existing.map((x) => (
                  <li>
                    <span dir="auto">{x.r.fullName}</span> —{' '}
                    {t(`events.delegationRole.${x.r.delegationRole ?? 'member'}`)} — {t(`events.status.${x.r.status}`)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      }
    >
      <Select
        name="stateOrgId"
        label={t('events.state')}
        value={values.stateOrgId}
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.stateOrgId}
      />
      {e.format === 'hybrid' ? (
        <Select
          name="attendance"
          label={t('events.attendance')}
          value={values.attendance}
          includeEmpty="—"
          options={[
            { value: 'in_person', label: t('events.attendanceValue.in_person') },
            { value: 'virtual', label: t('events.attendanceValue.virtual') },
          ]}
          error={errors?.attendance}
        />
      ) : null}
      <Select
        name="locale"
        label={t('events.delegationLanguage')}
        value={values.locale ?? ctx.locale}
        options={(Object.keys(AUTONYMS) as Locale[]).map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.locale}
      />
      <fieldset>
        <legend>{t('events.delegationRole.head')}</legend>
        <Field
          name="headName"
          label={t('field.name')}
          value={values.headName}
          error={errors?.headName}
          required
          maxLength={200}
        />
        <Field
          name="headEmail"
          type="email"
          label={t('field.email')}
          value={values.headEmail}
          error={errors?.headEmail}
          required
          maxLength={320}
          dirAuto={false}
        />
      </fieldset>
      {Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1).map((i) => (
        <fieldset>
          <legend>
            {t('events.delegationMember', { n: i })} ({t('events.optional')})
          </legend>
          <Field
            name={`member${i}Name`}
            label={t('field.name')}
            value={values[`member${i}Name`]}
            error={errors?.[`member${i}Name`]}
            maxLength={200}
          />
          <Field
            name={`member${i}Email`}
            type="email"
            label={t('field.email')}
            value={values[`member${i}Email`]}
            error={errors?.[`member${i}Email`]}
            maxLength={320}
            dirAuto={false}
          />
        </fieldset>
      ))}
      <button type="submit">{t('events.registerDelegation')}</button>
    </FormPage>
  );
}

// ---------- lists ----------

export function ParticipantsPage({
  ctx,
  e,
  rows,
  hiddenCso,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: { fullName: string; orgType: string | null; orgNames: LocalizedText | null; delegationRole: string | null }[];
  hiddenCso: number;
}) {
  const { t } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{plain(ctx, e.title)}</a>
      </p>
      <h1>{t('events.participants')}</h1>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('events.participants')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('events.organization')}</th>
              <th scope="col">{t('field.type')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td dir="auto">
                  {r.fullName}
                  {r.delegationRole === 'head' ? <span class="badge">{t('events.delegationRole.head')}</span> : null}
                </td>
                <td>{r.orgNames ? orgName(r.orgNames, ctx.locale) : '—'}</td>
                <td>{r.orgType ? t(`orgType.${r.orgType}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.noParticipants')}</EmptyState>
      )}
      {hiddenCso ? (
        <p class="notice" role="note">
          {t('events.csoHidden', { count: hiddenCso })}
        </p>
      ) : null}
    </section>
  );
}

export function RegistrationsPage({
  ctx,
  e,
  rows,
  status,
}: {
  ctx: ViewContext;
  e: EventRow;
  rows: (Registration & { orgNames: LocalizedText | null })[];
  status?: string;
}) {
  const { t } = ctx;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{plain(ctx, e.title)}</a>
      </p>
      <h1>{t('events.manageRegistrations')}</h1>
      <form method="get" action={`/events/${e.slug}/registrations`} class="filters">
        <Select
          name="status"
          label={t('events.statusLabel')}
          value={status}
          includeEmpty={t('events.allStatuses')}
          options={(['pending', 'accepted', 'waitlisted', 'declined', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`events.status.${s}`),
          }))}
        />
        <button type="submit">{t('directory.apply')}</button>
      </form>
      <p>
        <a href={`/events/${e.slug}/registrations.csv`}>{t('events.exportCsv')}</a> ·{' '}
        <a href={`/events/${e.slug}/registrations.xlsx`}>{t('events.exportXlsx')}</a>
      </p>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('events.manageRegistrations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('events.organization')}</th>
              <th scope="col">{t('events.statusLabel')}</th>
              <th scope="col">{t('events.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td dir="auto">
                  {r.fullName}
                  <br />
                  <span class="muted" dir="ltr">
                    {r.email}
                  </span>
                </td>
                <td>
                  {r.orgNames ? orgName(r.orgNames, ctx.locale) : '—'}
                  {r.delegationRole ? (
                    <span class="badge">{t(`events.delegationRole.${r.delegationRole}`)}</span>
                  ) : null}
                </td>
                <td>
                  {t(`events.status.${r.status}`)}
                  {r.checkedInAt ? <span class="badge">{t('events.checkedIn')}</span> : null}
                </td>
                <td>
                  {r.status !== 'cancelled'
                    ? (['accept', 'waitlist', 'decline'] as const)
                        .filter(
                          (d) => ({ accept: 'accepted', waitlist: 'waitlisted', decline: 'declined' })[d] !== r.status,
                        )
                        .map((d) => (
                          <PostForm
                            ctx={ctx}
                            action={`/events/${e.slug}/registrations/${r.id}/decision`}
                            class="inline"
                          >
                            <input type="hidden" name="decision" value={d} />
                            <button type="submit" class="link">
                              {t(`events.decision.${d}`)}
                            </button>
                          </PostForm>
                        ))
                    : null}
                  {r.status === 'accepted' ? (
                    <PostForm ctx={ctx} action={`/events/${e.slug}/registrations/${r.id}/check-in`} class="inline">
                      <input type="hidden" name="present" value={r.checkedInAt ? '0' : '1'} />
                      <button type="submit" class="link">
                        {r.checkedInAt ? t('events.undoCheckIn') : t('events.checkIn')}
                      </button>
                    </PostForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('events.noRegistrations')}</EmptyState>
      )}
    </section>
  );
}

// ---------- statistics ----------

export function StatisticsPage({
  ctx,
  e,
  s,
  sentence,
  figures,
  sideEvents,
}: {
  ctx: ViewContext;
  e: EventRow;
  s: Stats;
  sentence: string | null;
  figures: Figures | null;
  sideEvents: string | null;
}) {
  const { t } = ctx;
  const n = (v: number) => formatNumber(ctx.locale, v);
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/events/${e.slug}`}>{plain(ctx, e.title)}</a>
      </p>
      <h1>{t('events.statistics')}</h1>
      {sentence ? <p class="lead">{sentence}</p> : null}
      {figures?.source ? <p class="muted">{t('events.reportedBy', { source: figures.source })}</p> : null}
      {sideEvents ? <p>{sideEvents}</p> : null}
      {s.participants ? (
        <>
          <BarChart
            ctx={ctx}
            id="by-category"
            title={t('events.byCategory')}
            data={[...ORG_TYPES]
              .filter((c) => s.byCategory[c] > 0)
              .map((c) => ({ label: t(`orgType.${c}`), value: s.byCategory[c] }))}
          />
          <BarChart
            ctx={ctx}
            id="by-group"
            title={t('events.byRegionalGroup')}
            data={REGIONAL_GROUPS.map((g) => ({ label: t(`group.${g}`), value: s.regionalGroups[g] }))}
          />
          <dl class="facts">
            <dt>{t('events.statsParticipants')}</dt>
            <dd>{n(s.participants)}</dd>
            <dt>{t('events.statsStates')}</dt>
            <dd>{n(s.memberStates)}</dd>
            <dt>{t('events.statsOrgs')}</dt>
            <dd>{n(s.regionalAndInternationalOrgs)}</dd>
            <dt>{t('events.statsEntities')}</dt>
            <dd>{n(s.unEntities)}</dd>
            <dt>{t('events.statsInstitutions')}</dt>
            <dd>{n(s.institutions)}</dd>
            <dt>{t('events.statsWomenLed')}</dt>
            <dd>{n(s.womenLedCsos)}</dd>
            <dt>{t('events.statsYouthLed')}</dt>
            <dd>{n(s.youthLedCsos)}</dd>
            <dt>{t('events.attendanceValue.in_person')}</dt>
            <dd>{n(s.attendance.in_person)}</dd>
            <dt>{t('events.attendanceValue.virtual')}</dt>
            <dd>{n(s.attendance.virtual)}</dd>
            <dt>{t('events.checkedIn')}</dt>
            <dd>{n(s.checkedIn)}</dd>
            <dt>{t('events.gender')}</dt>
            <dd>
              {s.gender
                ? t('events.genderAggregate', { women: s.gender.woman, men: s.gender.man, other: s.gender.other })
                : t('events.genderNotShown')}
            </dd>
          </dl>
        </>
      ) : (
        <EmptyState>{t('events.noStats')}</EmptyState>
      )}
    </section>
  );
}
