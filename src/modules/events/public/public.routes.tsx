// The public pages: the listing, series, the event page, statistics, and the iCalendar feeds (all events, a series,
// one event). Everything works without JavaScript.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can, isUser } from '../../../platform/auth/policy.ts';
import { canManageEvent, findEventForReader, findVisibleEvent, type ReaderRows } from '../shared/events.service.ts';
import { SlugParams, sendIcs } from '../shared/http.ts';
import { eventsIcs } from '../shared/ical.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { publicChairsSummary } from '../outputs/outputs.service.ts';
import { programmeVersions } from '../programme/programme.service.ts';
import { ListQuery, toFilters } from './public.http.ts';
import * as svc from './public.service.ts';
import { computeStats, participation } from './stats.service.ts';
import { EventListPage, EventPage, PAGE_SIZE, SeriesPage } from './public.views.tsx';
import { recordedValues, StatisticsPage } from './stats.views.tsx';
import { statisticsColumns, statisticsRows } from './stats.export.ts';
import { sendTable } from '../../../platform/export/tabular.ts';
import type { PartStore } from '../../../platform/views/shared-parts.tsx';

export default async function publicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const keptEventPages = app.keptAnswers('pages');
  const icsOptions = (req: FastifyRequest, name: string) => ({ name, locale: req.locale, baseUrl: config.baseUrl });

  app.get(
    '/events',
    { config: { access: 'public', pageCache: true }, schema: { querystring: ListQuery } },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const [r, series] = await Promise.all([
        svc.listEvents(ctxOf(req), toFilters(req.query, page, PAGE_SIZE)),
        svc.listSeries(db),
      ]);
      return reply.page(
        req.t('events.title'),
        <EventListPage
          ctx={reply.viewContext()}
          query={req.query}
          rows={r.rows}
          total={r.total}
          page={page}
          series={series}
        />,
      );
    },
  );

  app.get('/events/calendar.ics', { config: { access: 'public' } }, async (req, reply) =>
    sendIcs(reply, 'events.ics', eventsIcs(await svc.feedEvents(ctxOf(req)), icsOptions(req, req.t('events.title')))),
  );

  const SeriesParams = Type.Object({ series: Type.String({ minLength: 1, maxLength: 120 }) });
  app.get(
    '/events/series/:series',
    { config: { access: 'public' }, schema: { params: SeriesParams } },
    async (req, reply) => {
      const s = await svc.getSeries(db, req.params.series);
      const rows = await svc.feedEvents(ctxOf(req), s.slug);
      return reply.page(
        text(s.title, req.locale),
        <SeriesPage ctx={reply.viewContext()} title={s.title} slug={s.slug} rows={rows} />,
      );
    },
  );

  app.get(
    '/events/series/:series/calendar.ics',
    { config: { access: 'public' }, schema: { params: SeriesParams } },
    async (req, reply) => {
      const s = await svc.getSeries(db, req.params.series);
      return sendIcs(
        reply,
        `${s.slug}.ics`,
        eventsIcs(await svc.feedEvents(ctxOf(req), s.slug), icsOptions(req, text(s.title, req.locale))),
      );
    },
  );

  app.get(
    '/events/:slug',
    { config: { access: 'public', pageCache: true }, schema: { params: SlugParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // What the page shows besides the event's detail, the same for every reader.
      const around = async (d: Pick<svc.EventDetail, 'event' | 'documents'>) => {
        const [stats, [latest], summary] = await Promise.all([
          computeStats(db, d.event.id, d.event),
          programmeVersions({ db }, d.event.id, 1),
          publicChairsSummary(db, d.event.id, d.documents),
        ]);
        return { latest: latest ?? null, summary, participation: await participation(db, d.event, stats, req.locale) };
      };
      // A signed-in reader of an event open to all of them: the shared part is kept (see kept-answers.ts), with the
      // HTML of the page's parts it renders alike for them all (`parts`, filled as pages render: shared-parts.tsx),
      // and only their own is read, with the visibility check (the reader's own, every time), in one statement.
      // Anonymous readers get kept pages.
      type Shared = { content: svc.SharedEventContent; around: Awaited<ReturnType<typeof around>>; parts: PartStore };
      let shared: Shared | null = null;
      let reader: ({ id: string } & ReaderRows) | null = null;
      if (isUser(req.actor)) {
        reader = await findEventForReader({ db, actor: req.actor }, req.params.slug);
        const { id } = reader;
        shared = await keptEventPages.value(`${id}|${req.locale}`, async () => {
          const content = await svc.sharedEventContent(db, id);
          return content && { content, around: await around(content), parts: new Map() };
        });
      }
      const d =
        shared && reader
          ? svc.eventDetailFrom(req.actor, shared.content, reader)
          : await svc.getEventDetail(ctx, req.params.slug);
      const { latest, summary, participation: p } = shared?.around ?? (await around(d));
      const canDelegate =
        isUser(req.actor) && can(req.actor, 'event.delegation.manage') && d.event.openTo.includes('member_state');
      return reply.page(
        text(d.event.title, req.locale),
        <EventPage
          ctx={reply.viewContext()}
          d={d}
          participation={p}
          canDelegate={canDelegate}
          version={latest}
          summary={summary}
          parts={shared?.parts}
        />,
      );
    },
  );

  app.get(
    '/events/:slug/calendar.ics',
    { config: { access: 'public' }, schema: { params: SlugParams } },
    async (req, reply) => {
      const { e } = await svc.readableEvent(ctxOf(req), req.params.slug);
      return sendIcs(reply, `${e.slug}.ics`, eventsIcs([e], icsOptions(req, text(e.title, req.locale))));
    },
  );

  app.get(
    '/events/:slug/statistics',
    { config: { access: 'public', pageCache: true }, schema: { params: SlugParams } },
    async (req, reply) => {
      const { e } = await svc.readableEvent(ctxOf(req), req.params.slug);
      const s = await computeStats(db, e.id, e);
      const p = await participation(db, e, s, req.locale);
      return reply.page(
        req.t('events.statistics'),
        <StatisticsPage
          ctx={reply.viewContext()}
          e={e}
          s={s}
          p={p}
          recorded={recordedValues(s, e.type === 'week' ? p.recorded.side : undefined)}
          manage={await canManageEvent(db, req.actor, e.id)}
        />,
      );
    },
  );

  const ExportQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) });
  app.get(
    '/events/:slug/statistics/export',
    { config: { access: 'public' }, schema: { params: SlugParams, querystring: ExportQuery } },
    async (req, reply) => {
      const e = await findVisibleEvent(ctxOf(req), req.params.slug);
      const s = await computeStats(db, e.id, e);
      const p = await participation(db, e, s, req.locale);
      const rows = statisticsRows(
        e.publishedFigures,
        recordedValues(s, e.type === 'week' ? p.recorded.side : undefined),
        s,
      );
      return sendTable(
        reply,
        req.query.format ?? 'csv',
        `${e.slug}-statistics`,
        statisticsColumns(req.t, req.locale, e.publishedFigures),
        rows,
        { hxl: true, sheetName: 'statistics' },
      );
    },
  );
}
