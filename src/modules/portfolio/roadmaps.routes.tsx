// Roadmaps for technical assistance and Strategy implementation plans: pages and API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../platform/auth/policy.ts';
import { attempt } from '../../platform/http/forms.ts';
import { NullableString, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { EmptyState, Field, PostForm, Select, TextArea, type FormErrors } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { REGIONAL_GROUPS, type LocalizedText } from '../directory/directory.schema.ts';
import { organizationChoices } from '../directory/directory.service.ts';
import { stateChoices } from '../assessments/assessments.service.ts';
import {
  ITEM_STATUSES,
  PLAN_SCOPES,
  ROADMAP_STATUSES,
  type ItemStatus,
  type PlanScope,
  type RoadmapStatus,
} from './portfolio.schema.ts';
import * as svc from './roadmaps.service.ts';

const loc = (n: LocalizedText | null | undefined, l: string) =>
  n ? ((n as Record<string, string>)[l] ?? n.en ?? '') : '';
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const RoadmapBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  title: Type.String({ maxLength: 300 }),
  consultationDate: Type.Optional(Type.String({ maxLength: 10 })),
  status: Type.String({ maxLength: 20 }),
  ...Csrf,
});
const ItemBody = Type.Object({
  needId: Type.String({ maxLength: 36 }),
  rank: Type.Integer({ minimum: 1, maximum: 999 }),
  responsibleOrgId: Type.Optional(Type.String({ maxLength: 36 })),
  milestones: Type.Optional(Type.String({ maxLength: 2000 })),
  dueDate: Type.Optional(Type.String({ maxLength: 10 })),
  status: Type.String({ maxLength: 20 }),
  ...Csrf,
});
const PlanBody = Type.Object({
  scope: Type.String({ maxLength: 20 }),
  stateOrgId: Type.Optional(Type.String({ maxLength: 36 })),
  region: Type.Optional(Type.String({ maxLength: 40 })),
  title: Type.String({ maxLength: 300 }),
  adoptedOn: Type.Optional(Type.String({ maxLength: 10 })),
  needIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 200 })),
  ...Csrf,
});

