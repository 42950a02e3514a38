// Views of the public pages: the listing with its filters, a series, and the event page. Everything works without
// JavaScript: links, GET filter forms, POST forms with CSRF.
import type { ComponentChildren } from 'preact';
import { can, isUser } from '../../../platform/auth/policy.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { AUTONYMS, listFormat, nameIn } from '../../../platform/i18n/index.ts';
import { EmptyState, Pagination, Select } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { SharedPart, type PartStore } from '../../../platform/views/shared-parts.tsx';
import { frameworkName, frameworkRecords } from '../../framework/index.ts';
import { EVENT_FORMATS, EVENT_TYPES } from '../events.schema.ts';
import { type TranslatableText } from '../../../platform/i18n/text.ts';
import type { EventRow } from '../shared/events.service.ts';
import { pick, versions } from '../../../platform/i18n/text.ts';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { EventBadges, When } from '../shared/views.tsx';
import { DocumentsSection } from '../documents/documents.views.tsx';
import { SummarySection } from '../outputs/outputs.views.tsx';
import { Changelog, Programme, versionTitle, type VersionRow } from '../programme/programme.views.tsx';
import { RegistrationBox } from '../registration/registration.views.tsx';
import { ParticipationBlock } from '../figures/figures.views.tsx';
import type { EventDetail } from './public.service.ts';
import type { ChairsSummary } from '../outputs/outputs.service.ts';
import type { Participation } from './stats.service.ts';

