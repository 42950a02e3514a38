// Pages of roadmaps for technical assistance and Strategy implementation plans (work without JavaScript).
import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/policy.ts';
import { attempt } from '../../../platform/http/forms.ts';
import { memberStateChoices as stateChoices, organizationChoices } from '../../directory/index.ts';
import { type ItemStatus, type PlanScope, type RoadmapStatus } from '../portfolio.schema.ts';
import * as svc from './roadmaps.service.ts';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { StringEnum } from '../../../platform/http/api.ts';
import { nameIn, type Locale, type T } from '../../../platform/i18n/index.ts';
import { textIn } from '../../../platform/i18n/text.ts';

const roadmapColumns = (t: T, locale: Locale): Column<svc.RoadmapExportRow>[] => [
  { key: 'state', header: t('assessments.state'), hxl: '#country+name', value: (x) => nameIn(x.stateNames, locale) },
  { key: 'iso3', header: 'ISO3', hxl: '#country+code', value: (x) => x.stateIso3 },
  { key: 'roadmap', header: t('reports.title'), hxl: '#meta+roadmap', value: (x) => x.r.title },
  {
    key: 'consultation',
    header: t('roadmaps.consultation'),
    hxl: '#date+consultation',
    value: (x) => (x.r.consultationDate ? new Date(`${x.r.consultationDate}T00:00:00Z`) : null),
  },
  {
    key: 'roadmapStatus',
    header: t('assessments.status'),
    hxl: '#status+roadmap',
    value: (x) => t(`roadmaps.status.${x.r.status}`),
  },
  { key: 'rank', header: t('roadmaps.rank'), hxl: '#indicator+rank', value: (x) => x.item?.rank ?? null },
  {
    key: 'need',
    header: t('roadmaps.need'),
    hxl: '#description+need',
    value: (x) => (x.descriptions ? textIn(x.descriptions, locale) : ''),
  },
  {
    key: 'responsible',
    header: t('roadmaps.responsible'),
    hxl: '#org+responsible',
    value: (x) => x.respAcronym ?? (x.respNames ? nameIn(x.respNames, locale) : ''),
  },
  {
    key: 'milestones',
    header: t('roadmaps.milestones'),
    hxl: '#meta+milestones',
    value: (x) => x.item?.milestones ?? '',
  },
  {
    key: 'due',
    header: t('roadmaps.due'),
    hxl: '#date+due',
    value: (x) => (x.item?.dueDate ? new Date(`${x.item.dueDate}T00:00:00Z`) : null),
  },
  {
    key: 'itemStatus',
    header: t('roadmaps.itemStatusHeader'),
    hxl: '#status+item',
    value: (x) => (x.item ? t(`roadmaps.itemStatus.${x.item.status}`) : ''),
  },
];

import { Errors, RoadmapList, RoadmapView } from './roadmaps.views.tsx';

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

  // The roadmaps and their items as CSV or Excel (the platform's one tabular export), with the page's rules.
  app.get(
    '/roadmaps/export',
    {
      config: { access: { action: 'roadmap.list' } },
      schema: { querystring: Type.Object({ format: Type.Optional(StringEnum(['csv', 'xlsx'] as const)) }) },
    },
    async (req, reply) =>
      sendTable(
        reply,
        req.query.format ?? 'csv',
        'roadmaps',
        roadmapColumns(req.t, req.locale),
        await svc.exportRoadmapItems(ctxOf(req)),
        {
          hxl: true,
          sheetName: 'roadmaps',
        },
      ),
  );

  app.post(
    '/roadmaps',
    { config: { access: { action: 'roadmap.create' } }, schema: { body: RoadmapBody } },
    async (req, reply) => {
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = await svc.createRoadmap(ctxOf(req), { ...req.body, status: req.body.status as RoadmapStatus });
        },
        (errors) =>
          reply.page(req.t('roadmaps.new'), <Errors ctx={reply.viewContext()} errors={errors} back="/roadmaps" />, 422),
      );
      if (rerendered) return reply;
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
      const rerendered = await attempt(
        req,
        () => svc.setRoadmapItem(ctxOf(req), req.params.id, { ...req.body, status: req.body.status as ItemStatus }),
        (errors) =>
          reply.page(
            req.t('roadmaps.title'),
            <Errors ctx={reply.viewContext()} errors={errors} back={`/roadmaps/${req.params.id}`} />,
            422,
          ),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('roadmaps.itemSaved')).redirect(`/roadmaps/${req.params.id}`, 303);
    },
  );

  app.post(
    '/plans',
    { config: { access: { action: 'plan.create' } }, schema: { body: PlanBody } },
    async (req, reply) => {
      const rerendered = await attempt(
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
      if (rerendered) return reply;
      return reply.flash(req.t('plans.saved')).redirect('/roadmaps#plans', 303);
    },
  );
}
