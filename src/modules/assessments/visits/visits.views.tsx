// Visit pages: the list, one visit (with its reports and the consent panel), the form.
import { AUTONYMS, formatDate, listSep, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  Checkbox,
  EmptyState,
  Field,
  FormPage,
  Pagination,
  Select,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { VISIT_STATUSES, VISIT_TYPES } from '../assessments.schema.ts';
import type * as svc from '../visits/visits.service.ts';
import type * as reports from '../reports/reports.service.ts';
import { ConsentPanel, type ConsentPanelData } from '../consent/consent.views.tsx';

type VisitForm = Record<string, string | undefined>;
const PAGE = 25;

export function VisitList({
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
        <table class="stack">
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
                <td data-label={t('assessments.state')}>
                  <a href={`/assessments/visits/${v.id}`}>{nameIn(v.stateNames, ctx.locale)}</a>
                  {v.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                </td>
                <td data-label={t('field.type')}>{t(`assessments.type.${v.type}`)}</td>
                <td data-label={t('assessments.dates')}>
                  {formatDate(ctx.locale, v.startDate, 'UTC', false)} –{' '}
                  {formatDate(ctx.locale, v.endDate, 'UTC', false)}
                </td>
                <td data-label={t('assessments.status')}>{t(`assessments.statusValue.${v.status}`)}</td>
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

export function VisitView({
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
      <Breadcrumb links={[{ href: '/assessments/visits', label: t('assessments.visits') }]} />
      <h1>{t('assessments.visitTo', { state: nameIn(v.stateNames, ctx.locale) })}</h1>
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

export function VisitFormView({
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
