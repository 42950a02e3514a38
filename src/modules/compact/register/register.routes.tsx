// Pages of the register: /compact/register (actions and decisions, filters, pagination, export), a decision, an action
// (progress, evidence, status changes), the create forms. Forms re-render with 422 and every error at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import { conflict, forbidden, type FieldError } from '../../../platform/http/errors.ts';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { textFormValues, textFromForm, textIn } from '../../../platform/i18n/text.ts';
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
  meetingLabel,
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

/** `kind:id` values of the link check boxes and "Link" buttons into links; a malformed one is one error. */
export function parseLinkValues(values: readonly string[] | undefined, fields?: FieldError[]): svc.ActionLink[] {
  const out = new Map<string, svc.ActionLink>();
  for (const raw of values ?? []) {
    const m = /^([a-z]+):([0-9a-f-]{36})$/i.exec(raw.trim());
    if (!m || !(LINK_KINDS as readonly string[]).includes(m[1].toLowerCase())) {
      if (fields && !fields.some((f) => f.field === 'links'))
        fields.push({ field: 'links', messageKey: 'register.errors.link' });
      continue;
    }
    const l = { kind: m[1].toLowerCase() as LinkKind, id: m[2].toLowerCase() };
    out.set(`${l.kind}:${l.id}`, l);
  }
  return [...out.values()];
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

  const FormBody = Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 25000 }));

  const decisionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FormErrors,
    editing?: { decision: svc.Decision; minutesAdopted: boolean },
  ) => {
    const ctx = ctxOf(req);
    const bodies = await svc.bodyChoices(ctx, req.locale);
    const shown = editing ? bodies.visible.filter((b) => b.value === editing.decision.bodyId) : bodies.managed;
    const meetings = await svc.meetingChoices(
      ctx.db,
      shown.map((b) => b.value),
    );
    return reply.page(
      editing
        ? req.t('register.editDecisionTitle', { symbol: editing.decision.symbol })
        : req.t('register.newDecision'),
      <DecisionForm
        ctx={reply.viewContext()}
        values={values}
        errors={errors}
        bodies={shown}
        meetings={meetings}
        decision={editing?.decision}
        minutesAdopted={editing?.minutesAdopted}
      />,
      errors ? 422 : 200,
    );
  };
  app.get('/compact/register/decisions/new', { config: write }, async (req, reply) =>
    decisionForm(req, reply, { decidedOn: new Date().toISOString().slice(0, 10) }),
  );
  app.post(
    '/compact/register/decisions',
    { config: write, attachValidation: true, schema: { body: FormBody } },
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
    const [owners, bodies, meeting] = await Promise.all([
      svc.orgNames(
        ctx.db,
        r.actions.flatMap((a) => (a.ownerOrgId ? [a.ownerOrgId] : [])),
        req.locale,
      ),
      svc.bodyChoices(ctx, req.locale),
      svc.meetingSummary(ctx.db, r.decision.meetingId),
    ]);
    const vc = reply.viewContext();
    return reply.page(
      r.decision.symbol,
      <DecisionPage
        ctx={vc}
        d={r}
        ownerNames={owners}
        canAddAction={bodies.managed.some((b) => b.value === r.body.id)}
        meetingLabel={meeting ? meetingLabel(vc, meeting) : null}
      />,
    );
  });

  /** The decision to edit: visible (404) and editable by the actor (403), with its minutes' state. */
  const decisionToEdit = async (req: FastifyRequest, id: string) => {
    const r = await svc.getDecision(ctxOf(req), id);
    if (!r.canEdit) throw forbidden();
    return { decision: r.decision, minutesAdopted: r.minutesAdopted };
  };
  const decisionValues = (d: svc.Decision): Values => ({
    ...textFormValues('text', d.text),
    decidedOn: d.decidedOn,
    reviewOn: d.reviewOn ?? '',
    meetingId: d.meetingId ?? '',
  });
  app.get(
    '/compact/register/decisions/:id/edit',
    { config: write, schema: { params: IdParams } },
    async (req, reply) => {
      const editing = await decisionToEdit(req, req.params.id);
      return decisionForm(req, reply, decisionValues(editing.decision), undefined, editing);
    },
  );
  app.post(
    '/compact/register/decisions/:id/edit',
    { config: write, attachValidation: true, schema: { params: IdParams, body: FormBody } },
    async (req, reply) => {
      const editing = await decisionToEdit(req, req.params.id);
      const v = (req.body ?? {}) as Values;
      const errors = formErrors(req);
      if (errors) return decisionForm(req, reply, v, errors, editing);
      let result: svc.EditResult<svc.Decision> | undefined;
      const rerendered = await attempt(
        req,
        async () => {
          const fields: FieldError[] = [];
          const text = textFromForm(v, 'text', fields, {
            maxLength: 20000,
            required: true,
            previous: editing.decision.text,
          });
          result = await svc.updateDecision(
            ctxOf(req),
            editing.decision.id,
            { text, decidedOn: v.decidedOn ?? '', reviewOn: v.reviewOn || null, meetingId: v.meetingId || null },
            fields,
          );
        },
        (e) => decisionForm(req, reply, v, e, editing),
      );
      if (rerendered) return reply;
      const message = !result?.changed.length
        ? req.t('register.noChangesSaved')
        : result.afterAdoption
          ? req.t('register.decisionSavedAfterAdoption')
          : req.t('register.decisionSaved');
      return reply.flash(message).redirect(`/compact/register/decisions/${editing.decision.id}`, 303);
    },
  );

  // ---- Actions ----

  /** The link picker's state: the chosen links (from the form, the query or the stored action) and a search. */
  const LinkQuery = {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(Type.String({ maxLength: 20 })),
    link: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 100 })),
    picked: Type.Optional(Type.String({ maxLength: 5 })),
    search: Type.Optional(Type.String({ maxLength: 5 })),
  };
  type LinkState = { q?: string; kind?: string; link?: string[]; picked?: string };
  const pickerState = async (req: FastifyRequest, links: svc.ActionLink[], query: LinkState, hidden: Values) => {
    const ctx = ctxOf(req);
    const q = (query.q ?? '').trim();
    const kind = (LINK_KINDS as readonly string[]).includes(query.kind ?? '') ? (query.kind as LinkKind) : '';
    const [picked, results] = await Promise.all([
      svc.labelLinks(ctx, req.locale, links),
      q ? svc.searchLinks(ctx, req.locale, q, { kinds: kind ? [kind] : undefined, limit: 8 }) : null,
    ]);
    return { picked, search: { q, kind, results, hidden } };
  };

  const actionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    links: svc.ActionLink[],
    query: LinkState,
    errors?: FormErrors,
    action?: svc.Action,
  ) => {
    const ctx = ctxOf(req);
    // The body and decision pickers are for a new action only (an edited action keeps them).
    const managed = action ? [] : (await svc.bodyChoices(ctx, req.locale)).managed;
    const [owners, decisions, pillars, picker] = await Promise.all([
      organizationChoices(ctx, req.locale),
      action
        ? []
        : svc.decisionChoices(
            ctx,
            req.locale,
            managed.map((b) => b.value),
          ),
      svc.pillarChoices(ctx, req.locale),
      pickerState(req, links, query, action ? {} : { decision: values.decisionId }),
    ]);
    const people = await svc.ownerPeople(
      ctx,
      owners.map((o) => o.id),
    );
    return reply.page(
      action ? req.t('register.editActionTitle') : req.t('register.newAction'),
      <ActionForm
        ctx={reply.viewContext()}
        values={values}
        errors={errors}
        bodies={managed}
        owners={owners.map((o) => ({ value: o.id, label: o.name }))}
        decisions={decisions}
        people={people}
        pillars={pillars}
        picked={picker.picked}
        search={picker.search}
        action={action}
      />,
      errors ? 422 : 200,
    );
  };
  app.get(
    '/compact/register/actions/new',
    {
      config: write,
      schema: { querystring: Type.Object({ decision: Type.Optional(Type.String({ maxLength: 40 })), ...LinkQuery }) },
    },
    async (req, reply) =>
      actionForm(req, reply, { decisionId: req.query.decision }, parseLinkValues(req.query.link), req.query),
  );
  const ActionBody = Type.Object(
    { link: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 100 })) },
    { additionalProperties: Type.String({ maxLength: 25000 }) },
  );
  /** The action form's fields (links apart). */
  const actionInput = (v: Values, fields: FieldError[], previous?: svc.Action) => ({
    title: textFromForm(v, 'title', fields, { maxLength: 3000, required: true, previous: previous?.title }),
    ownerOrgId: v.ownerOrgId ?? '',
    ownerPersonId: v.ownerPersonId || null,
    dueOn: v.dueOn ?? '',
    pillar: v.pillar || null,
  });
  app.post(
    '/compact/register/actions',
    { config: write, attachValidation: true, schema: { body: ActionBody } },
    async (req, reply) => {
      const { link, ...v } = (req.body ?? {}) as Values & { link?: string[] };
      const links = parseLinkValues(link);
      const errors = formErrors(req);
      if (errors) return actionForm(req, reply, v, links, {}, errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          const fields: FieldError[] = [];
          parseLinkValues(link, fields);
          const a = await svc.createAction(
            ctxOf(req),
            { bodyId: v.bodyId || null, decisionId: v.decisionId || null, ...actionInput(v, fields), links },
            fields,
          );
          id = a.id;
        },
        (e) => actionForm(req, reply, v, links, {}, e),
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
    const [owner, pillars] = await Promise.all([
      d.action.ownerOrgId
        ? svc.orgNames(ctx.db, [d.action.ownerOrgId], req.locale).then((m) => m.get(d.action.ownerOrgId!) ?? null)
        : null,
      d.action.pillar ? svc.pillarChoices(ctx, req.locale) : [],
    ]);
    return reply.page(
      textIn(d.action.title, req.locale),
      <ActionPage
        ctx={reply.viewContext()}
        d={d}
        ownerName={owner}
        pillarName={pillars.find((p) => p.value === d.action.pillar)?.label ?? d.action.pillar}
        values={values as Record<string, string>}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };
  app.get('/compact/register/actions/:id', { config: read, schema: { params: IdParams } }, async (req, reply) =>
    actionPage(req, reply, req.params.id),
  );

  /** The action to edit: visible (404), a body's action (409 for an event's), editable by the actor (403). */
  const actionToEdit = async (req: FastifyRequest, id: string) => {
    const d = await svc.getAction(ctxOf(req), id, req.locale);
    if (!d.action.bodyId) throw conflict('register.errors.eventActionEdit');
    if (!d.canEdit) throw forbidden();
    return d;
  };
  const actionValues = (a: svc.Action): Values => ({
    ...textFormValues('title', a.title),
    ownerOrgId: a.ownerOrgId ?? '',
    ownerPersonId: a.ownerPersonId ?? '',
    dueOn: a.dueOn ?? '',
    pillar: a.pillar ?? '',
  });
  app.get(
    '/compact/register/actions/:id/edit',
    { config: write, schema: { params: IdParams, querystring: Type.Object(LinkQuery) } },
    async (req, reply) => {
      const d = await actionToEdit(req, req.params.id);
      const links = req.query.picked
        ? parseLinkValues(req.query.link)
        : d.links.map((l) => ({ kind: l.kind, id: l.id }));
      return actionForm(req, reply, actionValues(d.action), links, req.query, undefined, d.action);
    },
  );
  app.post(
    '/compact/register/actions/:id/edit',
    { config: write, attachValidation: true, schema: { params: IdParams, body: ActionBody } },
    async (req, reply) => {
      const d = await actionToEdit(req, req.params.id);
      const { link, ...v } = (req.body ?? {}) as Values & { link?: string[] };
      const links = parseLinkValues(link);
      const errors = formErrors(req);
      if (errors) return actionForm(req, reply, v, links, {}, errors, d.action);
      let result: svc.EditResult<svc.ActionRow> | undefined;
      const rerendered = await attempt(
        req,
        async () => {
          const fields: FieldError[] = [];
          parseLinkValues(link, fields);
          result = await svc.updateAction(
            ctxOf(req),
            d.action.id,
            { ...actionInput(v, fields, d.action), links },
            fields,
          );
        },
        (e) => actionForm(req, reply, v, links, {}, e, d.action),
      );
      if (rerendered) return reply;
      return reply
        .flash(result?.changed.length ? req.t('register.actionSaved') : req.t('register.noChangesSaved'))
        .redirect(`/compact/register/actions/${d.action.id}`, 303);
    },
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
