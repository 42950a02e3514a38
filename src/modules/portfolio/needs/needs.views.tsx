// Pages of needs: the list, the form, one need with its responses and candidate projects.
import { formatNumber, formatPercent, listSep, LOCALES, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import {
  Checkboxes,
  EmptyState,
  Field,
  FormPage,
  Pagination,
  Select,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { REGIONAL_GROUPS } from '../../directory/index.ts';
import { NEED_SOURCES, NEED_STATUSES, PRIORITIES } from '../portfolio.schema.ts';
import { arr, PAGE, str, type Values } from '../portfolio.forms.ts';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { snippet, Exports, fw, PILLARS, RESOLUTIONS, THEMES } from '../portfolio.views.tsx';
import type * as needsSvc from '../needs/needs.service.ts';
import type * as projectsSvc from '../projects/projects.service.ts';

export function NeedList({
  ctx,
  rows,
  total,
  page,
  filters,
  states,
  canCreate,
}: {
  ctx: ViewContext;
  rows: needsSvc.NeedRow[];
  total: number;
  page: number;
  filters: Record<string, string>;
  states: { id: string; name: string }[];
  canCreate: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <section>
      <h1>{t('needs.title')}</h1>
      <p class="notice" role="note">
        {t('needs.visibilityNotice')}
      </p>
      {canCreate ? (
        <p>
          <a
            class="button"
            href={filters.visit ? `/needs/new?visit=${encodeURIComponent(filters.visit)}` : '/needs/new'}
          >
            {t('needs.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/needs" class="filters">
        <Select
          name="state"
          label={t('assessments.state')}
          value={filters.state}
          includeEmpty={t('filter.all')}
          options={states.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          name="region"
          label={t('field.region')}
          value={filters.region}
          includeEmpty={t('filter.all')}
          options={REGIONAL_GROUPS.map((r) => ({ value: r, label: t(`group.${r}`) }))}
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
        <Select
          name="priority"
          label={t('needs.priorityLabel')}
          value={filters.priority}
          includeEmpty={t('filter.all')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        />
        <Select
          name="status"
          label={t('assessments.status')}
          value={filters.status}
          includeEmpty={t('filter.all')}
          options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))}
        />
        <Select
          name="answered"
          label={t('needs.answered')}
          value={filters.answered}
          includeEmpty={t('filter.all')}
          options={[
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ]}
        />
        <Field name="q" label={t('filter.search')} value={filters.q} />
        {filters.visit ? <input type="hidden" name="visit" value={filters.visit} /> : null}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <Exports ctx={ctx} base="/needs" query={filters} />
      {rows.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('needs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessments.state')}</th>
              <th scope="col">{t('needs.description')}</th>
              <th scope="col">{t('needs.themes')}</th>
              <th scope="col">{t('needs.priorityLabel')}</th>
              <th scope="col">{t('assessments.status')}</th>
              <th scope="col">{t('needs.coverage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => {
              const d = snippet(n.descriptions, locale);
              return (
                <tr>
                  <td data-label={t('assessments.state')}>
                    {nameIn(n.stateNames, locale)}
                    {n.isDemo ? <span class="badge">{t('common.demoData')}</span> : null}
                  </td>
                  <td data-label={t('needs.description')}>
                    <a href={`/needs/${n.id}`} lang={d.lang} dir={d.dir}>
                      {d.text}
                    </a>
                    {n.visitId ? <span class="badge">{t('classification.confidential')}</span> : null}
                  </td>
                  <td data-label={t('needs.themes')}>{n.themes.map((c) => fw(c, locale)).join(listSep(locale))}</td>
                  <td data-label={t('needs.priorityLabel')}>{t(`needs.priority.${n.priority}`)}</td>
                  <td data-label={t('assessments.status')}>{t(`needs.status.${n.status}`)}</td>
                  <td data-label={t('needs.coverage')}>{formatPercent(locale, n.coverage)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('needs.none')}</EmptyState>
      )}
      <Pagination ctx={ctx} page={page} pageSize={PAGE} total={total} baseQuery={filters} />
    </section>
  );
}

export function NeedFormView({
  ctx,
  action,
  title,
  values,
  errors,
  states,
  stored,
}: {
  ctx: ViewContext;
  action: string;
  title: string;
  values: Values;
  errors?: FormErrors;
  states: { id: string; name: string }[];
  /** The stored description (edit form). */
  stored?: TranslatableText | null;
}) {
  const { t, locale } = ctx;
  return (
    <FormPage ctx={ctx} title={title} action={action} errors={errors}>
      <Select
        name="stateOrgId"
        label={t('assessments.state')}
        value={str(values.stateOrgId)}
        includeEmpty="—"
        options={states.map((s) => ({ value: s.id, label: s.name }))}
        error={errors?.stateOrgId}
      />
      <Select
        name="source"
        label={t('needs.source')}
        value={str(values.source)}
        options={NEED_SOURCES.map((s) => ({ value: s, label: t(`needs.sourceValue.${s}`) }))}
        error={errors?.source}
      />
      <Field
        name="visitId"
        label={t('needs.visitId')}
        hint={t('needs.visitIdHint')}
        value={str(values.visitId)}
        error={errors?.visitId}
        maxLength={36}
      />
      <Field
        name="sourceNote"
        label={t('needs.sourceNote')}
        value={str(values.sourceNote)}
        error={errors?.sourceNote}
        maxLength={500}
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
      <Checkboxes
        name="resolutions"
        legend={t('needs.resolutions')}
        values={arr(values.resolutions)}
        options={RESOLUTIONS.map((f) => ({ value: f.code, label: `${f.code} — ${nameIn(f.names, locale)}` }))}
        error={errors?.resolutions}
      />
      <Select
        name="priority"
        label={t('needs.priorityLabel')}
        value={str(values.priority)}
        options={PRIORITIES.map((p) => ({ value: p, label: t(`needs.priority.${p}`) }))}
        error={errors?.priority}
      />
      <Select
        name="status"
        label={t('assessments.status')}
        value={str(values.status)}
        options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))}
        error={errors?.status}
      />
      <div class="field" id="f-description">
        <p class="hint">{t('needs.descriptionHint')}</p>
        {errors?.description ? <p class="error">{errors.description}</p> : null}
        <TextFields
          ctx={ctx}
          name="description"
          label={t('needs.description')}
          values={values}
          stored={stored}
          errors={errors}
          long
          maxLength={5000}
          languages={[locale, ...LOCALES.filter((l) => l !== locale)]}
        />
      </div>
      <button type="submit">{t('action.save')}</button>
    </FormPage>
  );
}

export function NeedView({
  ctx,
  n,
  links,
  matches,
  canEdit,
}: {
  ctx: ViewContext;
  n: needsSvc.NeedRow;
  links: Awaited<ReturnType<typeof needsSvc.linksOfNeed>>;
  matches: projectsSvc.Candidate[];
  canEdit: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <article>
      <Breadcrumb links={[{ href: '/needs', label: t('needs.title') }]} />
      <h1>{t('needs.one', { state: nameIn(n.stateNames, locale) })}</h1>
      {n.visitId ? (
        <p class="notice classification" role="note">
          {t('needs.confidentialNotice')}
        </p>
      ) : null}
      {canEdit ? (
        <p>
          <a class="button" href={`/needs/${n.id}/edit`}>
            {t('action.edit')}
          </a>
        </p>
      ) : null}
      <div class="lead" dir="auto">
        <Text ctx={ctx} value={n.descriptions} as="div" />
      </div>
      <dl class="facts">
        <dt>{t('needs.source')}</dt>
        <dd>
          {t(`needs.sourceValue.${n.source}`)}
          {n.visitId ? (
            <>
              {' '}
              — <a href={`/assessments/visits/${n.visitId}`}>{t('needs.theVisit')}</a>
            </>
          ) : null}
          {n.sourceNote ? ` — ${n.sourceNote}` : ''}
        </dd>
        <dt>{t('needs.themes')}</dt>
        <dd>{n.themes.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.pillars')}</dt>
        <dd>{n.pillars.map((c) => fw(c, locale)).join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.resolutions')}</dt>
        <dd>{n.resolutions.join(listSep(locale)) || '—'}</dd>
        <dt>{t('needs.priorityLabel')}</dt>
        <dd>{t(`needs.priority.${n.priority}`)}</dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`needs.status.${n.status}`)}</dd>
        <dt>{t('needs.coverage')}</dt>
        <dd>{formatPercent(locale, n.coverage)}</dd>
      </dl>
      <h2>{t('needs.responses')}</h2>
      {links.length ? (
        <ul>
          {links.map((l) => (
            <li>
              <a href={`/portfolio/${l.projectId}`}>
                <Text ctx={ctx} value={l.titles} note={false} />
              </a>{' '}
              — {t(`projects.link.${l.status}`)}, {formatPercent(locale, l.coveredPercent)}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('needs.noResponse')}</EmptyState>
      )}
      <h2>{t('needs.matches')}</h2>
      {matches.length ? (
        <ol class="matches">
          {matches.map((m) => (
            <li>
              <a href={`/portfolio/${m.id}`}>
                <Text ctx={ctx} value={m.titles} note={false} />
              </a>
              {m.leadAcronym ? ` (${m.leadAcronym})` : ''} — {t('needs.score', { score: m.score })}
              <ul class="reasons">
                {m.reasons.map((r) => (
                  <li>{reasonLabel(t, r, locale, m.fundingGap)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('needs.noMatches')}</EmptyState>
      )}
    </article>
  );
}

export function reasonLabel(t: ViewContext['t'], r: string, l: string, gap: number | null) {
  if (r.startsWith('theme:')) return t('match.theme', { name: fw(r.slice(6), l) });
  if (r.startsWith('pillar:')) return t('match.pillar', { name: fw(r.slice(7), l) });
  if (r === 'funded' && gap != null) return t('match.fundedGap', { gap: formatNumber(l as never, gap) });
  return t(`match.${r}`);
}
