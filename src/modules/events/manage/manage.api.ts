// JSON API v1 of an event's management area: the overview's figures, and cloning an event into a new draft (the same
// service and rules as the pages: `event.manage` on the event, `event.create` to clone).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { StringEnum, errorResponses, withApiFieldNames } from '../../../platform/http/api.ts';
import { EVENT_STATUSES } from '../events.schema.ts';
import { IdParams, LocalTime, tags } from '../shared/api.ts';
import * as svc from './manage.service.ts';

const security = [{ bearer: [] }];
const Count = Type.Integer({ minimum: 0 });
const OverviewOut = Type.Object({
  data: Type.Object({
    id: Type.String(),
    slug: Type.String(),
    status: StringEnum(EVENT_STATUSES),
    registrations: Type.Object({ total: Count, pending: Count, accepted: Count, waitlisted: Count }),
    proposalsToReview: Type.Union([Count, Type.Null()], { description: "An umbrella week's proposals; else null" }),
    sessions: Count,
    programmeVersions: Count,
    documents: Count,
    summaryItems: Count,
  }),
});
const CloneIn = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,99}$', description: "The copy's address: /events/{slug}" }),
    startsAt: LocalTime,
  },
  { additionalProperties: false },
);
const CloneOut = Type.Object({
  data: Type.Object({ id: Type.String(), slug: Type.String(), status: StringEnum(EVENT_STATUSES) }),
});

export default async function manageApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/events/:id/management',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        operationId: 'getEventManagement',
        summary:
          "The figures of an event's management overview: registrations by status, side-event proposals to " +
          'review, sessions, published programme versions, documents, Chair’s Summary items',
        params: IdParams,
        response: { 200: OverviewOut, ...errorResponses },
      },
    },
    async (req) => {
      const o = await svc.manageOverview(ctxOf(req), req.params.id);
      return {
        data: {
          id: o.event.id,
          slug: o.event.slug,
          status: o.event.status,
          registrations: o.registrations,
          proposalsToReview: o.proposalsToReview,
          sessions: o.sessions.length,
          programmeVersions: o.programmeVersions,
          documents: o.documents,
          summaryItems: o.summaryItems,
        },
      };
    },
  );

  app.post(
    '/api/v1/events/:id/clone',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        operationId: 'cloneEvent',
        summary:
          'Clone an event into a new draft (its settings, organizers, registration questions and sessions; every ' +
          'date moved with the new start)',
        params: IdParams,
        body: CloneIn,
        response: { 201: CloneOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const copy = await withApiFieldNames(() => svc.cloneEvent(ctxOf(req), req.params.id, req.body));
      return reply.code(201).send({ data: { id: copy.id, slug: copy.slug, status: copy.status } });
    },
  );
}
