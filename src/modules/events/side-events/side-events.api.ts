// JSON API v1 for the side events of an umbrella week: proposals (by a person for their organization, with
// co-organizers), the organizers' list, decisions (the proposer is told by e-mail) and scheduling. The same service as
// the side-event pages (side-events.service.ts: every check, `event.sideEvent.propose`, `event.manage`, the audit).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum } from '../../../platform/http/api.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { EVENT_FORMATS, PROPOSAL_STATUSES } from '../events.schema.ts';
import { IdParams, LocalTime, tags } from '../shared/api.ts';
import * as side from './side-events.service.ts';

const security = [{ bearer: [] }];
const PropParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
  pid: Type.String({ maxLength: 36 }),
});
const ProposalOut = Type.Object(
  {
    id: Type.String(),
    weekId: Type.String(),
    proposerOrgId: Type.String(),
    coOrganizerOrgIds: Type.Array(Type.String()),
    title: Type.String(),
    summary: Type.String(),
    language: Type.String(),
    format: StringEnum(EVENT_FORMATS),
    preferredTime: NullableString(),
    status: StringEnum(PROPOSAL_STATUSES),
    reason: NullableString(),
    sideEventId: NullableString({ description: 'The side event made on acceptance (a draft until scheduled)' }),
    createdAt: Type.String({ format: 'date-time' }),
    decidedAt: NullableString({ format: 'date-time' }),
  },
  { $id: 'SideEventProposal' },
);
const Conflict = Type.Ref('ErrorBody');
const proposalOut = (p: side.Proposal) => ({
  id: p.id,
  weekId: p.weekId,
  proposerOrgId: p.proposerOrgId,
  coOrganizerOrgIds: p.coOrganizerOrgIds,
  title: p.title,
  summary: p.summary,
  language: p.language,
  format: p.format,
  preferredTime: p.preferredTime,
  status: p.status,
  reason: p.reason,
  sideEventId: p.eventId,
  createdAt: p.createdAt.toISOString(),
  decidedAt: p.decidedAt?.toISOString() ?? null,
});

export default async function sideEventsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ProposalOut);
  const One = Type.Ref('SideEventProposal');

  app.post(
    '/api/v1/events/:id/side-events/proposals',
    {
      config: { access: { action: 'event.sideEvent.propose' } },
      schema: {
        tags,
        security,
        summary:
          'Propose a side event for an umbrella week on behalf of your organization, with at least one co-organizer ' +
          '(409 once the week is over or not published)',
        params: IdParams,
        body: Type.Object(
          {
            proposerOrgId: Type.String({ maxLength: 36, description: 'Your organization' }),
            coOrganizerOrgIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 50 }),
            title: Type.String({ maxLength: 300 }),
            summary: Type.String({ maxLength: 5000 }),
            language: StringEnum(LOCALES),
            format: StringEnum(EVENT_FORMATS),
            preferredTime: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: One, 409: Conflict },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const p = await side.proposeSideEvent(ctxOf(req), req.params.id, { ...b, preferredTime: b.preferredTime ?? '' });
      return reply.code(201).send(proposalOut(p));
    },
  );

  app.get(
    '/api/v1/events/:id/side-events/proposals',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: "An umbrella week's side-event proposals (its organizers)",
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(One) }) },
      },
    },
    async (req) => ({ data: (await side.listProposals(ctxOf(req), req.params.id)).rows.map((r) => proposalOut(r.p)) }),
  );

  app.get(
    '/api/v1/events/:id/side-events/proposals/:pid',
    {
      config: { access: { action: 'event.manage' } },
      schema: { tags, security, summary: 'One side-event proposal', params: PropParams, response: { 200: One } },
    },
    async (req) => proposalOut((await side.getProposal(ctxOf(req), req.params.id, req.params.pid)).proposal),
  );

  app.post(
    '/api/v1/events/:id/side-events/proposals/:pid/decision',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary:
          'Accept a proposal (its side event is made, a draft until scheduled) or reject it with a reason; the ' +
          'proposer is told by e-mail in their language (409 once decided)',
        params: PropParams,
        body: Type.Object(
          {
            decision: StringEnum(['accept', 'reject'] as const),
            reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required to reject' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: One, 409: Conflict },
      },
    },
    async (req) =>
      proposalOut(
        await side.decideProposal(ctxOf(req), req.params.id, req.params.pid, req.body.decision, req.body.reason ?? ''),
      ),
  );

  app.post(
    '/api/v1/events/:id/side-events/proposals/:pid/schedule',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary:
          'Schedule an accepted side event into the week (local times of the week’s zone, a room) and publish it; ' +
          'the proposer is told (409 unless accepted)',
        params: PropParams,
        body: Type.Object(
          { startsAt: LocalTime, endsAt: LocalTime, room: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: One, 409: Conflict },
      },
    },
    async (req) => {
      await side.scheduleSideEvent(ctxOf(req), req.params.id, req.params.pid, req.body);
      return proposalOut((await side.getProposal(ctxOf(req), req.params.id, req.params.pid)).proposal);
    },
  );
}