export const PAGE_SIZE = 20;

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

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
  rows: (EventRow & { seriesTitle: TranslatableText | null })[];
  total: number;
  page: number;
  series: { slug: string; title: TranslatableText }[];
}) {
  const { t } = ctx;
  const when = query.when === 'past' ? 'past' : 'upcoming';
  const base = { ...query, page: undefined } as Record<string, string | undefined>;
  const kept = Object.fromEntries(Object.entries(base).filter(([, v]) => v)) as Record<string, string>;
  const tab = (w: string) => `/events?${new URLSearchParams({ ...kept, when: w }).toString()}`;
  const pillars = frameworkRecords().filter((f) => f.kind === 'pillar');
  const themes = frameworkRecords().filter((f) => f.kind === 'theme');
  return (
    <section>
      <h1>{t('events.title')}</h1>
      {can(ctx.actor, 'event.create') ? (
        <p>
          <a class="button" href="/events/new">
            {t('events.authoring.new')}
          </a>
        </p>
      ) : null}
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
          options={pillars.map((p) => ({ value: p.code, label: nameIn(p.names, ctx.locale) }))}
        />
        <Select
          name="theme"
          label={t('events.theme')}
          value={query.theme}
          includeEmpty={t('events.allThemes')}
          options={themes.map((p) => ({ value: p.code, label: nameIn(p.names, ctx.locale) }))}
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
                  <Text ctx={ctx} value={e.title} note={false} />
                </a>
              </h2>
              <p>
                <When ctx={ctx} e={e} compact /> · {t(`events.type.${e.type}`)} · {t(`events.formatValue.${e.format}`)}
                <EventBadges ctx={ctx} e={e} />
              </p>
              {e.seriesTitle ? (
                <p class="muted">
                  {t('events.inSeries', { number: e.seriesNumber ?? 0, series: plain(ctx, e.seriesTitle) })}
                </p>
              ) : null}
              <Text ctx={ctx} value={e.summary} as="p" note={false} />
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
  title: TranslatableText;
  slug: string;
  rows: EventRow[];
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb links={[{ href: '/events', label: t('events.title') }]} />
      <Text ctx={ctx} value={title} as="h1" />
      {rows.length ? (
        <ol class="event-list">
          {rows.map((e) => (
            <li>
              <a href={`/events/${e.slug}`}>
                <Text ctx={ctx} value={e.title} note={false} />
              </a>{' '}
              — <When ctx={ctx} e={e} compact />
              <EventBadges ctx={ctx} e={e} />
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
  participation,
  canDelegate,
  version,
  summary = { items: [], documents: [] },
  parts,
}: {
  ctx: ViewContext;
  d: EventDetail;
  participation: Participation;
  canDelegate: boolean;
  version: VersionRow | null;
  summary?: ChairsSummary;
  /** The kept HTML of the page's shared parts (for signed-in readers of an event open to all of them). */
  parts?: PartStore;
}) {
  const { t } = ctx;
  const e = d.event;
  const accepted = d.mine?.status === 'accepted';
  // What every signed-in reader of the event gets alike is kept as HTML with the event's shared data (`parts`, from
  // the route; shared-parts.tsx); the reader's own parts — the draft notice's tools, the meeting link, registration,
  // the participants' list and the organizers' tools, proposing a side event — are rendered for each request.
  return (
    <article class="event">
      <SharedPart ctx={ctx} store={parts} name="head">
        {(ctx) => (
          <>
            <Breadcrumb
              links={[
                { href: '/events', label: ctx.t('events.title') },
                ...(d.parent ? [{ href: `/events/${d.parent.slug}`, label: plain(ctx, d.parent.title) }] : []),
              ]}
            />
            <EventTitle ctx={ctx} text={e} />
            <p class="lead">
              {ctx.t(`events.type.${e.type}`)} · {ctx.t(`events.formatValue.${e.format}`)}
              {d.series ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/events/series/${d.series.slug}`}>
                    {ctx.t('events.inSeries', { number: e.seriesNumber ?? 0, series: plain(ctx, d.series.title) })}
                  </a>
                </>
              ) : null}
              <EventBadges ctx={ctx} e={e} />
            </p>
          </>
        )}
      </SharedPart>
      {e.status === 'draft' || !d.signed ? (
        <DraftNotice ctx={ctx} slug={e.slug} manage={d.manage} unsigned={e.status !== 'draft'} />
      ) : null}
      {e.status === 'cancelled' ? (
        <p class="error-summary" role="status">
          {t('events.cancelledNotice')}
        </p>
      ) : null}
      <dl class="facts">
        <SharedPart ctx={ctx} store={parts} name="facts">
          {(ctx) => <EventFacts ctx={ctx} e={e} organizers={d.organizers} />}
        </SharedPart>
        {e.format !== 'in_person' ? (
          <Fact term={t('events.meetingLink')}>
            {accepted && e.meetingUrl ? (
              <a href={e.meetingUrl} rel="noopener noreferrer">
                {e.meetingUrl}
              </a>
            ) : (
              <span class="muted">{t('events.meetingLinkHidden')}</span>
            )}
          </Fact>
        ) : null}
      </dl>
      <SharedPart ctx={ctx} store={parts} name="about">
        {(ctx) => (
          <>
            <p>
              <a class="button secondary" href={`/events/${e.slug}/calendar.ics`} type="text/calendar">
                {ctx.t('events.addToCalendar')}
              </a>
            </p>
            <EventAbout ctx={ctx} text={e} />
          </>
        )}
      </SharedPart>
      <RegistrationBox ctx={ctx} d={d} canDelegate={canDelegate} />
      <SharedPart ctx={ctx} store={parts} name="participation">
        {(ctx) => <ParticipationBlock ctx={ctx} slug={e.slug} p={participation} />}
      </SharedPart>
      {d.participantsVisible ? (
        <p>
          <a href={`/events/${e.slug}/participants`}>{t('events.participants')}</a>
        </p>
      ) : null}
      {d.manage ? <ManageLinks ctx={ctx} slug={e.slug} type={e.type} /> : null}
      <SharedPart ctx={ctx} store={parts} name="programme">
        {(ctx) => (
          <>
            <Programme ctx={ctx} e={e} sessions={d.sessions} />
            {version ? <ProgrammeVersion ctx={ctx} version={version} /> : null}
          </>
        )}
      </SharedPart>
      {e.type === 'week' && isUser(ctx.actor) && e.endsAt > new Date() ? (
        <p>
          <a href={`/events/${e.slug}/side-events/propose`}>{t('events.side.propose')}</a>
        </p>
      ) : null}
      <SharedPart ctx={ctx} store={parts} name="more">
        {(ctx) => (
          <>
            {d.children.length ? (
              <section aria-labelledby="side-events">
                <h2 id="side-events">{ctx.t('events.sideEventsTitle')}</h2>
                <ul class="event-list">
                  {d.children.map((c) => (
                    <li>
                      <a href={`/events/${c.slug}`}>
                        <Text ctx={ctx} value={c.title} note={false} />
                      </a>{' '}
                      — <When ctx={ctx} e={c} compact /> · {ctx.t(`events.type.${c.type}`)}
                      <EventBadges ctx={ctx} e={c} />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <SummarySection ctx={ctx} slug={e.slug} summary={summary} />
            <p>
              <a href={`/events/statements?event=${e.slug}`}>{ctx.t('events.statements.title')}</a>
            </p>
            <DocumentsSection ctx={ctx} slug={e.slug} documents={d.documents} />
            <section aria-labelledby="translations">
              <h2 id="translations">{ctx.t('events.translations')}</h2>
              <ul class="plain">
                {versions(e.title).map((v) => (
                  <li>
                    {AUTONYMS[v.lang]}: {ctx.t(`text.status.${v.status}`)}
                  </li>
                ))}
              </ul>
            </section>
          </>
        )}
      </SharedPart>
    </article>
  );
}

type Organizer = EventDetail['organizers'][number];

/** The event's facts every reader gets alike: when, where, who organizes it, its pillars and themes, for whom. */
function EventFacts({
  ctx,
  e,
  organizers: all,
}: {
  ctx: ViewContext;
  e: EventDetail['event'];
  organizers: Organizer[];
}) {
  const { t, locale } = ctx;
  const organizers = all.filter((o) => o.role === 'organizer');
  const others = all.filter((o) => o.role !== 'organizer');
  const orgs = (list: Organizer[]) =>
    list.map((o, i) => (
      <>
        {i ? ', ' : ''}
        <span>
          {nameIn(o.names, locale)}
          {o.acronym ? ` (${o.acronym})` : ''}
        </span>
      </>
    ));
  const frameworkList = (codes: string[]) => (
    <ul class="plain">
      {codes.map((c) => (
        <li>{frameworkName(c, locale)}</li>
      ))}
    </ul>
  );
  return (
    <>
      <Fact term={t('events.when')}>
        <When ctx={ctx} e={e} />
      </Fact>
      <EventVenue ctx={ctx} text={e} />
      {organizers.length ? (
        <Fact term={t('events.organizer', { count: organizers.length })}>{orgs(organizers)}</Fact>
      ) : null}
      {others.length ? <Fact term={t('events.coOrganizers', { count: others.length })}>{orgs(others)}</Fact> : null}
      {e.pillars.length ? <Fact term={t('events.pillars')}>{frameworkList(e.pillars)}</Fact> : null}
      {e.themes.length ? <Fact term={t('events.themes')}>{frameworkList(e.themes)}</Fact> : null}
      <Fact term={t('events.openTo')}>
        {listFormat(locale, { type: 'conjunction' }).format(e.openTo.map((o) => t(`orgType.${o}`)))}
      </Fact>
      <Fact term={t('events.visibility')}>
        {e.status === 'draft'
          ? t('events.draftVisibility', { visibility: t(`events.visibilityValue.${e.visibility}`) })
          : t(`events.visibilityValue.${e.visibility}`)}
      </Fact>
    </>
  );
}

/** One term of a description list and its description. */
const Fact = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
);

/** The programme's latest published version and what changed in it. */
function ProgrammeVersion({ ctx, version }: { ctx: ViewContext; version: VersionRow }) {
  return (
    <section aria-labelledby="programme-version">
      <h2 id="programme-version">{versionTitle(ctx, version)}</h2>
      <Changelog ctx={ctx} v={version} />
    </section>
  );
}

/** A draft's page says so, and gives its managers the one way to publish it. */
// The parts of the page that show the event's public text (the signed revision's): the page uses them, and so does
// the publishing monitor (publication.render.tsx), which checks the page as readers get it.
type PublicText = Pick<EventRow, 'title' | 'summary' | 'description' | 'venue'>;

export const EventTitle = ({ ctx, text }: { ctx: ViewContext; text: PublicText }) => (
  <Text ctx={ctx} value={text.title} as="h1" />
);

export const EventVenue = ({ ctx, text }: { ctx: ViewContext; text: PublicText }) =>
  text.venue ? (
    <>
      <dt>{ctx.t('events.venue')}</dt>
      <dd>
        <bdi>{text.venue}</bdi>
      </dd>
    </>
  ) : null;

export const EventAbout = ({ ctx, text }: { ctx: ViewContext; text: PublicText }) => (
  <>
    <Text ctx={ctx} value={text.summary} as="p" />
    <section aria-labelledby="about">
      <h2 id="about">{ctx.t('events.about')}</h2>
      <Text ctx={ctx} value={text.description} as="div" />
    </section>
  </>
);

/** A draft, or an event whose text was never published with two signatures: its managers preview the row's text. */
function DraftNotice({
  ctx,
  slug,
  manage,
  unsigned,
}: {
  ctx: ViewContext;
  slug: string;
  manage: boolean;
  unsigned: boolean;
}) {
  const { t } = ctx;
  return (
    <div class="notice draft" role="note">
      <p>{t(unsigned ? 'events.publication.unsignedNotice' : 'events.draftNotice')}</p>
      {manage ? (
        <p>
          <a class="button" href={`/events/${slug}/publishing`}>
            {t('events.publication.review')}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** The organizers' tools of an event, linked from its page. */
export function ManageLinks({ ctx, slug, type }: { ctx: ViewContext; slug: string; type: string }) {
  const { t } = ctx;
  const links: [string, string][] = [
    [`/events/${slug}/manage`, t('events.manage.title')],
    [`/events/${slug}/edit`, t('events.authoring.edit')],
    [`/events/${slug}/programme`, t('events.authoring.programme')],
    [`/events/${slug}/documents`, t('events.documents')],
    [`/events/${slug}/registrations`, t('events.manageRegistrations')],
    [`/events/${slug}/registrations/import`, t('events.bulk.importTitle')],
    [`/events/${slug}/messages`, t('events.messages.title')],
    [`/events/${slug}/badges`, t('events.bulk.badges')],
    [`/events/${slug}/participants/print`, t('events.bulk.printList')],
    [`/events/${slug}/figures`, t('events.figures.title')],
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
