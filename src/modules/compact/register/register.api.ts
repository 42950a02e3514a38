// The register's JSON API: /api/v1/compact/decisions and /api/v1/compact/actions (list with the pages' filters, one
// with its change history, create, edit with PUT, progress) and the link pickers' search
// (/api/v1/compact/link-targets). Same services and rules as the pages: a body's records follow bodyVisibleSql (404
// outside).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, StringEnum } from '../../../platform/http/api.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { TranslatableSchema, textFromApi, type TranslatableText } from '../../../platform/i18n/text.ts';
import { ACTION_SOURCES, ACTION_STATUSES, LINK_KINDS } from './register.schema.ts';
import * as svc from './register.service.ts';

const tags = ['compact'];
const security = [{ bearer: [] }];
const read = { access: { action: 'compact.register.read' as const } };
const write = { access: { action: 'compact.register.write' as const } };
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Nullable = (s: ReturnType<typeof Type.String>) => Type.Union([s, Type.Null()]);
const Text = Type.Record(Type.String(), Type.Object({ text: Type.String(), status: Type.String() }));

export const DecisionOut = Type.Object(
  {
    id: Type.String(),
    symbol: Type.String(),
    bodyId: Type.String(),
    year: Type.Integer(),
    number: Type.Integer(),
    text: Text,
    meetingId: Nullable(Type.String()),
    decidedOn: Type.String(),
    reviewOn: Nullable(Type.String()),
  },
  { $id: 'CompactDecision' },
);
export const ActionOut = Type.Object(
  {
    id: Type.String(),
    title: Text,
    bodyId: Nullable(Type.String()),
    decisionId: Nullable(Type.String()),
    decisionSymbol: Nullable(Type.String()),
    sourceKind: StringEnum(ACTION_SOURCES),
    sourceId: Nullable(Type.String()),
    ownerOrgId: Nullable(Type.String()),
    ownerPersonId: Nullable(Type.String()),
    status: StringEnum(ACTION_STATUSES),
    overdue: Type.Boolean(),
    dueOn: Nullable(Type.String()),
    pillar: Nullable(Type.String()),
    evidenceUrl: Nullable(Type.String()),
    evidenceNote: Nullable(Type.String()),
  },
  { $id: 'CompactAction' },
);

