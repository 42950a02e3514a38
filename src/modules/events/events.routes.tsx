// Events: HTML pages (listing, event page, registration, delegations, participant lists, organizers' pages,
// statistics) and iCalendar feeds. Everything works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { asc } from 'drizzle-orm';
import { can, isUser } from '../../platform/auth/policy.ts';
import { attempt, formErrors } from '../../platform/http/forms.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';
import type { FormErrors } from '../../platform/views/components.tsx';
import { organizations } from '../directory/directory.schema.ts';
import { inArray } from 'drizzle-orm';
import {
  eventSeries,
  EVENT_FORMATS,
  EVENT_TYPES,
  REGISTRATION_STATUSES,
  type EventFormat,
  type EventType,
  type RegistrationStatus,
} from './events.schema.ts';
import * as svc from './events.service.ts';
import authoringRoutes from './authoring/authoring.routes.tsx';
import programmeRoutes from './programme/programme.routes.tsx';
import documentsRoutes from './documents/documents.routes.tsx';
import floorRoutes from './floor/floor.routes.tsx';
import statementsRoutes from './statements/statements.routes.tsx';
import sideRoutes from './side-events/side-events.routes.tsx';
import outputsRoutes from './outputs/outputs.routes.tsx';
import { summaryOf } from './outputs/outputs.service.ts';
import { programmeVersions } from './programme/programme.service.ts';
import { eventsIcs } from './shared/ical.ts';
import { text } from './shared/translate.ts';
import {
  computeStats,
  participationSentence,
  sentenceFigures,
  sideEventCounts,
  sideEventsSentence,
} from './events.stats.ts';
import {
  DELEGATION_MEMBERS,
  DelegationFormPage,
  EventListPage,
  EventPage,
  PAGE_SIZE,
  ParticipantsPage,
  RegisterFormPage,
  RegistrationsPage,
  SeriesPage,
  StatisticsPage,
} from './events.views.tsx';

const Empty = Type.Literal('');
export const ListQuery = Type.Object({
  when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
  type: Type.Optional(Type.Union([Empty, ...EVENT_TYPES.map((t) => Type.Literal(t))])),
  format: Type.Optional(Type.Union([Empty, ...EVENT_FORMATS.map((t) => Type.Literal(t))])),
  series: Type.Optional(Type.String({ maxLength: 100 })),
  pillar: Type.Optional(Type.String({ maxLength: 100 })),
  theme: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
const RegParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  id: Type.String({ maxLength: 36 }),
});
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const RegisterBody = Type.Object(
  {
    attendance: Type.Optional(Type.String({ maxLength: 20 })),
    gender: Type.Optional(Type.String({ maxLength: 20 })),
    ...Csrf,
  },
  { additionalProperties: Type.String({ maxLength: 2000 }) },
);
const delegateFields = Object.fromEntries(
  Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1).flatMap((i) => [
    [`member${i}Name`, Type.Optional(Type.String({ maxLength: 200 }))],
    [`member${i}Email`, Type.Optional(Type.String({ maxLength: 320 }))],
  ]),
);
const DelegationBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  locale: Type.String({ maxLength: 5 }),
  attendance: Type.Optional(Type.String({ maxLength: 20 })),
  headName: Type.String({ minLength: 1, maxLength: 200 }),
  headEmail: Type.String({ minLength: 1, maxLength: 320 }),
  ...delegateFields,
  ...Csrf,
});
type Values = Record<string, string | undefined>;

/** The filters of the listing from a query string ('' = no filter). */
export const toFilters = (q: Record<string, unknown>, page: number, pageSize: number): svc.EventFilters => ({
  when: q.when === 'past' ? 'past' : 'upcoming',
  type: (q.type || undefined) as EventType | undefined,
  format: (q.format || undefined) as EventFormat | undefined,
  series: (q.series as string) || undefined,
  pillar: (q.pillar as string) || undefined,
  theme: (q.theme as string) || undefined,
  q: (q.q as string) || undefined,
  page,
  pageSize,
});

