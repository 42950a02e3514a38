// JSON API v1 for an event's outputs: the Chair's Summary (conclusions and recommendations) and the follow-up actions
// its recommendations become — kept in the Compact's register, reached through the compact module's public index by
// outputs.service.ts. The same service as the outputs pages (every check, `event.manage`, the audit entries).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { NullableString, StringEnum } from '../../../platform/http/api.ts';
import { LOCALES } from '../../../platform/i18n/index.ts';
import { ACTION_STATUSES } from '../../compact/index.ts';
import { findVisibleEvent } from '../shared/events.service.ts';
import { IdParams, security as readSecurity, tags } from '../shared/api.ts';
import * as out from './outputs.service.ts';
import { signedSummaryItems } from '../summary-publication/summary-publication.service.ts';

const security = [{ bearer: [] }];
const ActionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
  aid: Type.String({ maxLength: 36 }),
});
/** One item of the summary: a line of the form (no line break). */
const Item = Type.String({ minLength: 1, maxLength: 3000, pattern: '^[^\\r\\n]+$' });
const SummaryOut = Type.Object(
  {
    language: NullableString({ description: 'The language it is written in (null while there is none)' }),
    conclusions: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
    recommendations: Type.Array(Type.Object({ id: Type.String(), text: Type.String() }), {
      description: "Each has a follow-up action in the Compact's register (GET …/actions: its recommendationId)",
    }),
  },
  { $id: 'ChairsSummary' },
);
const ActionOut = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    recommendationId: NullableString(),
    recommendation: Type.Union([Type.Integer(), Type.Null()], { description: 'Its place among the recommendations' }),
    ownerOrgId: NullableString(),
    status: StringEnum(ACTION_STATUSES),
    overdue: Type.Boolean(),
    dueOn: NullableString({ format: 'date' }),
    note: NullableString(),
  },
  { $id: 'EventFollowUpAction' },
);
const actionOut = (r: out.EventActionRow) => ({
  id: r.a.id,
  title: r.a.title,
  recommendationId: r.a.recommendationId,
  recommendation: r.rec == null ? null : r.rec + 1,
  ownerOrgId: r.a.ownerOrgId,
  status: r.a.status,
  overdue: r.a.overdue,
  dueOn: r.a.dueOn,
  note: r.a.note,
});

export default async function outputsApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(SummaryOut);
  app.addSchema(ActionOut);
  const { db } = app.platform;
  // Readers get the signed text (the published revision's items, none before one verifies); the PUT answers its
  // writer with the working copy just saved.
  const summaryOf = async (eventId: string, signed: boolean) => {
    const items = signed ? await signedSummaryItems(db, eventId) : await out.summaryOf(db, eventId);
    return {
      language: items[0]?.language ?? null,
      conclusions: items.filter((i) => i.kind === 'conclusion').map((i) => ({ id: i.id, text: i.body })),
      recommendations: items.filter((i) => i.kind === 'recommendation').map((i) => ({ id: i.id, text: i.body })),
    };
  };

  app.get(
    '/api/v1/events/:id/summary',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: readSecurity,
        summary:
          "The event's Chair's Summary as published under two signatures: conclusions and recommendations, in " +
          'order (whoever may see the event; empty until a revision is published)',
        params: IdParams,
        response: { 200: Type.Ref('ChairsSummary') },
      },
    },
    async (req) => summaryOf((await findVisibleEvent(ctxOf(req), req.params.id)).id, true),
  );

  app.put(
    '/api/v1/events/:id/summary',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary:
          "Write the Chair's Summary (its organizers). Items keep their identity by position; each recommendation " +
          "has one follow-up action in the Compact's register, made when it first appears and titled after it",
        params: IdParams,
        body: Type.Object(
          {
            language: StringEnum(LOCALES),
            conclusions: Type.Array(Item, { maxItems: 100 }),
            recommendations: Type.Array(Item, { maxItems: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('ChairsSummary') },
      },
    },
    async (req) => {
      const b = req.body;
      await out.saveSummary(ctxOf(req), req.params.id, {
        language: b.language,
        conclusions: b.conclusions.join('\n'),
        recommendations: b.recommendations.join('\n'),
      });
      return summaryOf((await findVisibleEvent(ctxOf(req), req.params.id)).id, false);
    },
  );

  app.get(
    '/api/v1/events/:id/actions',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary: "The follow-up actions of the event's recommendations (its organizers)",
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(Type.Ref('EventFollowUpAction')) }) },
      },
    },
    async (req) => ({ data: (await out.listActions(ctxOf(req), req.params.id)).rows.map(actionOut) }),
  );

  app.put(
    '/api/v1/events/:id/actions/:aid',
    {
      config: { access: { action: 'event.manage' } },
      schema: {
        tags,
        security,
        summary:
          "Set a follow-up action's owner organization, status, due date and note (in the Compact's register; an " +
          'action in progress needs an owner)',
        params: ActionParams,
        body: Type.Object(
          {
            ownerOrgId: Type.Optional(NullableString({ maxLength: 36 })),
            status: StringEnum(ACTION_STATUSES),
            dueOn: Type.Optional(NullableString({ format: 'date' })),
            note: Type.Optional(NullableString({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('EventFollowUpAction') },
      },
    },
    async (req) => {
      const b = req.body;
      await out.updateAction(ctxOf(req), req.params.id, req.params.aid, {
        ownerOrgId: b.ownerOrgId ?? '',
        status: b.status,
        dueOn: b.dueOn ?? '',
        note: b.note ?? '',
      });
      const rows = (await out.listActions(ctxOf(req), req.params.id)).rows;
      return actionOut(rows.find((r) => r.a.id === req.params.aid)!);
    },
  );
}
