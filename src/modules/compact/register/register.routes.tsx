// Pages of the register: /compact/register (actions and decisions, filters, pagination, export), a decision, an action
// (progress, evidence, status changes), the create forms. Forms re-render with 422 and every error at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { textFromForm, textIn } from '../../../platform/i18n/text.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { organizationChoices } from '../../directory/index.ts';
import { ACTION_STATUSES, LINK_KINDS, type LinkKind } from './register.schema.ts';
import * as svc from './register.service.ts';
import {
  ActionForm,
  ActionPage,
  DecisionForm,
  DecisionPage,
  RegisterPage,
  type RegisterFilters,
} from './register.views.tsx';

const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const read = { access: { action: 'compact.register.read' as const } };
const write = { access: { action: 'compact.register.write' as const } };
const Filters = Type.Object({
  view: Type.Optional(Type.String({ maxLength: 20 })),
  body: Type.Optional(Type.String({ maxLength: 40 })),
  owner: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  pillar: Type.Optional(Type.String({ maxLength: 60 })),
  dueBefore: Type.Optional(Type.String({ maxLength: 10 })),
  reviewBefore: Type.Optional(Type.String({ maxLength: 10 })),
  mine: Type.Optional(Type.String({ maxLength: 5 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});
type Values = Record<string, string | undefined>;

const actionFilters = (q: RegisterFilters & { page?: number }): svc.ActionFilters => ({
  bodyId: q.body || undefined,
  ownerOrgId: q.owner || undefined,
  status: ((ACTION_STATUSES as readonly string[]).includes(q.status ?? '') || q.status === 'overdue'
    ? q.status
    : undefined) as svc.ActionFilters['status'],
  pillar: q.pillar || undefined,
  dueBefore: q.dueBefore || undefined,
  mine: q.mine === '1',
  page: q.page,
  pageSize: 25,
});

/** "need:<uuid>" lines (or "<kind> <uuid>") into links; a bad line is one error. */
export function parseLinks(text: string, fields: FieldError[]): svc.ActionLink[] {
  const out: svc.ActionLink[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (!line) continue;
    const m = /^([a-z]+)\s*[:\s]\s*([0-9a-f-]{36})$/i.exec(line);
    if (!m || !(LINK_KINDS as readonly string[]).includes(m[1].toLowerCase())) {
      if (!fields.some((f) => f.field === 'links')) fields.push({ field: 'links', messageKey: 'register.errors.link' });
      continue;
    }
    out.push({ kind: m[1].toLowerCase() as LinkKind, id: m[2].toLowerCase() });
  }
  return out;
}

export const exportColumns = (t: FastifyRequest['t']): Column<svc.ExportedAction>[] => [
  { key: 'id', header: 'ID', value: (a) => a.id },
  { key: 'title', header: t('register.action'), value: (a) => a.titleText },
  { key: 'body', header: t('register.body'), value: (a) => a.bodyName },
  { key: 'decision', header: t('register.decision'), value: (a) => a.decisionSymbol },
  { key: 'owner', header: t('register.owner'), value: (a) => a.ownerName },
  {
    key: 'due',
    header: t('register.dueOn'),
    value: (a) => (a.dueOn ? new Date(`${a.dueOn}T00:00:00Z`) : null),
  },
  { key: 'status', header: t('register.statusLabel'), value: (a) => t(`register.status.${a.status}`) },
  { key: 'overdue', header: t('register.overdue'), value: (a) => (a.overdue ? t('register.yes') : t('register.no')) },
  { key: 'source', header: t('register.source'), value: (a) => t(`register.sourceKind.${a.sourceKind}`) },
  { key: 'evidence', header: t('register.evidence'), value: (a) => a.evidenceUrl ?? a.evidenceNote ?? '' },
];

export default async function registerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/compact/register', { config: read, schema: { querystring: Filters } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const q = req.query;
    const filters: RegisterFilters = {
      view: q.view === 'decisions' ? 'decisions' : undefined,
      body: q.body,
      owner: q.owner,
      status: q.status,
      pillar: q.pillar,
      dueBefore: q.dueBefore,
      reviewBefore: q.reviewBefore,
      mine: q.mine,
    };
    const [bodies, owners, pillars] = await Promise.all([
      svc.bodyChoices(ctx, req.locale),
      svc.ownerChoices(ctx, req.locale),
      svc.pillarChoices(ctx, req.locale),
    ]);
    const decisions =
      filters.view === 'decisions'
        ? await svc.listDecisions(ctx, {
            bodyId: q.body || undefined,
            pillar: q.pillar || undefined,
            reviewBefore: q.reviewBefore || undefined,
            page: q.page,
            pageSize: 25,
          })
        : undefined;
    const actions = filters.view === 'decisions' ? undefined : await svc.listActions(ctx, actionFilters(q));
    const ownerNames = new Map(owners.map((o) => [o.value, o.label]));
    const bodyNames = new Map(bodies.visible.map((b) => [b.value, b.label]));
    return reply.page(
      req.t('register.title'),
      <RegisterPage
        ctx={reply.viewContext()}
        filters={filters}
        actions={actions}
        decisions={decisions}
        bodies={bodies.visible}
        owners={owners}
        pillars={pillars}
        canWrite={bodies.managed.length > 0}
        bodyNames={bodyNames}
        ownerNames={ownerNames}
      />,
    );
  });

  app.get('/compact/register/export', { config: read, schema: { querystring: Filters } }, async (req, reply) => {
    const rows = await svc.exportActions(ctxOf(req), { ...actionFilters(req.query), page: undefined }, req.locale);
    return sendTable(
      reply,
      req.query.format === 'xlsx' ? 'xlsx' : 'csv',
      'compact-actions',
      exportColumns(req.t),
      rows,
    );
  });

  // ---- Decisions ----

  const decisionForm = async (req: FastifyRequest, reply: FastifyReply, values: Values, errors?: FormErrors) => {
    const bodies = await svc.bodyChoices(ctxOf(req), req.locale);
    return reply.page(
      req.t('register.newDecision'),
      <DecisionForm ctx={reply.viewContext()} values={values} errors={errors} bodies={bodies.managed} />,
      errors ? 422 : 200,
    );
  };
  app.get('/compact/register/decisions/new', { config: write }, async (req, reply) =>
    decisionForm(req, reply, { decidedOn: new Date().toISOString().slice(0, 10) }),
  );
  app.post(
    '/compact/register/decisions',
    {
      config: write,
      attachValidation: true,
      schema: { body: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 25000 })) },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return decisionForm(req, reply, v, errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          const fields: FieldError[] = [];
          const text = textFromForm(v, 'text', fields, { maxLength: 20000, required: true });
          const d = await svc.createDecision(
            ctxOf(req),
            {
              bodyId: v.bodyId ?? '',
              text,
              decidedOn: v.decidedOn ?? '',
              reviewOn: v.reviewOn || null,
              meetingId: v.meetingId || null,
            },
            fields,
          );
          id = d.id;
        },
        (e) => decisionForm(req, reply, v, e),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('register.decisionCreated')).redirect(`/compact/register/decisions/${id}`, 303);
    },
  );
  app.get('/compact/register/decisions/:id', { config: read, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const r = await svc.getDecision(ctx, req.params.id);
    const owners = await svc.orgNames(
      ctx.db,
      r.actions.flatMap((a) => (a.ownerOrgId ? [a.ownerOrgId] : [])),
      req.locale,
    );
    const bodies = await svc.bodyChoices(ctx, req.locale);
    return reply.page(
      r.decision.symbol,
      <DecisionPage
        ctx={reply.viewContext()}
        decision={r.decision}
        body={r.body}
        actions={r.actions}
        ownerNames={owners}
        canAddAction={bodies.managed.some((b) => b.value === r.body.id)}
      />,
    );
  });

  // ---- Actions ----

  const actionForm = async (req: FastifyRequest, reply: FastifyReply, values: Values, errors?: FormErrors) => {
    const ctx = ctxOf(req);
    const bodies = await svc.bodyChoices(ctx, req.locale);
    const [owners, decisions] = await Promise.all([
      organizationChoices(ctx, req.locale),
      svc.decisionChoices(
        ctx,
        req.locale,
        bodies.managed.map((b) => b.value),
      ),
    ]);
    return reply.page(
      req.t('register.newAction'),
      <ActionForm
        ctx={reply.viewContext()}
        values={values}
        errors={errors}
        bodies={bodies.managed}
        owners={owners.map((o) => ({ value: o.id, label: o.name }))}
        decisions={decisions}
      />,
      errors ? 422 : 200,
    );
  };
  app.get(
    '/compact/register/actions/new',
    {
      config: write,
      schema: { querystring: Type.Object({ decision: Type.Optional(Type.String({ maxLength: 40 })) }) },
    },
    async (req, reply) => actionForm(req, reply, { decisionId: req.query.decision }),
  );
  app.post(
    '/compact/register/actions',
    {
      config: write,
      attachValidation: true,
      schema: { body: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 25000 })) },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return actionForm(req, reply, v, errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          const fields: FieldError[] = [];
          const title = textFromForm(v, 'title', fields, { maxLength: 3000, required: true });
          const links = parseLinks(v.links ?? '', fields);
          const a = await svc.createAction(
            ctxOf(req),
            {
              bodyId: v.bodyId || null,
              decisionId: v.decisionId || null,
              title,
              ownerOrgId: v.ownerOrgId ?? '',
              dueOn: v.dueOn ?? '',
              links,
            },
            fields,
          );
          id = a.id;
        },
        (e) => actionForm(req, reply, v, e),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('register.actionCreated')).redirect(`/compact/register/actions/${id}`, 303);
    },
  );

  const actionPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Values = {},
    errors?: FormErrors,
  ) => {
    const ctx = ctxOf(req);
    const d = await svc.getAction(ctx, id, req.locale);
    const owner = d.action.ownerOrgId
      ? ((await svc.orgNames(ctx.db, [d.action.ownerOrgId], req.locale)).get(d.action.ownerOrgId) ?? null)
      : null;
    return reply.page(
      textIn(d.action.title, req.locale),
      <ActionPage
        ctx={reply.viewContext()}
        d={d}
        ownerName={owner}
        values={values as Record<string, string>}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };
  app.get('/compact/register/actions/:id', { config: read, schema: { params: IdParams } }, async (req, reply) =>
    actionPage(req, reply, req.params.id),
  );
  app.post(
    '/compact/register/actions/:id/progress',
    {
      config: read,
      attachValidation: true,
      schema: {
        params: IdParams,
        body: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 20 })),
          note: Type.Optional(Type.String({ maxLength: 10000 })),
          evidenceUrl: Type.Optional(Type.String({ maxLength: 4000 })),
          evidenceNote: Type.Optional(Type.String({ maxLength: 10000 })),
          ...Csrf,
        }),
      },
    },
    async (req, reply) => {
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return actionPage(req, reply, req.params.id, v, errors);
      const rerendered = await attempt(
        req,
        () => svc.updateActionProgress(ctxOf(req), req.params.id, v),
        (e) => actionPage(req, reply, req.params.id, v, e),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('register.actionSaved')).redirect(`/compact/register/actions/${req.params.id}`, 303);
    },
  );
}
