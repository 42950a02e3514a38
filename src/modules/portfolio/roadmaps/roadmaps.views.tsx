// Roadmap and plan pages: the list with the forms, one roadmap with its items.
import { formatDate, nameIn } from '../../../platform/i18n/index.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { EmptyState, Field, PostForm, Select, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { REGIONAL_GROUPS } from '../../directory/index.ts';
import { ITEM_STATUSES, PLAN_SCOPES, ROADMAP_STATUSES } from '../portfolio.schema.ts';
import type * as svc from './roadmaps.service.ts';
import { snippet } from '../portfolio.views.tsx';

export function Errors({ ctx, errors, back }: { ctx: ViewContext; errors: FormErrors; back: string }) {
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

export function RoadmapList({
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
        <table class="stack">
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
                <td data-label={t('reports.title')}>
                  <a href={`/roadmaps/${r.id}`} dir="auto">
                    {r.title}
                  </a>
                </td>
                <td data-label={t('assessments.state')}>{nameIn(stateNames, locale)}</td>
                <td data-label={t('roadmaps.consultation')}>
                  {r.consultationDate ? formatDate(locale, r.consultationDate, 'UTC', false) : '—'}
                </td>
                <td data-label={t('roadmaps.items')}>{items}</td>
                <td data-label={t('assessments.status')}>{t(`roadmaps.status.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('roadmaps.none')}</EmptyState>
      )}
      {rows.length ? (
        <p>
          <a href="/roadmaps/export?format=csv">{t('export.csv')}</a> ·{' '}
          <a href="/roadmaps/export?format=xlsx">{t('export.xlsx')}</a>
        </p>
      ) : null}
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
              {p.scope === 'national' ? nameIn(stateNames, locale) : t(`group.${p.region}`)}
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

export function RoadmapView({
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
      <Breadcrumb links={[{ href: '/roadmaps', label: t('roadmaps.title') }]} />
      <h1 dir="auto">{r.title}</h1>
      <dl class="facts">
        <dt>{t('assessments.state')}</dt>
        <dd>{nameIn(r.stateNames, locale)}</dd>
        <dt>{t('roadmaps.consultation')}</dt>
        <dd>{r.consultationDate ? formatDate(locale, r.consultationDate, 'UTC', false) : '—'}</dd>
        <dt>{t('assessments.status')}</dt>
        <dd>{t(`roadmaps.status.${r.status}`)}</dd>
      </dl>
      <h2>{t('roadmaps.items')}</h2>
      {r.items.length ? (
        <table class="stack">
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
                <td data-label={t('needs.description')}>
                  {i.descriptions ? (
                    <a href={`/needs/${i.needId}`} dir="auto" lang={snippet(i.descriptions, locale).lang}>
                      {snippet(i.descriptions, locale).text}
                    </a>
                  ) : (
                    <em>{t('roadmaps.hiddenNeed')}</em>
                  )}
                </td>
                <td data-label={t('roadmaps.responsible')}>{i.responsible ?? '—'}</td>
                <td data-label={t('roadmaps.milestones')} dir="auto">
                  {i.milestones || '—'}
                </td>
                <td data-label={t('roadmaps.due')}>{i.dueDate ? formatDate(locale, i.dueDate, 'UTC', false) : '—'}</td>
                <td data-label={t('assessments.status')}>{t(`roadmaps.itemStatus.${i.status}`)}</td>
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
