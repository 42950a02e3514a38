// JSON API v1 for reading events: the listing (anonymous readers see public events) and one event.
import { nameIn } from '../../../platform/i18n/index.ts';
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../../platform/http/api.ts';
import { ORG_TYPES } from '../../directory/index.ts';
import { REGISTRATION_MODES, SESSION_KINDS } from '../events.schema.ts';
import {
  EventSummaryOut,
  IdParams,
  RegistrationOut,
  Shown,
  TranslatedOut,
  regOut,
  security,
  shown,
  summaryOut,
  tags,
} from '../shared/api.ts';
import { ListQuery, toFilters } from './public.http.ts';
import * as svc from './public.service.ts';

export default async function publicApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(EventSummaryOut);

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
          'One event (by id or slug): every language version of its fields, ' +
          'organizers, programme, documents, registration state',
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
        organizers: d.organizers.map((o) => ({ id: o.id, slug: o.slug, name: nameIn(o.names, l), role: o.role })),
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
}
