// Pages of needs (work without JavaScript) and their exports.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../../platform/http/request-context.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/policy.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import { LOCALES, type Locale, nameIn } from '../../../platform/i18n/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { sendTable, type Column } from '../../../platform/export/tabular.ts';
import { memberStateChoices as stateChoices } from '../../directory/index.ts';
import { type NeedSource, type NeedStatus, type Priority } from '../portfolio.schema.ts';
import { arr, PAGE, str, type Values } from '../portfolio.forms.ts';
import * as needsSvc from '../needs/needs.service.ts';
import * as projectsSvc from '../projects/projects.service.ts';
import { invalid, type FieldError } from '../../../platform/http/errors.ts';
import {
  statusFieldName,
  textFieldName,
  textFormValues,
  textFromForm,
  textIn,
  type TranslatableText,
} from '../../../platform/i18n/text.ts';
import { NeedFormView, NeedList, NeedView } from './needs.views.tsx';

const NeedFilterQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  state: Type.Optional(Type.String({ maxLength: 36 })),
  visit: Type.Optional(Type.String({ maxLength: 36 })),
  theme: Type.Optional(Type.String({ maxLength: 80 })),
  pillar: Type.Optional(Type.String({ maxLength: 20 })),
  priority: Type.Optional(Type.String({ maxLength: 10 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  answered: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('')])),
  region: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});

const NeedBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  source: Type.String({ maxLength: 30 }),
  visitId: Type.Optional(Type.String({ maxLength: 36 })),
  sourceNote: Type.Optional(Type.String({ maxLength: 500 })),
  themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
  pillars: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  resolutions: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
  priority: Type.String({ maxLength: 10 }),
  status: Type.String({ maxLength: 20 }),
  ...Object.fromEntries(
    LOCALES.flatMap((l) => [
      [textFieldName('description', l), Type.Optional(Type.String({ maxLength: 5000 }))],
      [statusFieldName('description', l), Type.Optional(Type.String({ maxLength: 20 }))],
    ]),
  ),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
/** The form's need; the description keeps the stored languages and statuses the form did not send. */
const toNeed = (b: Values, previous?: TranslatableText | null): needsSvc.NeedInput => {
  const fields: FieldError[] = [];
  const descriptions = textFromForm(b, 'description', fields, { maxLength: 5000, previous });
  if (fields.length) throw invalid(fields);
  return {
    stateOrgId: str(b.stateOrgId),
    source: str(b.source) as NeedSource,
    visitId: str(b.visitId) || null,
    sourceNote: str(b.sourceNote),
    themes: arr(b.themes),
    pillars: arr(b.pillars),
    resolutions: arr(b.resolutions),
    priority: str(b.priority) as Priority,
    status: str(b.status) as NeedStatus,
    descriptions,
  };
};

export const needColumns = (locale: string): Column<needsSvc.NeedRow>[] => [
  { key: 'id', header: 'id', hxl: '#indicator+id', value: (n) => n.id },
  { key: 'state', header: 'state', hxl: '#country+name', value: (n) => nameIn(n.stateNames, locale) },
  { key: 'iso3', header: 'iso3', hxl: '#country+code', value: (n) => n.stateIso3 },
  { key: 'region', header: 'region', hxl: '#region+name', value: (n) => n.regionalGroup },
  { key: 'source', header: 'source', hxl: '#meta+source', value: (n) => n.source },
  { key: 'themes', header: 'themes', hxl: '#sector+theme', value: (n) => n.themes.join(';') },
  { key: 'pillars', header: 'pillars', hxl: '#sector+pillar', value: (n) => n.pillars.join(';') },
  { key: 'resolutions', header: 'resolutions', hxl: '#meta+resolution', value: (n) => n.resolutions.join(';') },
  { key: 'priority', header: 'priority', hxl: '#priority', value: (n) => n.priority },
  { key: 'status', header: 'status', hxl: '#status', value: (n) => n.status },
  {
    key: 'description',
    header: 'description',
    hxl: '#description',
    value: (n) => textIn(n.descriptions, locale as Locale),
  },
  { key: 'coverage', header: 'coverage_percent', hxl: '#indicator+coverage+pct', value: (n) => n.coverage },
];