const decisionOut = (d: svc.Decision) => ({
  id: d.id,
  symbol: d.symbol,
  bodyId: d.bodyId,
  year: d.year,
  number: d.number,
  text: d.text as Record<string, { text: string; status: string }>,
  meetingId: d.meetingId,
  decidedOn: d.decidedOn,
  reviewOn: d.reviewOn,
});
const actionOut = (a: svc.Action) => ({
  id: a.id,
  title: a.title as Record<string, { text: string; status: string }>,
  bodyId: a.bodyId,
  decisionId: a.decisionId,
  decisionSymbol: a.decisionSymbol,
  sourceKind: a.sourceKind,
  sourceId: a.sourceId,
  ownerOrgId: a.ownerOrgId,
  ownerPersonId: a.ownerPersonId,
  status: a.status,
  overdue: a.overdue,
  dueOn: a.dueOn,
  pillar: a.pillar,
  evidenceUrl: a.evidenceUrl,
  evidenceNote: a.evidenceNote,
});
/** A change of the history: who, when, which fields (`text.fr`, `dueOn`, `links`…), after the minutes' adoption. */
const ChangeOut = Type.Object({
  at: Type.String(),
  by: Nullable(Type.String()),
  fields: Type.Array(Type.String()),
  afterAdoption: Type.Boolean(),
});
const changeOut = (c: svc.RegisterChange) => ({
  at: c.createdAt.toISOString(),
  by: c.authorName,
  fields: c.fields,
  afterAdoption: c.afterAdoption,
});
const LinkIn = Type.Array(
  Type.Object({ kind: StringEnum(LINK_KINDS), id: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
  { maxItems: 100 },
);
const EditOut = (item: ReturnType<typeof Type.Ref>) =>
  Type.Object({
    data: item,
    /** The fields that changed (empty: nothing was stored). */
    changed: Type.Array(Type.String()),
    afterAdoption: Type.Boolean(),
  });
const Page = (item: ReturnType<typeof Type.Ref>) =>
  Type.Object({ data: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });

export default async function registerApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/compact/decisions',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: "Decisions of the Compact's bodies the reader may see",
        querystring: Type.Object({
          bodyId: Type.Optional(Type.String({ maxLength: 40 })),
          pillar: Type.Optional(Type.String({ maxLength: 60 })),
          reviewBefore: Type.Optional(Type.String({ format: 'date' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
        }),
        response: { 200: Page(Type.Ref('CompactDecision')), ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.listDecisions(ctxOf(req), req.query);
      return { data: r.items.map(decisionOut), page: r.page, pageSize: r.pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/compact/decisions/:id',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: 'One decision (by id or symbol) with its actions',
        params: IdParams,
        response: {
          200: Type.Object({
            data: Type.Ref('CompactDecision'),
            actions: Type.Array(Type.Ref('CompactAction')),
            minutesAdopted: Type.Boolean(),
            changes: Type.Array(ChangeOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await svc.getDecision(ctxOf(req), req.params.id);
      return {
        data: decisionOut(r.decision),
        actions: r.actions.map(actionOut),
        minutesAdopted: r.minutesAdopted,
        changes: r.changes.map(changeOut),
      };
    },
  );

  app.put(
    '/api/v1/compact/decisions/:id',
    {
      config: write,
      schema: {
        tags,
        security,
        summary:
          "Edit a decision: text, meeting, dates (the body's managers and the secretariat); the symbol never changes",
        description:
          'Replaces the text (every language with its status), the meeting, the date (in the symbol’s year) and the ' +
          'review date. Every error at once (422), nothing stored in part. Allowed after the meeting’s minutes were ' +
          'adopted: the change is then marked so in the history and the audit entry (`afterAdoption`).',
        params: IdParams,
        body: Type.Object(
          {
            text: TranslatableSchema,
            decidedOn: Type.String({ maxLength: 10 }),
            reviewOn: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
            meetingId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: EditOut(Type.Ref('CompactDecision')), ...errorResponses },
      },
    },
    async (req) => {
      const fields: FieldError[] = [];
      const text = textFromApi(req.body.text, 'text', fields, { maxLength: 20000, required: true });
      const r = await svc.updateDecision(ctxOf(req), req.params.id, { ...req.body, text }, fields);
      return { data: decisionOut(r.record), changed: r.changed, afterAdoption: r.afterAdoption };
    },
  );

  app.post(
    '/api/v1/compact/decisions',
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Record a body's decision (its managers and the secretariat); the symbol is allocated",
        body: Type.Object(
          {
            bodyId: Type.String({ maxLength: 40 }),
            text: TranslatableSchema,
            decidedOn: Type.String({ maxLength: 10 }),
            reviewOn: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
            meetingId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ data: Type.Ref('CompactDecision') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const text: TranslatableText = textFromApi(req.body.text, 'text', fields, { maxLength: 20000, required: true });
      const d = await svc.createDecision(ctxOf(req), { ...req.body, text }, fields);
      return reply.code(201).send({ data: decisionOut(d) });
    },
  );

  app.get(
    '/api/v1/compact/actions',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: 'Actions of the register the reader may see (overdue is computed)',
        querystring: Type.Object({
          bodyId: Type.Optional(Type.String({ maxLength: 40 })),
          ownerOrgId: Type.Optional(Type.String({ maxLength: 40 })),
          decisionId: Type.Optional(Type.String({ maxLength: 40 })),
          status: Type.Optional(StringEnum([...ACTION_STATUSES, 'overdue'] as const)),
          pillar: Type.Optional(Type.String({ maxLength: 60 })),
          dueBefore: Type.Optional(Type.String({ format: 'date' })),
          mine: Type.Optional(Type.Boolean()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
        }),
        response: { 200: Page(Type.Ref('CompactAction')), ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.listActions(ctxOf(req), req.query as svc.ActionFilters);
      return { data: r.items.map(actionOut), page: r.page, pageSize: r.pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/compact/actions/:id',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: 'One action with its progress notes and links',
        params: IdParams,
        response: {
          200: Type.Object({
            data: Type.Ref('CompactAction'),
            notes: Type.Array(
              Type.Object({
                at: Type.String(),
                by: Nullable(Type.String()),
                status: Nullable(Type.String()),
                note: Type.String(),
              }),
            ),
            links: Type.Array(
              Type.Object({
                kind: Type.String(),
                id: Type.String(),
                label: Type.String(),
                url: Nullable(Type.String()),
              }),
            ),
            changes: Type.Array(ChangeOut),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const d = await svc.getAction(ctxOf(req), req.params.id, req.locale);
      return {
        data: actionOut(d.action),
        notes: d.notes.map((n) => ({
          at: n.createdAt.toISOString(),
          by: n.authorName,
          status: n.status,
          note: n.body,
        })),
        links: d.links.map((l) => ({ kind: l.kind, id: l.id, label: l.label, url: l.url })),
        changes: d.changes.map(changeOut),
      };
    },
  );

  app.post(
    '/api/v1/compact/actions',
    {
      config: write,
      schema: {
        tags,
        security,
        summary:
          'Record an action of a body (following one of its decisions or a meeting); its managers and the secretariat',
        body: Type.Object(
          {
            bodyId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            decisionId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            meetingId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            title: TranslatableSchema,
            ownerOrgId: Type.String({ maxLength: 40 }),
            ownerPersonId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            dueOn: Type.String({ maxLength: 10 }),
            pillar: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            links: Type.Optional(LinkIn),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ data: Type.Ref('CompactAction') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const fields: FieldError[] = [];
      const b = req.body;
      const title = textFromApi(b.title, 'title', fields, { maxLength: 3000, required: true });
      const ctx = ctxOf(req);
      const a = await svc.createAction(
        ctx,
        {
          bodyId: b.bodyId,
          decisionId: b.decisionId,
          sourceKind: b.decisionId ? 'decision' : b.meetingId ? 'meeting' : undefined,
          sourceId: b.meetingId,
          title,
          ownerOrgId: b.ownerOrgId,
          ownerPersonId: b.ownerPersonId,
          dueOn: b.dueOn,
          pillar: b.pillar,
          links: b.links,
        },
        fields,
      );
      const d = await svc.getAction(ctx, a.id, req.locale);
      return reply.code(201).send({ data: actionOut(d.action) });
    },
  );

  app.put(
    '/api/v1/compact/actions/:id',
    {
      config: write,
      schema: {
        tags,
        security,
        summary: "Edit a body's action: title, owner entity and person, due date, pillar, links",
        description:
          'The body’s managers and the secretariat. The owner person must belong to the owner entity (422 ' +
          'otherwise). `links`, when given, replaces the links the caller may see (links to targets the caller may ' +
          'not see stay); a target the caller may not see is refused like an unknown one (422). An event’s follow-up ' +
          'action is edited on the event (409). Every error at once, nothing stored in part.',
        params: IdParams,
        body: Type.Object(
          {
            title: TranslatableSchema,
            ownerOrgId: Type.String({ maxLength: 40 }),
            ownerPersonId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            dueOn: Type.String({ maxLength: 10 }),
            pillar: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            links: Type.Optional(LinkIn),
          },
          { additionalProperties: false },
        ),
        response: { 200: EditOut(Type.Ref('CompactAction')), ...errorResponses },
      },
    },
    async (req) => {
      const fields: FieldError[] = [];
      const b = req.body;
      const title = textFromApi(b.title, 'title', fields, { maxLength: 3000, required: true });
      const ctx = ctxOf(req);
      const r = await svc.updateAction(ctx, req.params.id, { ...b, title }, fields);
      const d = await svc.getAction(ctx, req.params.id, req.locale);
      return { data: actionOut(d.action), changed: r.changed, afterAdoption: false };
    },
  );

  app.get(
    '/api/v1/compact/link-targets',
    {
      config: write,
      schema: {
        tags,
        security,
        summary: 'Search what an action may be linked to: needs, projects, events, Joint Programme outputs',
        description:
          'Matches the text of each target in any language (case and accents ignored; an id finds itself), among ' +
          'the targets the caller may see: a need whose State has not consented never appears. At most `limit` ' +
          'per kind.',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Type.Optional(StringEnum(LINK_KINDS)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                kind: StringEnum(LINK_KINDS),
                id: Type.String(),
                label: Type.String(),
                url: Nullable(Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const hits = await svc.searchLinks(ctxOf(req), req.locale, req.query.q, {
        kinds: req.query.kind ? [req.query.kind] : undefined,
        limit: req.query.limit,
      });
      return { data: hits.map((h) => ({ kind: h.kind, id: h.id, label: h.label, url: h.url })) };
    },
  );

  app.post(
    '/api/v1/compact/actions/:id/progress',
    {
      config: read,
      schema: {
        tags,
        security,
        summary: "Status, a progress note, evidence (the owner entity's people, the body's managers, the secretariat)",
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(StringEnum(ACTION_STATUSES)),
            note: Type.Optional(Type.String({ maxLength: 10000 })),
            evidenceUrl: Type.Optional(Type.String({ maxLength: 4000 })),
            evidenceNote: Type.Optional(Type.String({ maxLength: 10000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Ref('CompactAction') }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await svc.updateActionProgress(ctx, req.params.id, req.body);
      return { data: actionOut((await svc.getAction(ctx, req.params.id, req.locale)).action) };
    },
  );
}
