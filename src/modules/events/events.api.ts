// JSON API v1 for events: public reading (anonymous readers see public events), registration with Idempotency-Key,
// cancellation, organizers' registration lists and decisions, delegations registered by a State's focal point,
// statistics, speakers' lists, statements.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCALES } from '../../platform/i18n/index.ts';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { ORG_TYPES } from '../directory/directory.schema.ts';
import {
  EVENT_FORMATS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EVENT_VISIBILITIES,
  REGISTRATION_MODES,
  REGISTRATION_STATUSES,
  SESSION_KINDS,
  type RegistrationStatus,
} from './events.schema.ts';
import * as svc from './events.service.ts';
import { pick } from './shared/translate.ts';
import { computeStats, participationSentence, sentenceFigures } from './events.stats.ts';
import { ListQuery, toFilters } from './events.routes.tsx';
import { floorState, endsAt } from './floor/floor.service.ts';
import { listStatements } from './statements/statements.service.ts';

const TranslatedOut = Type.Object(
  Object.fromEntries(
    LOCALES.map((l) => [l, Type.Optional(Type.Object({ text: Type.String(), status: Type.String() }))]),
  ),
);
const Shown = Type.Object({ text: Type.String(), lang: Type.String(), fallback: Type.Boolean() });
const EventSummaryOut = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    type: StringEnum(EVENT_TYPES),
    status: StringEnum(EVENT_STATUSES),
    format: StringEnum(EVENT_FORMATS),
    visibility: StringEnum(EVENT_VISIBILITIES),
    title: Shown,
    summary: Type.Union([Shown, Type.Null()]),
    timeZone: Type.String(),
    allDay: Type.Boolean(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    venue: NullableString(),
    seriesNumber: Type.Union([Type.Integer(), Type.Null()]),
    pillars: Type.Array(Type.String()),
    themes: Type.Array(Type.String()),
    isDemo: Type.Boolean(),
  },
  { $id: 'EventSummary' },
);
const RegistrationOut = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  status: StringEnum(REGISTRATION_STATUSES),
  attendance: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const shown = (f: Parameters<typeof pick>[0], locale: (typeof LOCALES)[number]) => {
  const p = pick(f, locale);
  return p ? { text: p.text, lang: p.lang, fallback: p.fallback } : null;
};
const summaryOut = (e: svc.EventRow, locale: (typeof LOCALES)[number]) => ({
  id: e.id,
  slug: e.slug,
  type: e.type,
  status: e.status,
  format: e.format,
  visibility: e.visibility,
  title: shown(e.title, locale) ?? { text: e.slug, lang: 'en', fallback: true },
  summary: shown(e.summary, locale),
  timeZone: e.timeZone,
  allDay: e.allDay,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  venue: e.venue,
  seriesNumber: e.seriesNumber,
  pillars: e.pillars,
  themes: e.themes,
  isDemo: e.isDemo,
});
const regOut = (r: svc.Registration) => ({
  id: r.id,
  eventId: r.eventId,
  status: r.status,
  attendance: r.attendance,
  createdAt: r.createdAt.toISOString(),
});

