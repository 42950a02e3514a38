// Assessment visits: pages and API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { can } from '../../platform/auth/policy.ts';
import { attempt, checked, formErrors } from '../../platform/http/forms.ts';
import { NullableString, PageQuery, Paged, StringEnum, errorResponses } from '../../platform/http/api.ts';
import { AUTONYMS, formatDate, listSep } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  EmptyState,
  Field,
  FormPage,
  Pagination,
  Select,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import {
  CONSENT_SCOPES,
  GRANTEE_KINDS,
  VISIT_STATUSES,
  VISIT_TYPES,
  type VisitStatus,
  type VisitType,
} from './assessments.schema.ts';
import * as svc from './assessments.service.ts';
import * as reports from './reports.service.ts';
import * as consent from './consent.service.ts';

const PAGE = 25;
const VisitBody = Type.Object({
  stateOrgId: Type.String({ maxLength: 36 }),
  type: Type.String({ maxLength: 30 }),
  status: Type.String({ maxLength: 30 }),
  startDate: Type.String({ maxLength: 10 }),
  endDate: Type.String({ maxLength: 10 }),
  team: Type.Optional(Type.String({ maxLength: 2000 })),
  onBehalfOfCtc: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('')])),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
type VisitForm = Record<string, string | undefined>;
const toInput = (b: VisitForm): svc.VisitInput => ({
  stateOrgId: b.stateOrgId ?? '',
  type: b.type as VisitType,
  status: b.status as VisitStatus,
  startDate: b.startDate ?? '',
  endDate: b.endDate ?? '',
  team: b.team ?? '',
  onBehalfOfCtc: checked(b.onBehalfOfCtc),
});
const stateName = (v: svc.Visit, locale: string) => v.stateNames[locale] ?? v.stateNames.en;