export default async function roadmapsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

  app.get('/roadmaps', { config: { access: { action: 'roadmap.list' } } }, async (req, reply) => {
    const rows = await svc.listRoadmaps(ctxOf(req));
    const plans = await svc.listPlans(ctxOf(req));
    return reply.page(
      req.t('roadmaps.title'),
      <RoadmapList
        ctx={reply.viewContext()}
        rows={rows}
        plans={plans}
        canCreate={can(req.actor, 'roadmap.create')}
        states={can(req.actor, 'roadmap.create') ? await stateChoices(db, req.locale) : []}
      />,
    );
  });

  app.post(
    '/roadmaps',
    { config: { access: { action: 'roadmap.create' } }, schema: { body: RoadmapBody } },
    async (req, reply) => {
      let id = '';
      const done = await attempt(
        req,
        async () => {
          id = await svc.createRoadmap(ctxOf(req), { ...req.body, status: req.body.status as RoadmapStatus });
        },
        (errors) =>
          reply.page(req.t('roadmaps.new'), <Errors ctx={reply.viewContext()} errors={errors} back="/roadmaps" />, 422),
      );
      if (done) return done;
      return reply.flash(req.t('roadmaps.saved')).redirect(`/roadmaps/${id}`, 303);
    },
  );

  app.get(
    '/roadmaps/:id',
    { config: { access: { action: 'roadmap.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const r = await svc.getRoadmap(ctxOf(req), req.params.id);
      const canWrite = can(req.actor, 'roadmap.write', { stateOrgId: r.stateOrgId });
      const needChoices = canWrite ? await svc.stateNeedChoices(ctxOf(req), r.stateOrgId, req.locale) : [];
      const orgs = canWrite
        ? (await organizationChoices({ db, actor: req.actor }, req.locale)).filter((o) => o.type !== 'cso')
        : [];
      return reply.page(
        r.title,
        <RoadmapView
          ctx={reply.viewContext()}
          r={r}
          canWrite={canWrite}
          needChoices={needChoices}
          orgs={orgs.map((o) => ({ value: o.id, label: o.name }))}
        />,
      );
    },
  );

  app.post(
    '/roadmaps/:id/items',
    { config: { access: { action: 'roadmap.create' } }, schema: { params: IdParams, body: ItemBody } },
    async (req, reply) => {
      const done = await attempt(
        req,
        () => svc.setRoadmapItem(ctxOf(req), req.params.id, { ...req.body, status: req.body.status as ItemStatus }),
        (errors) =>
          reply.page(
            req.t('roadmaps.title'),
            <Errors ctx={reply.viewContext()} errors={errors} back={`/roadmaps/${req.params.id}`} />,
            422,
          ),
      );
      if (done) return done;
      return reply.flash(req.t('roadmaps.itemSaved')).redirect(`/roadmaps/${req.params.id}`, 303);
    },
  );

  app.post(
    '/plans',
    { config: { access: { action: 'plan.create' } }, schema: { body: PlanBody } },
    async (req, reply) => {
      const done = await attempt(
        req,
        () =>
          svc.createPlan(ctxOf(req), {
            ...req.body,
            scope: req.body.scope as PlanScope,
            needIds: req.body.needIds ?? [],
          }),
        (errors) =>
          reply.page(
            req.t('plans.new'),
            <Errors ctx={reply.viewContext()} errors={errors} back="/roadmaps#plans" />,
            422,
          ),
      );
      if (done) return done;
      return reply.flash(req.t('plans.saved')).redirect('/roadmaps#plans', 303);
    },
  );

  // ----- API -----
  const tags = ['portfolio'];
  const security = [{ bearer: [] }];
  const ItemOut = Type.Object({
    needId: Type.String(),
    rank: Type.Integer(),
    responsibleOrgId: NullableString({}),
    milestones: Type.String(),
    dueDate: NullableString({}),
    status: StringEnum(ITEM_STATUSES),
    needVisible: Type.Boolean(),
  });
  const RoadmapOut = Type.Object({
    id: Type.String(),
    stateOrgId: Type.String(),
    title: Type.String(),
    consultationDate: NullableString({}),
    status: StringEnum(ROADMAP_STATUSES),
    items: Type.Optional(Type.Array(ItemOut)),
  });
  app.get(
    '/api/v1/roadmaps',
    {
      config: { access: { action: 'roadmap.list' } },
      schema: {
        tags,
        security,
        summary: 'Roadmaps for technical assistance',
        response: { 200: Type.Object({ data: Type.Array(RoadmapOut) }), ...errorResponses },
      },
    },
    async (req) => ({
      data: (await svc.listRoadmaps(ctxOf(req))).map(({ r }) => ({
        id: r.id,
        stateOrgId: r.stateOrgId,
        title: r.title,
        consultationDate: r.consultationDate,
        status: r.status,
      })),
    }),
  );
  app.get(
    '/api/v1/roadmaps/:id',
    {
      config: { access: { action: 'roadmap.list' } },
      schema: {
        tags,
        security,
        summary: 'One roadmap with its prioritized items (the need’s content only when you may see it)',
        params: IdParams,
        response: { 200: RoadmapOut, ...errorResponses },
      },
    },
    async (req) => {
      const r = await svc.getRoadmap(ctxOf(req), req.params.id);
      return {
        id: r.id,
        stateOrgId: r.stateOrgId,
        title: r.title,
        consultationDate: r.consultationDate,
        status: r.status,
        items: r.items.map((i) => ({
          needId: i.needId,
          rank: i.rank,
          responsibleOrgId: i.responsibleOrgId,
          milestones: i.milestones,
          dueDate: i.dueDate,
          status: i.status,
          needVisible: !!i.descriptions,
        })),
      };
    },
  );
  app.post(
    '/api/v1/roadmaps',
    {
      config: { access: { action: 'roadmap.create' } },
      schema: {
        tags,
        security,
        summary: 'Create a roadmap after a capacity consultation',
        body: Type.Object(
          {
            stateOrgId: Type.String({ format: 'uuid' }),
            title: Type.String({ minLength: 1, maxLength: 300 }),
            consultationDate: Type.Optional(NullableString({ format: 'date' })),
            status: StringEnum(ROADMAP_STATUSES),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await svc.createRoadmap(ctxOf(req), req.body as svc.RoadmapInput) }),
  );
  app.post(
    '/api/v1/roadmaps/:id/items',
    {
      config: { access: { action: 'roadmap.create' } },
      schema: {
        tags,
        security,
        summary: 'Add or update a prioritized need on a roadmap',
        params: IdParams,
        body: Type.Object(
          {
            needId: Type.String({ format: 'uuid' }),
            rank: Type.Integer({ minimum: 1, maximum: 999 }),
            responsibleOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            milestones: Type.Optional(Type.String({ maxLength: 2000 })),
            dueDate: Type.Optional(NullableString({ format: 'date' })),
            status: StringEnum(ITEM_STATUSES),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.setRoadmapItem(ctxOf(req), req.params.id, req.body as svc.ItemInput);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/plans',
    {
      config: { access: { action: 'plan.list' } },
      schema: {
        tags,
        security,
        summary: 'National and regional Strategy implementation plans',
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                scope: StringEnum(PLAN_SCOPES),
                stateOrgId: NullableString({}),
                region: NullableString({}),
                title: Type.String(),
                adoptedOn: NullableString({}),
                needs: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({
      data: (await svc.listPlans(ctxOf(req))).map(({ p, needs }) => ({
        id: p.id,
        scope: p.scope,
        stateOrgId: p.stateOrgId,
        region: p.region,
        title: p.title,
        adoptedOn: p.adoptedOn,
        needs,
      })),
    }),
  );
  app.post(
    '/api/v1/plans',
    {
      config: { access: { action: 'plan.create' } },
      schema: {
        tags,
        security,
        summary: 'Record a national or regional implementation plan linked to needs',
        body: Type.Object(
          {
            scope: StringEnum(PLAN_SCOPES),
            stateOrgId: Type.Optional(NullableString({ format: 'uuid' })),
            region: Type.Optional(NullableString({})),
            title: Type.String({ minLength: 1, maxLength: 300 }),
            adoptedOn: Type.Optional(NullableString({ format: 'date' })),
            needIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await svc.createPlan(ctxOf(req), { ...(req.body as svc.PlanInput), needIds: req.body.needIds ?? [] }),
      }),
  );
}

function Errors({ ctx, errors, back }: { ctx: ViewContext; errors: FormErrors; back: string }) {
  return (
    <section class="narrow">
      <div class="error-summary" role="alert">
        <h2>{ctx.t('form.errorSummary', { count: Object.keys(errors).length })}</h2>
        <ul>
          {Object.values(errors).map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      </div>
      <p>
        <a href={back}>{ctx.t('roadmaps.back')}</a>
      </p>
    </section>
  );
}

function RoadmapList({
  ctx,
  rows,
  plans,
  canCreate,
  states,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof svc.listRoadmaps>>;
  plans: Awaited<ReturnType<typeof svc.listPlans>>;
  canCreate: boolean;
  states: { id: string; name: string }[];
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('roadmaps.title')}</h1>
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('roadmaps.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.title')}</th>
              <th scope="col">{t('assessments.state')}</th>
              <th scope="col">{t('roadmaps.consultation')}</th>
              <th scope="col">{t('roadmaps.items')}</th>
              <th scope="col">{t('assessments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ r, stateNames, items }) => (
              <tr>
                <td>
                  <a href={`/roadmaps/${r.id}`} dir="auto">
                    {r.title}
                  </a>
                </td>
                <td>{loc(stateNames, locale)}</td>
                <td>{r.consultationDate ? formatDate(locale, r.consultationDate, 'UTC', false) : '—'}</td>
                <td>{items}</td>
                <td>{t(`roadmaps.status.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('roadmaps.none')}</EmptyState>
      )}
      {canCreate ? (
        <PostForm ctx={ctx} action="/roadmaps" class="panel">
          <h2>{t('roadmaps.new')}</h2>
          <Select
            name="stateOrgId"
            label={t('assessments.state')}
            includeEmpty="—"
            options={states.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Field name="title" label={t('reports.title')} required maxLength={300} />
          <Field name="consultationDate" type="date" label={t('roadmaps.consultation')} />
          <Select
            name="status"
            label={t('assessments.status')}
            value="draft"
            options={ROADMAP_STATUSES.map((s) => ({ value: s, label: t(`roadmaps.status.${s}`) }))}
          />
          <button type="submit">{t('action.save')}</button>
        </PostForm>
      ) : null}
      <h2 id="plans">{t('plans.title')}</h2>
      {plans.length ? (
        <ul>
          {plans.map(({ p, stateNames, needs }) => (
            <li>
              <span dir="auto">{p.title}</span> —{' '}
              {p.scope === 'national' ? loc(stateNames, locale) : t(`group.${p.region}`)}
              {p.adoptedOn ? `, ${formatDate(locale, p.adoptedOn, 'UTC', false)}` : ''} —{' '}
              {t('plans.linkedNeeds', { count: needs })}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('plans.none')}</EmptyState>
      )}
      {canCreate ? (
        <PostForm ctx={ctx} action="/plans" class="panel">
          <h3>{t('plans.new')}</h3>
          <Select
            name="scope"
            label={t('plans.scope')}
            value="national"
            options={PLAN_SCOPES.map((s) => ({ value: s, label: t(`plans.scope.${s}`) }))}
          />
          <Select
            name="stateOrgId"
            label={t('assessments.state')}
            includeEmpty="—"
            options={states.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select
            name="region"
            label={t('field.region')}
            includeEmpty="—"
            options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
          />
          <Field name="title" label={t('reports.title')} required maxLength={300} />
          <Field name="adoptedOn" type="date" label={t('plans.adopted')} />
          <button type="submit">{t('action.save')}</button>
        </PostForm>
      ) : null}
    </section>
  );
}

function RoadmapView({
  ctx,
  r,
  canWrite,
  needChoices,
  orgs,
}: {
  ctx: ViewContext;
  r: Awaited<ReturnType<typeof svc.getRoadmap>>;
  canWrite: boolean;
  needChoices: { id: string; label: string }[];
  orgs: { value: string; label: string }[];
}) {
  const { t, locale } = ctx;
  return (
    <article>
      <p class="breadcrumb">
        <a href="/roadmaps">{t('roadmaps.title')}</a>
      </p>
      <h1 dir="auto">{r.title}</h1>
      <dl class="facts">
        <dt>{t('assessments.state')}</dt>
        <dd>{loc(r.stateNames, locale)}</dd>
        <dt>{t('roadmaps.consultation')}</dt>
        <dd>{r.consultationDate ? formatDate(locale, r.consultationDate, 'UTC', false) : '—'}</dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`roadmaps.status.${r.status}`)}</dd>
      </dl>
      <h2>{t('roadmaps.items')}</h2>
      {r.items.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('needs.description')}</th>
              <th scope="col">{t('roadmaps.responsible')}</th>
              <th scope="col">{t('roadmaps.milestones')}</th>
              <th scope="col">{t('roadmaps.due')}</th>
              <th scope="col">{t('assessments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr>
                <td>{i.rank}</td>
                <td>
                  {i.descriptions ? (
                    <a href={`/needs/${i.needId}`} dir="auto">
                      {loc(i.descriptions as LocalizedText, locale).slice(0, 140)}
                    </a>
                  ) : (
                    <em>{t('roadmaps.hiddenNeed')}</em>
                  )}
                </td>
                <td>{i.responsible ?? '—'}</td>
                <td dir="auto">{i.milestones || '—'}</td>
                <td>{i.dueDate ? formatDate(locale, i.dueDate, 'UTC', false) : '—'}</td>
                <td>{t(`roadmaps.itemStatus.${i.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('roadmaps.noItems')}</EmptyState>
      )}
      {canWrite ? (
        needChoices.length ? (
          <PostForm ctx={ctx} action={`/roadmaps/${r.id}/items`} class="panel">
            <h3>{t('roadmaps.addItem')}</h3>
            <Select
              name="needId"
              label={t('roadmaps.need')}
              options={needChoices.map((n) => ({ value: n.id, label: n.label }))}
            />
            <Field name="rank" label={t('roadmaps.rank')} inputMode="numeric" value={String(r.items.length + 1)} />
            <Select name="responsibleOrgId" label={t('roadmaps.responsible')} includeEmpty="—" options={orgs} />
            <TextArea name="milestones" label={t('roadmaps.milestones')} rows={3} maxLength={2000} />
            <Field name="dueDate" type="date" label={t('roadmaps.due')} />
            <Select
              name="status"
              label={t('assessments.status')}
              value="not_started"
              options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`roadmaps.itemStatus.${s}`) }))}
            />
            <button type="submit">{t('action.save')}</button>
          </PostForm>
        ) : (
          <p class="hint">{t('roadmaps.noNeedsToAdd')}</p>
        )
      ) : null}
    </article>
  );
}