export default async function eventsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.platform;
  const ctxOf = (req: FastifyRequest): svc.EventsContext => ({ db, config, actor: req.actor, ip: req.ip });
  const tags = ['events'];
  const security: Record<string, string[]>[] = [{}, { bearer: [] }];
  app.addSchema(EventSummaryOut);
  const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) });

  app.get(
    '/api/v1/events',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: 'Events the reader may see (anonymous: public events), upcoming or past, with filters',
        querystring: Type.Object({ ...ListQuery.properties, page: PageQuery.page, pageSize: PageQuery.pageSize }),
        response: { 200: Paged(Type.Ref('EventSummary')), ...errorResponses },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const r = await svc.listEvents(ctxOf(req), toFilters(req.query, page, pageSize));
      return { data: r.rows.map((e) => summaryOut(e, req.locale)), page, pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/events/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'One event (by id or slug): every language version of its fields, organizers, programme, documents, registration state',
        params: IdParams,
        response: {
          200: Type.Object({
            event: Type.Ref('EventSummary'),
            title: TranslatedOut,
            summary: TranslatedOut,
            description: TranslatedOut,
            openTo: Type.Array(StringEnum(ORG_TYPES)),
            organizers: Type.Array(
              Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), role: Type.String() }),
            ),
            registration: Type.Object({
              mode: StringEnum(REGISTRATION_MODES),
              open: Type.Boolean(),
              closedReason: NullableString(),
              capacity: Type.Union([Type.Integer(), Type.Null()]),
              accepted: Type.Integer(),
              waitlisted: Type.Integer(),
              mine: Type.Union([RegistrationOut, Type.Null()]),
            }),
            meetingUrl: NullableString(),
            programme: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: StringEnum(SESSION_KINDS),
                title: Shown,
                startsAt: NullableString(),
                endsAt: NullableString(),
                pillar: NullableString(),
                chairName: NullableString(),
                chairRole: NullableString(),
                slots: Type.Array(
                  Type.Object({
                    speakerName: Type.String(),
                    affiliation: NullableString(),
                    role: Type.String(),
                    startsAt: NullableString(),
                    minutes: Type.Union([Type.Integer(), Type.Null()]),
                  }),
                ),
              }),
            ),
            documents: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                title: Shown,
                languages: Type.Array(Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const d = await svc.getEventDetail(ctxOf(req), req.params.id);
      const e = d.event;
      const l = req.locale;
      return {
        event: summaryOut(e, l),
        title: e.title,
        summary: e.summary,
        description: e.description,
        openTo: e.openTo,
        organizers: d.organizers.map((o) => ({ id: o.id, slug: o.slug, name: o.names[l] || o.names.en, role: o.role })),
        registration: {
          mode: e.registrationMode,
          open: d.window.open,
          closedReason: d.window.open ? null : d.window.reason,
          capacity: e.capacity,
          accepted: d.counts.accepted,
          waitlisted: d.counts.waitlisted,
          mine: d.mine ? regOut(d.mine) : null,
        },
        meetingUrl: d.mine?.status === 'accepted' ? e.meetingUrl : null,
        programme: d.sessions.map((s) => ({
          id: s.id,
          kind: s.kind,
          title: shown(s.title, l)!,
          startsAt: s.startsAt?.toISOString() ?? null,
          endsAt: s.endsAt?.toISOString() ?? null,
          pillar: s.pillar,
          chairName: s.chairName,
          chairRole: s.chairRole,
          slots: s.slots.map((x) => ({
            speakerName: x.speakerName,
            affiliation: x.affiliation,
            role: x.role,
            startsAt: x.startsAt?.toISOString() ?? null,
            minutes: x.minutes,
          })),
        })),
        documents: d.documents.map((doc) => ({
          id: doc.id,
          kind: doc.kind,
          title: shown(doc.title, l)!,
          languages: Object.keys(doc.versions),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { access: { action: 'event.register' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          'Register yourself. Send an Idempotency-Key header: a replay returns the same registration (200) instead of a new one (201)',
        params: IdParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
          ),
        }),
        body: Type.Object(
          {
            answers: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 2000 }))),
            attendance: Type.Optional(Type.Union([Type.Literal('in_person'), Type.Literal('virtual')])),
            gender: Type.Optional(
              Type.Union([
                Type.Literal('woman'),
                Type.Literal('man'),
                Type.Literal('other'),
                Type.Literal('undisclosed'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RegistrationOut, 201: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      const r = await svc.register(ctxOf(req), req.params.id, {
        answers: b.answers ?? {},
        attendance: b.attendance,
        gender: b.gender,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      return reply.code(r.created ? 201 : 200).send(regOut(r.registration));
    },
  );

  app.delete(
    '/api/v1/events/:id/registrations/mine',
    {
      config: { access: { action: 'event.register' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Cancel your registration (a freed seat goes to the waiting list)',
        params: IdParams,
        response: { 200: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req) => regOut(await svc.cancelRegistration(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/events/:id/registrations',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: 'Registrations of an event (its organizers)',
        params: IdParams,
        querystring: Type.Object({ status: Type.Optional(StringEnum(REGISTRATION_STATUSES)) }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                fullName: Type.String(),
                email: Type.String(),
                organizationId: NullableString(),
                orgType: NullableString(),
                status: StringEnum(REGISTRATION_STATUSES),
                attendance: Type.String(),
                delegationRole: NullableString(),
                answers: Type.Record(Type.String(), Type.String()),
                checkedIn: Type.Boolean(),
                createdAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await svc.listRegistrations(
        ctxOf(req),
        req.params.id,
        req.query.status as RegistrationStatus | undefined,
      );
      return {
        data: r.rows.map((x) => ({
          id: x.id,
          fullName: x.fullName,
          email: x.email,
          organizationId: x.organizationId,
          orgType: x.orgType,
          status: x.status,
          attendance: x.attendance,
          delegationRole: x.delegationRole,
          answers: x.answers,
          checkedIn: !!x.checkedInAt,
          createdAt: x.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/registrations/:rid/decision',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          "An organizer's decision on a registration (moderated events, the waiting list); the registrant gets the e-mail in their language. Declining or moving an accepted registration frees its seat for the waiting list",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }), rid: Type.String({ maxLength: 36 }) }),
        body: Type.Object(
          { decision: StringEnum(['accept', 'decline', 'waitlist'] as const) },
          { additionalProperties: false },
        ),
        response: { 200: RegistrationOut, 409: Type.Ref('ErrorBody'), ...errorResponses },
      },
    },
    async (req) => regOut(await svc.decide(ctxOf(req), req.params.id, req.params.rid, req.body.decision)),
  );

  const Delegate = Type.Object(
    { fullName: Type.String({ minLength: 1, maxLength: 200 }), email: Type.String({ minLength: 3, maxLength: 320 }) },
    { additionalProperties: false },
  );
  app.post(
    '/api/v1/events/:id/delegations',
    {
      config: { access: { action: 'event.delegation.manage' } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary:
          "A Member State's focal point registers the State's delegation: the head and members, each a registration with its own e-mail (same rules as the page: capacity, waiting list, no one registered twice)",
        params: IdParams,
        body: Type.Object(
          {
            stateOrgId: Type.String({ maxLength: 36 }),
            locale: Type.Optional(StringEnum(LOCALES)),
            attendance: Type.Optional(Type.Union([Type.Literal('in_person'), Type.Literal('virtual')])),
            head: Delegate,
            members: Type.Array(Delegate, { maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            data: Type.Array(
              Type.Object({
                ...RegistrationOut.properties,
                fullName: Type.String(),
                email: Type.String(),
                delegationRole: NullableString(),
              }),
            ),
          }),
          409: Type.Ref('ErrorBody'),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const rows = await svc.registerDelegation(ctxOf(req), req.params.id, {
        stateOrgId: b.stateOrgId,
        locale: b.locale ?? req.locale,
        attendance: b.attendance,
        head: b.head,
        members: b.members,
      });
      return reply.code(201).send({
        data: rows.map((r) => ({
          ...regOut(r),
          fullName: r.fullName,
          email: r.email,
          delegationRole: r.delegationRole,
        })),
      });
    },
  );

  app.get(
    '/api/v1/events/:id/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Participation statistics (accepted registrations; published figures for earlier events) and the generated sentence',
        params: IdParams,
        response: {
          200: Type.Object({ stats: Type.Any(), sentence: NullableString(), reported: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const e = await svc.findVisibleEvent(ctxOf(req), req.params.id);
      const stats = await computeStats(db, e.id);
      const f = sentenceFigures(e, stats);
      return { stats, sentence: f ? participationSentence(req.locale, f) : null, reported: !!f?.source };
    },
  );

  const SpeakerOut = Type.Object({
    id: Type.String(),
    organizationId: Type.String(),
    organization: Type.String(),
    speakerName: NullableString(),
    status: Type.String(),
    position: Type.Integer(),
    startedAt: NullableString(),
    allowedMinutes: Type.Union([Type.Integer(), Type.Null()]),
    endsAt: NullableString(),
  });
  app.get(
    '/api/v1/events/:id/sessions/:sid/speakers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary: "A session's speakers' list: who has the floor (with the statement's end), who waits, who spoke",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }), sid: Type.String({ maxLength: 36 }) }),
        response: {
          200: Type.Object({
            sessionId: Type.String(),
            statementMinutes: Type.Integer(),
            speakers: Type.Array(SpeakerOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const st = await floorState(ctxOf(req), req.params.id, req.params.sid);
      return {
        sessionId: st.session.id,
        statementMinutes: st.session.statementMinutes,
        speakers: st.rows
          .filter((r) => r.status !== 'withdrawn')
          .map((r) => ({
            id: r.id,
            organizationId: r.organizationId,
            organization: r.orgNames[req.locale] || r.orgNames.en,
            speakerName: r.speakerName,
            status: r.status,
            position: r.position,
            startedAt: r.startedAt?.toISOString() ?? null,
            allowedMinutes: r.allowedMinutes,
            endsAt: endsAt(r)?.toISOString() ?? null,
          })),
      };
    },
  );

  app.get(
    '/api/v1/events/statements',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Statements of the events the reader may see, with filters (event slug, session id, organization id, language) and text search',
        querystring: Type.Object({
          event: Type.Optional(Type.String({ maxLength: 120 })),
          session: Type.Optional(Type.String({ maxLength: 36 })),
          org: Type.Optional(Type.String({ maxLength: 36 })),
          lang: Type.Optional(StringEnum(LOCALES)),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          page: PageQuery.page,
          pageSize: PageQuery.pageSize,
        }),
        response: {
          200: Paged(
            Type.Object({
              id: Type.String(),
              event: Type.String(),
              sessionId: Type.String(),
              organizationId: Type.String(),
              organization: Type.String(),
              speakerName: Type.String(),
              language: Type.String(),
              text: NullableString(),
              file: NullableString(),
              createdAt: Type.String(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const r = await listStatements(ctxOf(req), {
        event: q.event || undefined,
        session: q.session || undefined,
        org: q.org || undefined,
        lang: q.lang || undefined,
        q: q.q || undefined,
        page,
        pageSize,
      });
      return {
        page,
        pageSize,
        total: r.total,
        data: r.rows.map((x) => ({
          id: x.s.id,
          event: x.eventSlug,
          sessionId: x.s.sessionId,
          organizationId: x.s.organizationId,
          organization: x.orgNames[req.locale] || x.orgNames.en,
          speakerName: x.s.speakerName,
          language: x.s.language,
          text: x.s.body,
          file: x.s.file ? `${config.baseUrl}/events/statements/${x.s.id}/file` : null,
          createdAt: x.s.createdAt.toISOString(),
        })),
      };
    },
  );
}