export default async function assessmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.platform;
  const ctxOf = (req: FastifyRequest) => ({ db, actor: req.actor, ip: req.ip });

  app.get(
    '/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }) },
    },
    async (req, reply) => {
      const page = req.query.page ?? 1;
      const r = await svc.listVisits(ctxOf(req), page, PAGE);
      return reply.page(
        req.t('assessments.visits'),
        <VisitList
          ctx={reply.viewContext()}
          rows={r.rows}
          total={r.total}
          page={page}
          canCreate={can(req.actor, 'assessment.visit.create')}
        />,
      );
    },
  );

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    action: string,
    title: string,
    values: VisitForm,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.page(
      title,
      <VisitFormView
        ctx={reply.viewContext()}
        action={action}
        title={title}
        values={values}
        errors={errors}
        states={await svc.stateChoices(db, req.locale)}
      />,
      status,
    );

  app.get(
    '/assessments/visits/new',
    { config: { access: { action: 'assessment.visit.create' } } },
    async (req, reply) =>
      form(req, reply, '/assessments/visits', req.t('assessments.newVisit'), {
        type: 'comprehensive',
        status: 'planned',
        onBehalfOfCtc: 'on',
      }),
  );

  app.post(
    '/assessments/visits',
    { config: { access: { action: 'assessment.visit.create' } }, schema: { body: VisitBody }, attachValidation: true },
    async (req, reply) => {
      const values = (req.body ?? {}) as VisitForm;
      const rerender = (errors: FormErrors) =>
        form(req, reply, '/assessments/visits', req.t('assessments.newVisit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let id = '';
      const done = await attempt(
        req,
        async () => {
          id = await svc.createVisit(ctxOf(req), toInput(values));
        },
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('assessments.saved')).redirect(`/assessments/visits/${id}`, 303);
    },
  );

  const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
  app.get(
    '/assessments/visits/:id',
    { config: { access: { action: 'assessment.visit.list' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const v = await svc.getVisit(ctx, req.params.id);
      const visitReports = await reports.reportsOfVisit(ctx, v.id);
      const seesConsent = can(req.actor, 'assessment.consent.read', { stateOrgId: v.stateOrgId });
      const decides = can(req.actor, 'assessment.consent.decide', { stateOrgId: v.stateOrgId });
      const panel: ConsentPanelData | null = seesConsent
        ? {
            grants: await consent.grantsOfVisit(ctx, v.id),
            history: await consent.historyOfVisit(ctx, v.id),
            choices: decides ? await consent.granteeChoices(ctx, v.stateOrgId, req.locale) : null,
          }
        : null;
      return reply.page(
        req.t('assessments.visitTo', { state: stateName(v, req.locale) }),
        <VisitView
          ctx={reply.viewContext()}
          v={v}
          canEdit={can(req.actor, 'assessment.visit.update')}
          reports={visitReports}
          canUpload={can(req.actor, 'assessment.report.create')}
          consentPanel={panel}
        />,
      );
    },
  );

  app.get(
    '/assessments/visits/:id/edit',
    { config: { access: { action: 'assessment.visit.update' } }, schema: { params: IdParams } },
    async (req, reply) => {
      const v = await svc.getVisit(ctxOf(req), req.params.id);
      return form(req, reply, `/assessments/visits/${v.id}`, req.t('assessments.editVisit'), {
        stateOrgId: v.stateOrgId,
        type: v.type,
        status: v.status,
        startDate: v.startDate,
        endDate: v.endDate,
        team: v.team,
        onBehalfOfCtc: v.onBehalfOfCtc ? 'on' : '',
      });
    },
  );

  app.post(
    '/assessments/visits/:id',
    {
      config: { access: { action: 'assessment.visit.update' } },
      schema: { params: IdParams, body: VisitBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const values = (req.body ?? {}) as VisitForm;
      const rerender = (errors: FormErrors) =>
        form(req, reply, `/assessments/visits/${req.params.id}`, req.t('assessments.editVisit'), values, errors, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => svc.updateVisit(ctxOf(req), req.params.id, toInput(values)), rerender);
      if (done) return done;
      return reply.flash(req.t('assessments.saved')).redirect(`/assessments/visits/${req.params.id}`, 303);
    },
  );

  // ----- API -----
  const tags = ['assessments'];
  const security = [{ bearer: [] }];
  const VisitOut = Type.Object({
    id: Type.String(),
    stateOrgId: Type.String(),
    stateName: Type.String(),
    type: StringEnum(VISIT_TYPES),
    status: StringEnum(VISIT_STATUSES),
    startDate: Type.String({ format: 'date' }),
    endDate: Type.String({ format: 'date' }),
    team: Type.String(),
    onBehalfOfCtc: Type.Boolean(),
    isDemo: Type.Boolean(),
  });
  const out = (v: svc.Visit, locale: string) => ({
    id: v.id,
    stateOrgId: v.stateOrgId,
    stateName: stateName(v, locale),
    type: v.type,
    status: v.status,
    startDate: v.startDate,
    endDate: v.endDate,
    team: v.team,
    onBehalfOfCtc: v.onBehalfOfCtc,
    isDemo: v.isDemo,
  });

  app.get(
    '/api/v1/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'Assessment visits the reader may see (confidential; every read is audited)',
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Paged(VisitOut), ...errorResponses },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 50;
      const r = await svc.listVisits(ctxOf(req), page, pageSize);
      return { data: r.rows.map((v) => out(v, req.locale)), page, pageSize, total: r.total };
    },
  );

  app.get(
    '/api/v1/assessments/visits/:id',
    {
      config: { access: { action: 'assessment.visit.list' } },
      schema: {
        tags,
        security,
        summary: 'One assessment visit (404 when it is not yours to see)',
        params: IdParams,
        response: { 200: VisitOut, ...errorResponses },
      },
    },
    async (req) => out(await svc.getVisit(ctxOf(req), req.params.id), req.locale),
  );

  app.post(
    '/api/v1/assessments/visits',
    {
      config: { access: { action: 'assessment.visit.create' } },
      schema: {
        tags,
        security,
        summary: 'Record an assessment visit (CTED analysts)',
        body: Type.Object(
          {
            stateOrgId: Type.String({ format: 'uuid' }),
            type: StringEnum(VISIT_TYPES),
            status: Type.Optional(StringEnum(VISIT_STATUSES)),
            startDate: Type.String({ format: 'date' }),
            endDate: Type.String({ format: 'date' }),
            team: Type.Optional(NullableString({ maxLength: 2000 })),
            onBehalfOfCtc: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await svc.createVisit(ctxOf(req), {
        stateOrgId: b.stateOrgId,
        type: b.type as VisitType,
        status: (b.status ?? 'planned') as VisitStatus,
        startDate: b.startDate,
        endDate: b.endDate,
        team: b.team ?? '',
        onBehalfOfCtc: b.onBehalfOfCtc ?? true,
      });
      return reply.code(201).send({ id });
    },
  );
}

// ---------- views ----------

function VisitList({
  ctx,
  rows,
  total,
  page,
  canCreate,
}: {
  ctx: ViewContext;
  rows: svc.Visit[];
  total: number;
  page: number;
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('assessments.visits')}</h1>
      <p class="notice classification" role="note">
        {t('assessments.confidentialNotice')}
      </p>
      {canCreate ? (
        <p>
          <a class="button" href="/assessments/visits/new">
            {t('assessments.newVisit')}
          </a>
        </p>
      ) : null}
      {rows.length ? (
        <table>
          <caption class="visually-hidden">{t('assessments.visits')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessments.state')}</th>
              <th scope="col">{t('field.type')}</th>
              <th scope="col">{t('assessments.dates')}</th>
              <th scope="col">{t('assessments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr>
                <td>
                  <a href={`/assessments/visits/${v.id}`}>{stateName(v, ctx.locale)}</a>
                  {v.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                </td>
                <td>{t(`assessments.type.${v.type}`)}</td>
                <td>
                  {formatDate(ctx.locale, v.startDate, 'UTC', false)} –{' '}
                  {formatDate(ctx.locale, v.endDate, 'UTC', false)}
                </td>
                <td>{t(`assessments.statusValue.${v.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('assessments.noVisits')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={{}} />
    </section>
  );
}

interface ConsentPanelData {
  grants: consent.GrantRow[];
  history: Awaited<ReturnType<typeof consent.historyOfVisit>>;
  choices: Awaited<ReturnType<typeof consent.granteeChoices>> | null;
}

function VisitView({
  ctx,
  v,
  canEdit,
  reports: visitReports,
  canUpload,
  consentPanel,
}: {
  ctx: ViewContext;
  v: svc.Visit;
  canEdit: boolean;
  reports: reports.ReportRow[];
  canUpload: boolean;
  consentPanel: ConsentPanelData | null;
}) {
  const { t } = ctx;
  return (
    <article>
      <p class="breadcrumb">
        <a href="/assessments/visits">{t('assessments.visits')}</a>
      </p>
      <h1>{t('assessments.visitTo', { state: stateName(v, ctx.locale) })}</h1>
      <p class="notice classification" role="note">
        {t('assessments.confidentialNotice')}
      </p>
      {canEdit ? (
        <p>
          <a class="button" href={`/assessments/visits/${v.id}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('field.type')}</dt>
        <dd>{t(`assessments.type.${v.type}`)}</dd>
        <dt>{t('assessments.dates')}</dt>
        <dd>
          {formatDate(ctx.locale, v.startDate, 'UTC', false)} – {formatDate(ctx.locale, v.endDate, 'UTC', false)}
        </dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`assessments.statusValue.${v.status}`)}</dd>
        <dt>{t('assessments.onBehalfOfCtc')}</dt>
        <dd>{v.onBehalfOfCtc ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('assessments.team')}</dt>
        <dd>
          <bdi>{v.team || '—'}</bdi>
        </dd>
        {v.isDemo ? (
          <>
            <dt>{t('common.demoData')}</dt>
            <dd>{t('common.demoDataNote')}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="reports-h">
        <h2 id="reports-h">{t('reports.heading')}</h2>
        {canUpload ? (
          <p>
            <a class="button" href={`/assessments/visits/${v.id}/reports/new`}>
              {t('reports.new')}
            </a>
          </p>
        ) : null}
        {visitReports.length ? (
          <ul class="plain">
            {visitReports.map((r) => (
              <li>
                <a href={`/assessments/reports/${r.id}`} dir="auto">
                  {r.title}
                </a>{' '}
                — {t(`classification.${r.classification}`)}
                {listSep(ctx.locale)}
                {r.files
                  .map((f) => AUTONYMS[f.language as keyof typeof AUTONYMS] ?? f.language)
                  .join(listSep(ctx.locale)) || t('reports.noFiles')}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t('reports.none')}</EmptyState>
        )}
      </section>
      <p>
        <a href={`/needs?visit=${v.id}`}>{t('needs.ofVisit')}</a>
        {canEdit ? (
          <>
            {' '}
            · <a href={`/needs/new?visit=${v.id}&state=${v.stateOrgId}`}>{t('needs.new')}</a>
          </>
        ) : null}
      </p>
      {consentPanel ? <ConsentPanel ctx={ctx} visitId={v.id} data={consentPanel} /> : null}
    </article>
  );
}

function VisitFormView({
  ctx,
  action,
  title,
  values,
  errors,
  states,
}: {
  ctx: ViewContext;
  action: string;
  title: string;
  values: VisitForm;
  errors?: FormErrors;
  states: { id: string; name: string }[];
}) {
  const { t } = ctx;
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="stateOrgId"
        label={t('assessments.state')}
        value={values.stateOrgId}
        includeEmpty="—"
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.stateOrgId}
      />
      <Select
        name="type"
        label={t('field.type')}
        value={values.type}
        options={VISIT_TYPES.map((v) => ({ value: v, label: t(`assessments.type.${v}`) }))}
        error={errors?.type}
      />
      <Field
        name="startDate"
        type="date"
        label={t('assessments.startDate')}
        value={values.startDate}
        required
        error={errors?.startDate}
      />
      <Field
        name="endDate"
        type="date"
        label={t('assessments.endDate')}
        value={values.endDate}
        required
        error={errors?.endDate}
      />
      <Select
        name="status"
        label={t('assessments.status')}
        value={values.status}
        options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`assessments.statusValue.${s}`) }))}
        error={errors?.status}
      />
      <div class="field">
        <label for="f-team">{t('assessments.team')}</label>
        <textarea id="f-team" name="team" rows={3} dir="auto" maxLength={2000}>
          {values.team ?? ''}
        </textarea>
      </div>
      <Checkbox name="onBehalfOfCtc" label={t('assessments.onBehalfOfCtc')} checked={values.onBehalfOfCtc === 'on'} />
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}

function ConsentPanel({ ctx, visitId, data }: { ctx: ViewContext; visitId: string; data: ConsentPanelData }) {
  const { t } = ctx;
  const grantee = (g: consent.GrantRow) =>
    g.granteeKind === 'compact'
      ? t('consent.allCompact')
      : g.granteeNames
        ? ((g.granteeNames as Record<string, string>)[ctx.locale] ?? g.granteeNames.en)
        : '—';
  const scopeOptions = CONSENT_SCOPES.map((s) => ({ value: s, label: t(`consent.scope.${s}`) }));
  return (
    <section id="consent" aria-labelledby="consent-h">
      <h2 id="consent-h">{t('consent.title')}</h2>
      <p>{data.choices ? t('consent.intro') : t('consent.introReadOnly')}</p>
      {data.grants.length ? (
        <table>
          <caption>{t('consent.grants')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consent.recipient')}</th>
              <th scope="col">{t('consent.scopeLabel')}</th>
              <th scope="col">{t('consent.expires')}</th>
              <th scope="col">{t('assessments.status')}</th>
              {data.choices ? <th scope="col">{t('consent.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.grants.map((g) => (
              <tr>
                <td>{grantee(g)}</td>
                <td>{t(`consent.scope.${g.scope}`)}</td>
                <td>{g.expiresAt ? formatDate(ctx.locale, g.expiresAt, 'UTC', false) : t('consent.noExpiry')}</td>
                <td>
                  {g.revokedAt
                    ? t('consent.state.revoked')
                    : g.live
                      ? t('consent.state.live')
                      : t('consent.state.expired')}
                </td>
                {data.choices ? (
                  <td>
                    {g.live ? (
                      <div class="stack">
                        <form method="post" action={`/assessments/consent/${g.id}/narrow`} class="inline" noValidate>
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <input type="hidden" name="visitId" value={visitId} />
                          <label for={`scope-${g.id}`}>{t('consent.scopeLabel')}</label>
                          <select id={`scope-${g.id}`} name="scope">
                            {scopeOptions
                              .filter((o) => g.scope === 'both' || o.value === g.scope)
                              .map((o) => (
                                <option value={o.value} selected={o.value === g.scope}>
                                  {o.label}
                                </option>
                              ))}
                          </select>
                          <label for={`exp-${g.id}`}>{t('consent.expiresOn')}</label>
                          <input id={`exp-${g.id}`} type="date" name="expiresOn" />
                          <button type="submit" class="secondary">
                            {t('consent.narrow')}
                          </button>
                        </form>
                        <form method="post" action={`/assessments/consent/${g.id}/revoke`} class="inline" noValidate>
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <input type="hidden" name="visitId" value={visitId} />
                          <button type="submit" class="danger">
                            {t('consent.revoke')}
                          </button>
                        </form>
                      </div>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('consent.none')}</EmptyState>
      )}
      {data.choices ? (
        <form method="post" action={`/assessments/visits/${visitId}/consent`} noValidate class="panel">
          <h3>{t('consent.new')}</h3>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <fieldset>
            <legend>{t('consent.recipient')}</legend>
            {GRANTEE_KINDS.map((k) => (
              <div class="field checkbox">
                <input type="radio" id={`gk-${k}`} name="granteeKind" value={k} checked={k === 'organization'} />
                <label for={`gk-${k}`}>{t(`consent.kind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <Select
            name="granteeOrgId"
            label={t('consent.organization')}
            includeEmpty="—"
            options={data.choices.orgs.map((o) => ({ value: o.id, label: o.label }))}
          />
          <Select
            name="granteeGroupId"
            label={t('consent.workingGroup')}
            includeEmpty="—"
            options={data.choices.groups.map((g) => ({ value: g.id, label: g.label }))}
          />
          <Select name="scope" label={t('consent.scopeLabel')} value="both" options={scopeOptions} />
          <Field name="expiresOn" type="date" label={t('consent.expiresOn')} hint={t('consent.expiresHint')} />
          <button type="submit">{t('consent.grant')}</button>
        </form>
      ) : null}
      <h3>{t('consent.history')}</h3>
      {data.history.length ? (
        <ol class="history">
          {data.history.map((e) => (
            <li>
              <time dateTime={e.at.toISOString()}>{formatDate(ctx.locale, e.at, ctx.timeZone)}</time> —{' '}
              {t(`consent.event.${e.action}`, { scope: t(`consent.scope.${e.scope}`) })} ({e.actorLabel})
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('consent.noHistory')}</EmptyState>
      )}
    </section>
  );
}