export default async function needsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;

  app.get(
    '/needs',
    { config: { access: { action: 'need.list' } }, schema: { querystring: NeedFilterQuery } },
    async (req, reply) => {
      const { page = 1, format, ...f } = req.query;
      if (format) {
        const all = await needsSvc.listNeeds(ctxOf(req), f as needsSvc.NeedFilters, 1, 50_000);
        return sendTable(reply, format, `needs.${format}`, needColumns(req.locale), all.rows, {
          hxl: true,
          sheetName: 'needs',
        });
      }
      const r = await needsSvc.listNeeds(ctxOf(req), f as needsSvc.NeedFilters, page, PAGE);
      const states = await stateChoices(db, req.locale);
      return reply.page(
        req.t('needs.title'),
        <NeedList
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          filters={f as Record<string, string>}
          states={states}
          canCreate={can(req.actor, 'need.create')}
        />,
      );
    },
  );

  const needForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: Values,
    errors?: FormErrors,
    status = 200,
    stored?: TranslatableText | null,
  ) =>
    reply.page(
      title,
      <NeedFormView
        ctx={reply.viewContext()}
        action={action}
        title={title}
        values={values}
        errors={errors}
        states={await stateChoices(db, req.locale)}
        stored={stored}
      />,
      status,
    );

  app.get(
    '/needs/new',
    {
      config: { access: { action: 'need.create' } },
      schema: {
        querystring: Type.Object({
          visit: Type.Optional(Type.String({ maxLength: 36 })),
          state: Type.Optional(Type.String({ maxLength: 36 })),
        }),
      },
    },
    async (req, reply) =>
      needForm(req, reply, '/needs', req.t('needs.new'), {
        source: req.query.visit ? 'assessment_visit' : 'other',
        visitId: req.query.visit,
        stateOrgId: req.query.state,
        priority: 'medium',
        status: 'identified',
        [textFieldName('description', req.locale)]: '',
        // The reader's language is the original; the others, when filled in, translations.
        ...Object.fromEntries(
          LOCALES.map((l) => [statusFieldName('description', l), l === req.locale ? 'original' : 'draft']),
        ),
      }),
  );

  app.post(
    '/needs',
    { config: { access: { action: 'need.create' } }, schema: { body: NeedBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const rerender = (errors: FormErrors) => needForm(req, reply, '/needs', req.t('needs.new'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let id = '';
      const rerendered = await attempt(
        req,
        async () => {
          id = await needsSvc.createNeed(ctxOf(req), toNeed(values));
        },
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('needs.saved')).redirect(`/needs/${id}`, 303);
    },
  );

  const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  app.get(
    '/needs/:id',
    { config: { access: { action: 'need.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const n = await needsSvc.getNeed(ctxOf(req), req.params.id);
      const links = await needsSvc.linksOfNeed(ctxOf(req), n.id);
      const matches = await projectsSvc.matchProjects(ctxOf(req), n);
      return reply.page(
        req.t('needs.one', { state: nameIn(n.stateNames, req.locale) }),
        <NeedView
          ctx={reply.viewContext()}
          n={n}
          links={links}
          matches={matches}
          canEdit={can(req.actor, 'need.write', { stateOrgId: n.stateOrgId, fromVisit: !!n.visitId })}
        />,
      );
    },
  );

  app.get(
    '/needs/:id/edit',
    { config: { access: { action: 'need.create' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const n = await needsSvc.getNeed(ctxOf(req), req.params.id);
      return needForm(
        req,
        reply,
        `/needs/${n.id}`,
        req.t('needs.edit'),
        {
          stateOrgId: n.stateOrgId,
          source: n.source,
          visitId: n.visitId ?? '',
          sourceNote: n.sourceNote,
          themes: n.themes,
          pillars: n.pillars,
          resolutions: n.resolutions,
          priority: n.priority,
          status: n.status,
          ...textFormValues('description', n.descriptions),
        },
        undefined,
        200,
        n.descriptions,
      );
    },
  );

  app.post(
    '/needs/:id',
    {
      config: { access: { action: 'need.create' } },
      schema: { params: IdParams, body: NeedBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as Values;
      const previous = await needsSvc.storedDescriptions(db, req.params.id);
      const rerender = (errors: FormErrors) =>
        needForm(req, reply, `/needs/${req.params.id}`, req.t('needs.edit'), values, errors, 422, previous);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const rerendered = await attempt(
        req,
        () => needsSvc.updateNeed(ctxOf(req), req.params.id, toNeed(values, previous)),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('needs.saved')).redirect(`/needs/${req.params.id}`, 303);
    },
  );
}
