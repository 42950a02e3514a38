// Pages of the portfolio: the list of programmes and projects, the form, one project with the needs it answers.
import { formatNumber, formatPercent, listSep, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  Checkboxes,
  EmptyState,
  MultiSelect,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { REGIONAL_GROUPS, type LocalizedText } from '../../directory/index.ts';
import { LINK_STATUSES, PROJECT_KINDS, PROJECT_STATUSES } from '../portfolio.schema.ts';
import { arr, PAGE, str, type Values } from '../portfolio.forms.ts';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { snippet, Exports, fw, PILLARS, THEMES } from '../portfolio.views.tsx';
import type * as projectsSvc from '../projects/projects.service.ts';

export function ProjectList({
  ctx,
  rows,
  total,
  page,
  filters,
  canCreate,
}: {
  ctx: ViewContext;
  rows: projectsSvc.Project[];
  total: number;
  page: number;
  filters: Record<string, string>;
  canCreate: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('projects.title')}</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/portfolio/new">
            {t('projects.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/portfolio" class="filters">
        <Select
          name="status"
          label={t('assessments.status')}
          value={filters.status}
          includeEmpty={t('filter.all')}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
        />
        <Select
          name="theme"
          label={t('needs.themes')}
          value={filters.theme}
          includeEmpty={t('filter.all')}
          options={THEMES.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        />
        <Select
          name="pillar"
          label={t('needs.pillars')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={PILLARS.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        />
        <Field name="q" label={t('filter.search')} value={filters.q} />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <Exports ctx={ctx} base="/portfolio" query={filters} />
      {rows.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('projects.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.title')}</th>
              <th scope="col">{t('projects.lead')}</th>
              <th scope="col">{t('needs.pillars')}</th>
              <th scope="col">{t('projects.budget')}</th>
              <th scope="col">{t('assessments.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr>
                <td data-label={t('reports.title')}>
                  <a href={`/portfolio/${p.id}`} dir="auto">
                    <Text ctx={ctx} value={p.titles} note={false} />
                  </a>{' '}
                  <span class="muted">{t(`projects.kind.${p.kind}`)}</span>
                  {p.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                </td>
                <td data-label={t('projects.lead')}>{p.leadAcronym ?? nameIn(p.leadNames, locale)}</td>
                <td data-label={t('needs.pillars')}>
                  {p.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}
                </td>
                <td data-label={t('projects.budget')}>
                  {p.budgetUsd != null ? `${formatNumber(locale, p.budgetUsd)} USD` : '—'}
                </td>
                <td data-label={t('assessments.status')}>{t(`projects.status.${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('projects.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={filters} />
    </section>
  );
}

export function ProjectFormView({
  ctx,
  action,
  title,
  values,
  errors,
  orgs,
  states,
  stored,
}: {
  ctx: ViewContext;
  action: string;
  title: string;
  values: Values;
  errors?: FormErrors;
  orgs: { id: string; label: string }[];
  states: { id: string; name: string }[];
  /** The stored title (edit form): its other languages are kept and named. */
  stored?: TranslatableText | null;
}) {
  const { t, locale } = ctx;
  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.label }));
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="kind"
        label={t('field.type')}
        value={str(values.kind)}
        options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`projects.kind.${k}`) }))}
        error={errors?.kind}
      />
      {errors?.title ? <p class="error">{errors.title}</p> : null}
      <TextFields
        ctx={ctx}
        name="title"
        label={t('reports.title')}
        values={values}
        stored={stored}
        errors={errors}
        maxLength={500}
        languages={[locale]}
        statuses={false}
      />
      <Field name="code" label={t('projects.code')} value={str(values.code)} maxLength={60} />
      <Field
        name="parentId"
        label={t('projects.parent')}
        hint={t('projects.parentHint')}
        value={str(values.parentId)}
        error={errors?.parentId}
        maxLength={36}
      />
      <TextArea name="summary" label={t('projects.summary')} value={str(values.summary)} maxLength={5000} />
      <Select
        name="leadOrgId"
        label={t('projects.lead')}
        value={str(values.leadOrgId)}
        includeEmpty="—"
        options={orgOptions}
        error={errors?.leadOrgId}
      />
      <MultiSelect
        name="partnerOrgIds"
        label={t('projects.partners')}
        hint={t('projects.multiHint')}
        values={arr(values.partnerOrgIds)}
        options={orgOptions}
        error={errors?.partnerOrgIds}
      />
      <MultiSelect
        name="beneficiaryStateIds"
        label={t('projects.beneficiaries')}
        hint={t('projects.multiHint')}
        values={arr(values.beneficiaryStateIds)}
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.beneficiaryStateIds}
      />
      <Checkboxes
        name="regions"
        legend={t('projects.regions')}
        values={arr(values.regions)}
        options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
        error={errors?.regions}
      />
      <Checkboxes
        name="themes"
        legend={t('needs.themes')}
        values={arr(values.themes)}
        options={THEMES.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        error={errors?.themes}
      />
      <Checkboxes
        name="pillars"
        legend={t('needs.pillars')}
        values={arr(values.pillars)}
        options={PILLARS.map((f) => ({ value: f.code, label: nameIn(f.names, locale) }))}
        error={errors?.pillars}
      />
      <Field
        name="budgetUsd"
        label={t('projects.budget')}
        inputMode="numeric"
        value={str(values.budgetUsd)}
        error={errors?.budgetUsd}
        maxLength={16}
      />
      <Field
        name="fundsReceivedUsd"
        label={t('projects.funds')}
        inputMode="numeric"
        value={str(values.fundsReceivedUsd)}
        error={errors?.fundsReceivedUsd}
        maxLength={16}
      />
      <Field
        name="startDate"
        type="date"
        label={t('assessments.startDate')}
        value={str(values.startDate)}
        error={errors?.startDate}
      />
      <Field
        name="endDate"
        type="date"
        label={t('assessments.endDate')}
        value={str(values.endDate)}
        error={errors?.endDate}
      />
      <Select
        name="status"
        label={t('assessments.status')}
        value={str(values.status)}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
        error={errors?.status}
      />
      <TextArea
        name="governance"
        label={t('projects.governance')}
        hint={t('projects.governanceHint')}
        value={str(values.governance)}
        rows={3}
        maxLength={5000}
        error={errors?.governance}
      />
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}

export function ProjectView({
  ctx,
  p,
  candidates,
  canWrite,
}: {
  ctx: ViewContext;
  p: Awaited<ReturnType<typeof projectsSvc.getProject>>;
  candidates: Awaited<ReturnType<typeof projectsSvc.candidateNeeds>>;
  canWrite: boolean;
}) {
  const { t, locale } = ctx;
  const org = (o: { names: LocalizedText; acronym: string | null }) => o.acronym ?? nameIn(o.names, locale);
  const gap = p.budgetUsd != null ? p.budgetUsd - (p.fundsReceivedUsd ?? 0) : null;
  return (
    <article>
      <Breadcrumb links={[{ href: '/portfolio', label: t('projects.title') }]} />
      <Text ctx={ctx} value={p.titles} as="h1" />
      {p.isDemo ? (
        <p class="notice" role="note">
          {t('common.demoDataNote')}
        </p>
      ) : null}
      {canWrite ? (
        <p>
          <a class="button" href={`/portfolio/${p.id}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      {p.summary ? <p dir="auto">{p.summary}</p> : null}
      <dl class="facts">
        <dt>{t('field.type')}</dt>
        <dd>
          {t(`projects.kind.${p.kind}`)}
          {p.code ? ` — ${p.code}` : ''}
        </dd>
        <dt>{t('projects.lead')}</dt>
        <dd>{org({ names: p.leadNames, acronym: p.leadAcronym })}</dd>
        <dt>{t('projects.partners')}</dt>
        <dd>{p.partners.map(org).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.beneficiaries')}</dt>
        <dd>{p.beneficiaries.map(org).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.regions')}</dt>
        <dd>{p.regions.map((r) => t(`group.${r}`)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.themes')}</dt>
        <dd>{p.themes.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.pillars')}</dt>
        <dd>{p.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('projects.budget')}</dt>
        <dd>{p.budgetUsd != null ? `${formatNumber(locale, p.budgetUsd)} USD` : '—'}</dd>
        <dt>{t('projects.funds')}</dt>
        <dd>{p.fundsReceivedUsd != null ? `${formatNumber(locale, p.fundsReceivedUsd)} USD` : '—'}</dd>
        <dt>{t('projects.gap')}</dt>
        <dd>{gap != null ? `${formatNumber(locale, gap)} USD` : '—'}</dd>
        <dt>{t('assessments.dates')}</dt>
        <dd>
          {p.startDate ?? '—'} – {p.endDate ?? '—'}
        </dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`projects.status.${p.status}`)}</dd>
      </dl>
      {p.governance.length ? (
        <>
          <h2>{t('projects.governance')}</h2>
          <ul>
            {p.governance.map((g) => (
              <li>
                {g.body}: {org(g)} ({g.role})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.children.length ? (
        <>
          <h2>{t('projects.children')}</h2>
          <ul>
            {p.children.map((c) => (
              <li>
                <a href={`/portfolio/${c.id}`}>
                  <Text ctx={ctx} value={c.titles} note={false} />
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('projects.answers')}</h2>
      {p.links.length ? (
        <ul>
          {p.links.map((l) => (
            <li>
              <a href={`/needs/${l.needId}`}>
                {nameIn(l.stateNames, locale)}:{' '}
                <span lang={snippet(l.descriptions, locale, 120).lang}>
                  {snippet(l.descriptions, locale, 120).text}
                </span>
              </a>{' '}
              — {t(`projects.link.${l.status}`)}, {formatPercent(locale, l.coveredPercent)}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('projects.noAnswers')}</EmptyState>
      )}
      {p.hiddenLinks ? <p class="hint">{t('projects.hiddenLinks', { count: p.hiddenLinks })}</p> : null}
      <h2>{t('projects.candidates')}</h2>
      {candidates.length ? (
        <ul class="matches">
          {candidates.map((n) => (
            <li>
              <a href={`/needs/${n.id}`}>
                {nameIn(n.stateNames, locale)}:{' '}
                <span lang={snippet(n.descriptions, locale, 120).lang}>
                  {snippet(n.descriptions, locale, 120).text}
                </span>
              </a>{' '}
              — {t(`needs.priority.${n.priority}`)}
              <ul class="reasons">
                {n.sharedThemes.map((c) => (
                  <li>{t('match.theme', { name: fw(c, locale) })}</li>
                ))}
                {n.inBeneficiary ? <li>{t('match.state')}</li> : null}
              </ul>
              {canWrite ? (
                <PostForm ctx={ctx} action={`/portfolio/${p.id}/needs`} class="inline">
                  <input type="hidden" name="needId" value={n.id} />
                  <label for={`cov-${n.id}`}>{t('projects.coveredPercent')}</label>
                  <input id={`cov-${n.id}`} name="coveredPercent" type="number" min={1} max={100} value="100" />
                  <label for={`st-${n.id}`}>{t('assessments.status')}</label>
                  <select id={`st-${n.id}`} name="status">
                    {LINK_STATUSES.map((s) => (
                      <option value={s} selected={s === 'agreed'}>
                        {t(`projects.link.${s}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    {t('projects.link')}
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('projects.noCandidates')}</EmptyState>
      )}
    </article>
  );
}