export const sendIcs = (reply: FastifyReply, filename: string, body: string) =>
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);

export default async function eventsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest): svc.EventsContext => ({ db, config, actor: req.actor, ip: req.ip });
  const icsOptions = (req: FastifyRequest, name: string) => ({ name, locale: req.locale, baseUrl: config.baseUrl });

  app.get(
    '/events',
    { config: { access: 'public', pageCache: true }, schema: { querystring: ListQuery } },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const [r, series] = await Promise.all([
        svc.listEvents(ctxOf(req), toFilters(req.query, page, PAGE_SIZE)),
        db
          .select({ slug: eventSeries.slug, title: eventSeries.title })
          .from(eventSeries)
          .orderBy(asc(eventSeries.slug)),
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
      const d = await svc.getEventDetail(ctxOf(req), req.params.slug);
      const [stats, [latest], summary, sideEvents] = await Promise.all([
        computeStats(db, d.event.id),
        programmeVersions({ db }, d.event.id, 1),
        summaryOf(db, d.event.id),
        sideEventsText(d.event, req.locale),
      ]);
      const figures = sentenceFigures(d.event, stats);
      const canDelegate =
        isUser(req.actor) && can(req.actor, 'event.delegation.manage') && d.event.openTo.includes('member_state');
      return reply.page(
        text(d.event.title, req.locale),
        <EventPage
          ctx={reply.viewContext()}
          d={d}
          sentence={figures ? participationSentence(req.locale, figures) : null}
          sideEvents={sideEvents}
          canDelegate={canDelegate}
          version={latest ?? null}
          summary={summary}
        />,
      );
    },
  );

  await fastify.register(authoringRoutes);
  await fastify.register(programmeRoutes);
  await fastify.register(documentsRoutes);
  await fastify.register(floorRoutes);
  await fastify.register(statementsRoutes);
  await fastify.register(sideRoutes);
  await fastify.register(outputsRoutes);

  const sideEventsText = async (e: svc.EventRow, locale: Locale) => {
    if (e.type !== 'week') return null;
    const c = await sideEventCounts(db, e.id);
    if (c.sideEvents > 0) return sideEventsSentence(locale, c.sideEvents, c.coOrganizers, false);
    const r = e.reportedFigures;
    return r?.sideEvents
      ? sideEventsSentence(locale, r.sideEvents, r.sideEventCoOrganizers ?? 0, !!r.approximate)
      : null;
  };

  app.get(
    '/events/:slug/calendar.ics',
    { config: { access: 'public' }, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await svc.findVisibleEvent(ctxOf(req), req.params.slug);
      return sendIcs(reply, `${e.slug}.ics`, eventsIcs([e], icsOptions(req, text(e.title, req.locale))));
    },
  );

  app.get(
    '/events/:slug/statistics',
    { config: { access: 'public', pageCache: true }, schema: { params: SlugParams } },
    async (req, reply) => {
      const e = await svc.findVisibleEvent(ctxOf(req), req.params.slug);
      const s = await computeStats(db, e.id);
      const figures = sentenceFigures(e, s);
      return reply.page(
        req.t('events.statistics'),
        <StatisticsPage
          ctx={reply.viewContext()}
          e={e}
          s={s}
          figures={figures}
          sentence={figures ? participationSentence(req.locale, figures) : null}
          sideEvents={await sideEventsText(e, req.locale)}
        />,
      );
    },
  );

  // ----- registration -----

  const registerForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const d = await svc.getEventDetail(ctxOf(req), slug);
    if (d.mine && d.mine.status !== 'cancelled' && status === 200)
      return reply.redirect(`/events/${d.event.slug}`, 303);
    if (!d.window.open) throw svc.closedError(d.window, req.locale, d.event.timeZone);
    return reply.page(
      req.t('events.register'),
      <RegisterFormPage ctx={reply.viewContext()} e={d.event} values={values} errors={errors} w={d.window} />,
      status,
    );
  };

  app.get(
    '/events/:slug/register',
    { config: { access: { action: 'event.register' } }, schema: { params: SlugParams } },
    async (req, reply) => registerForm(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/register',
    {
      config: { access: { action: 'event.register' } },
      schema: { params: SlugParams, body: RegisterBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) => registerForm(req, reply, req.params.slug, values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const answers = Object.fromEntries(
        Object.entries(values)
          .filter(([k, v]) => k.startsWith('q_') && typeof v === 'string')
          .map(([k, v]) => [k.slice(2), v as string]),
      );
      let result: Awaited<ReturnType<typeof svc.register>> | null = null;
      const done = await attempt(
        req,
        async () => {
          result = await svc.register(ctxOf(req), req.params.slug, {
            answers,
            attendance: values.attendance,
            gender: values.gender || undefined,
          });
        },
        rerender,
      );
      if (done) return done;
      const r = result!;
      return reply
        .flash(req.t(r.created ? `events.registered.${r.registration.status}` : 'events.alreadyRegistered'))
        .redirect(`/events/${req.params.slug}`, 303);
    },
  );

  app.post(
    '/events/:slug/cancel',
    { config: { access: { action: 'event.register' } }, schema: { params: SlugParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await svc.cancelRegistration(ctxOf(req), req.params.slug);
      return reply.flash(req.t('events.registrationCancelled')).redirect(`/events/${req.params.slug}`, 303);
    },
  );

  // ----- delegations -----

  const delegationForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) => {
    const actor = req.actor;
    const d = await svc.getEventDetail(ctxOf(req), slug);
    if (!d.window.open) throw svc.closedError(d.window, req.locale, d.event.timeZone);
    const focal = isUser(actor) ? actor.focalOrgIds : [];
    const states = focal.length
      ? (
          await db
            .select({ id: organizations.id, names: organizations.names, type: organizations.type })
            .from(organizations)
            .where(inArray(organizations.id, focal))
        )
          .filter((o) => o.type === 'member_state')
          .map((o) => ({ id: o.id, name: o.names[req.locale] || o.names.en }))
      : [];
    const existing = await svc.delegationOf(
      db,
      d.event.id,
      states.map((s) => s.id),
    );
    return reply.page(
      req.t('events.registerDelegation'),
      <DelegationFormPage
        ctx={reply.viewContext()}
        e={d.event}
        states={states}
        values={values}
        errors={errors}
        existing={existing}
      />,
      status,
    );
  };

  app.get(
    '/events/:slug/delegation',
    { config: { access: { action: 'event.delegation.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => delegationForm(req, reply, req.params.slug, {}),
  );

  app.post(
    '/events/:slug/delegation',
    {
      config: { access: { action: 'event.delegation.manage' } },
      schema: { params: SlugParams, body: DelegationBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) => delegationForm(req, reply, req.params.slug, values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      if (!isLocale(values.locale)) return rerender({ locale: req.t('validation.choice') });
      const members = Array.from({ length: DELEGATION_MEMBERS }, (_, i) => i + 1)
        .map((i) => ({ fullName: values[`member${i}Name`] ?? '', email: values[`member${i}Email`] ?? '' }))
        .filter((m) => m.fullName.trim() || m.email.trim());
      const done = await attempt(
        req,
        () =>
          svc.registerDelegation(ctxOf(req), req.params.slug, {
            stateOrgId: values.stateOrgId ?? '',
            locale: values.locale as Locale,
            attendance: values.attendance,
            head: { fullName: values.headName ?? '', email: values.headEmail ?? '' },
            members,
          }),
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('events.delegationSaved')).redirect(`/events/${req.params.slug}/delegation`, 303);
    },
  );

  // ----- participant lists and organizers' pages -----

  app.get(
    '/events/:slug/participants',
    { config: { access: 'public' }, schema: { params: SlugParams } },
    async (req, reply) => {
      const r = await svc.listParticipants(ctxOf(req), req.params.slug);
      return reply.page(
        req.t('events.participants'),
        <ParticipantsPage ctx={reply.viewContext()} e={r.detail.event} rows={r.rows} hiddenCso={r.hiddenCso} />,
      );
    },
  );

  const StatusQuery = Type.Object({
    status: Type.Optional(Type.Union([Empty, ...REGISTRATION_STATUSES.map((s) => Type.Literal(s))])),
  });
  app.get(
    '/events/:slug/registrations',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams, querystring: StatusQuery } },
    async (req, reply) => {
      const r = await svc.listRegistrations(
        ctxOf(req),
        req.params.slug,
        (req.query.status || undefined) as RegistrationStatus | undefined,
      );
      return reply.page(
        req.t('events.manageRegistrations'),
        <RegistrationsPage ctx={reply.viewContext()} e={r.event} rows={r.rows} status={req.query.status} />,
      );
    },
  );

  const exportRows = async (req: FastifyRequest, slug: string) => {
    const r = await svc.listRegistrations(ctxOf(req), slug);
    const t = req.t;
    const header = [
      t('field.name'),
      t('field.email'),
      t('events.organization'),
      t('field.type'),
      t('events.statusLabel'),
      t('events.attendance'),
      t('events.delegation'),
      t('events.checkedIn'),
      t('events.registeredAt'),
      ...r.event.questions.map((q) => text(q.label, req.locale)),
    ];
    const hxl = [
      '#contact+name',
      '#contact+email',
      '#org+name',
      '#org+type',
      '#status',
      '#indicator+attendance',
      '#meta+delegation',
      '#date+checked_in',
      '#date+registered',
      ...r.event.questions.map((q) => `#meta+q_${q.id.replace(/[^a-z0-9_]/gi, '_')}`),
    ];
    const rows = r.rows.map((x) => [
      x.fullName,
      x.email,
      x.orgNames ? x.orgNames[req.locale] || x.orgNames.en : '',
      x.orgType ?? '',
      x.status,
      x.attendance,
      x.delegationRole ?? '',
      x.checkedInAt?.toISOString() ?? '',
      x.createdAt.toISOString(),
      ...r.event.questions.map((q) => x.answers[q.id] ?? ''),
    ]);
    await svc.recordExport(ctxOf(req), r.event.id, rows.length);
    return { event: r.event, header, hxl, rows };
  };

  app.get(
    '/events/:slug/registrations.csv',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const x = await exportRows(req, req.params.slug);
      // A text cell starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
      const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      const csv = '\uFEFF' + stringify([x.header, x.hxl, ...x.rows.map((row) => row.map(safe))]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${x.event.slug}-registrations.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/events/:slug/registrations.xlsx',
    { config: { access: { action: 'event.manage' } }, schema: { params: SlugParams } },
    async (req, reply) => {
      const x = await exportRows(req, req.params.slug);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('registrations');
      ws.addRow(x.header).font = { bold: true };
      ws.addRow(x.hxl);
      for (const row of x.rows) ws.addRow(row);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${x.event.slug}-registrations.xlsx"`)
        .send(buf);
    },
  );

  app.post(
    '/events/:slug/registrations/:id/decision',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: RegParams,
        body: Type.Object({
          decision: Type.Union([Type.Literal('accept'), Type.Literal('decline'), Type.Literal('waitlist')]),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      await svc.decide(ctxOf(req), req.params.slug, req.params.id, req.body.decision);
      return reply.flash(req.t('events.decisionSaved')).redirect(`/events/${req.params.slug}/registrations`, 303);
    },
  );

  app.post(
    '/events/:slug/registrations/:id/check-in',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        params: RegParams,
        body: Type.Object({ present: Type.Union([Type.Literal('1'), Type.Literal('0')]), ...Csrf }),
      },
    },
    async (req, reply) => {
      await svc.checkIn(ctxOf(req), req.params.slug, req.params.id, req.body.present === '1');
      return reply.flash(req.t('events.attendanceSaved')).redirect(`/events/${req.params.slug}/registrations`, 303);
    },
  );
}
