// Views of the register: the list of actions and decisions with filters, a decision, an action (progress notes,
// evidence, links, status changes), the create forms. Tables stack on narrow screens (table.stack: no sideways
// scrolling at 390 px); logical properties only, so Arabic mirrors.
import type { ViewContext } from '../../../platform/views/context.ts';
import {
  EmptyState,
  ErrorSummary,
  Field,
  FormPage,
  Pagination,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import { AUTONYMS, formatDate, LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { textIn, versions } from '../../../platform/i18n/text.ts';
import type { Body } from '../structure/structure.service.ts';
import { ACTION_STATUSES } from './register.schema.ts';
import type { Action, ActionDetail, Decision } from './register.service.ts';

export type Option = { value: string; label: string };
export interface RegisterFilters {
  view?: string;
  body?: string;
  owner?: string;
  status?: string;
  pillar?: string;
  dueBefore?: string;
  reviewBefore?: string;
  mine?: string;
}

const day = (ctx: ViewContext, d: string | null | undefined) =>
  d ? formatDate(ctx.locale, new Date(`${d}T00:00:00Z`), 'UTC', false) : '—';

export function StatusBadge({ ctx, a }: { ctx: ViewContext; a: Pick<Action, 'status' | 'overdue'> }) {
  return (
    <>
      <span class="badge">{ctx.t(`register.status.${a.status}`)}</span>
      {a.overdue ? <span class="badge badge-warning">{ctx.t('register.overdue')}</span> : null}
    </>
  );
}

export function RegisterPage({
  ctx,
  filters,
  actions,
  decisions,
  bodies,
  owners,
  pillars,
  canWrite,
  bodyNames,
  ownerNames,
}: {
  ctx: ViewContext;
  filters: RegisterFilters;
  actions?: { items: Action[]; total: number; page: number; pageSize: number };
  decisions?: { items: Decision[]; total: number; page: number; pageSize: number };
  bodies: Option[];
  owners: Option[];
  pillars: Option[];
  canWrite: boolean;
  bodyNames: Map<string, string>;
  ownerNames: Map<string, string>;
}) {
  const { t } = ctx;
  const q = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  const isDecisions = filters.view === 'decisions';
  return (
    <section>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <ul class="tabs">
        <li>
          <a href={`/compact/register?${q({ view: '' })}`} aria-current={isDecisions ? undefined : 'page'}>
            {t('register.actions')}
          </a>
        </li>
        <li>
          <a href={`/compact/register?${q({ view: 'decisions' })}`} aria-current={isDecisions ? 'page' : undefined}>
            {t('register.decisions')}
          </a>
        </li>
      </ul>
      {canWrite ? (
        <p>
          <a class="button" href="/compact/register/decisions/new">
            {t('register.newDecision')}
          </a>{' '}
          <a class="button secondary" href="/compact/register/actions/new">
            {t('register.newAction')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/compact/register" class="filters">
        {isDecisions ? <input type="hidden" name="view" value="decisions" /> : null}
        <Select
          name="body"
          label={t('register.body')}
          value={filters.body}
          includeEmpty={t('filter.all')}
          options={bodies}
        />
        <Select
          name="pillar"
          label={t('register.pillar')}
          value={filters.pillar}
          includeEmpty={t('filter.all')}
          options={pillars}
        />
        {isDecisions ? (
          <Field name="reviewBefore" type="date" label={t('register.reviewBefore')} value={filters.reviewBefore} />
        ) : (
          <>
            <Select
              name="owner"
              label={t('register.owner')}
              value={filters.owner}
              includeEmpty={t('filter.all')}
              options={owners}
            />
            <Select
              name="status"
              label={t('register.statusLabel')}
              value={filters.status}
              includeEmpty={t('filter.all')}
              options={[
                ...ACTION_STATUSES.map((s) => ({ value: s, label: t(`register.status.${s}`) })),
                { value: 'overdue', label: t('register.overdue') },
              ]}
            />
            <Field name="dueBefore" type="date" label={t('register.dueBefore')} value={filters.dueBefore} />
          </>
        )}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {isDecisions && decisions ? (
        <>
          {decisions.items.length ? (
            <table class="stack">
              <caption class="visually-hidden">{t('register.decisions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('register.symbol')}</th>
                  <th scope="col">{t('register.decision')}</th>
                  <th scope="col">{t('register.body')}</th>
                  <th scope="col">{t('register.decidedOn')}</th>
                  <th scope="col">{t('register.reviewOn')}</th>
                </tr>
              </thead>
              <tbody>
                {decisions.items.map((d) => (
                  <tr>
                    <th scope="row" data-label={t('register.symbol')} dir="ltr">
                      <a href={`/compact/register/decisions/${d.id}`}>{d.symbol}</a>
                    </th>
                    <td data-label={t('register.decision')}>
                      <Text ctx={ctx} value={d.text} note={false} />
                    </td>
                    <td data-label={t('register.body')}>{bodyNames.get(d.bodyId) ?? '—'}</td>
                    <td data-label={t('register.decidedOn')}>{day(ctx, d.decidedOn)}</td>
                    <td data-label={t('register.reviewOn')}>{day(ctx, d.reviewOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <EmptyState>{t('register.noDecisions')}</EmptyState>
          )}
          <Pagination ctx={ctx} {...decisions} baseQuery={{ ...filters }} />
        </>
      ) : null}
      {!isDecisions && actions ? (
        <>
          <p>
            {t('register.export')}: <a href={`/compact/register/export?${q({ format: 'csv' })}`}>CSV</a> ·{' '}
            <a href={`/compact/register/export?${q({ format: 'xlsx' })}`}>Excel</a>
          </p>
          {actions.items.length ? (
            <ActionsTable ctx={ctx} rows={actions.items} ownerNames={ownerNames} />
          ) : (
            <EmptyState>{t('register.noActions')}</EmptyState>
          )}
          <Pagination ctx={ctx} {...actions} baseQuery={{ ...filters }} />
        </>
      ) : null}
    </section>
  );
}

export function ActionsTable({
  ctx,
  rows,
  ownerNames,
}: {
  ctx: ViewContext;
  rows: Action[];
  ownerNames: Map<string, string>;
}) {
  const { t } = ctx;
  return (
    <table class="stack">
      <caption class="visually-hidden">{t('register.actions')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('register.action')}</th>
          <th scope="col">{t('register.owner')}</th>
          <th scope="col">{t('register.dueOn')}</th>
          <th scope="col">{t('register.statusLabel')}</th>
          <th scope="col">{t('register.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr>
            <th scope="row" data-label={t('register.action')}>
              <a href={`/compact/register/actions/${a.id}`}>
                <Text ctx={ctx} value={a.title} note={false} />
              </a>
            </th>
            <td data-label={t('register.owner')}>{(a.ownerOrgId && ownerNames.get(a.ownerOrgId)) || '—'}</td>
            <td data-label={t('register.dueOn')}>{day(ctx, a.dueOn)}</td>
            <td data-label={t('register.statusLabel')}>
              <StatusBadge ctx={ctx} a={a} />
            </td>
            <td data-label={t('register.decision')} dir="ltr">
              {a.decisionId ? <a href={`/compact/register/decisions/${a.decisionId}`}>{a.decisionSymbol}</a> : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DecisionPage({
  ctx,
  decision: d,
  body,
  actions,
  ownerNames,
  canAddAction,
}: {
  ctx: ViewContext;
  decision: Decision;
  body: Body;
  actions: Action[];
  ownerNames: Map<string, string>;
  canAddAction: boolean;
}) {
  const { t } = ctx;
  return (
    <article>
      <Breadcrumb links={[{ href: '/compact/register?view=decisions', label: t('register.decisions') }]} />
      <h1 dir="ltr">{d.symbol}</h1>
      <dl class="facts">
        <dt>{t('register.body')}</dt>
        <dd>{textIn(body.names, ctx.locale)}</dd>
        <dt>{t('register.decidedOn')}</dt>
        <dd>{day(ctx, d.decidedOn)}</dd>
        <dt>{t('register.reviewOn')}</dt>
        <dd>{day(ctx, d.reviewOn)}</dd>
        <dt>{t('register.meeting')}</dt>
        <dd>{d.meetingId ? <span dir="ltr">{d.meetingId}</span> : '—'}</dd>
      </dl>
      <h2>{t('register.text')}</h2>
      <Text ctx={ctx} value={d.text} as="div" />
      <h2>{t('register.languages')}</h2>
      <ul>
        {versions(d.text).map((v) => (
          <li>
            {AUTONYMS[v.lang as Locale]} — {t(`text.status.${v.status}`)}
          </li>
        ))}
      </ul>
      <h2>{t('register.actions')}</h2>
      {canAddAction ? (
        <p>
          <a class="button secondary" href={`/compact/register/actions/new?decision=${d.id}`}>
            {t('register.newAction')}
          </a>
        </p>
      ) : null}
      {actions.length ? (
        <ActionsTable ctx={ctx} rows={actions} ownerNames={ownerNames} />
      ) : (
        <EmptyState>{t('register.noActions')}</EmptyState>
      )}
    </article>
  );
}

export function ActionPage({
  ctx,
  d,
  ownerName,
  values,
  errors,
}: {
  ctx: ViewContext;
  d: ActionDetail;
  ownerName: string | null;
  values: Record<string, string>;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const a = d.action;
  return (
    <article>
      <Breadcrumb links={[{ href: '/compact/register', label: t('register.title') }]} />
      <Text ctx={ctx} value={a.title} as="h1" />
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl class="facts">
        <dt>{t('register.statusLabel')}</dt>
        <dd>
          <StatusBadge ctx={ctx} a={a} />
        </dd>
        <dt>{t('register.owner')}</dt>
        <dd>
          {ownerName ?? '—'}
          {d.ownerPerson ? ` — ${d.ownerPerson.fullName}` : ''}
        </dd>
        <dt>{t('register.dueOn')}</dt>
        <dd>{day(ctx, a.dueOn)}</dd>
        <dt>{t('register.body')}</dt>
        <dd>{d.body ? textIn(d.body.names, ctx.locale) : '—'}</dd>
        <dt>{t('register.source')}</dt>
        <dd>
          {a.decisionId ? (
            <a href={`/compact/register/decisions/${a.decisionId}`} dir="ltr">
              {a.decisionSymbol}
            </a>
          ) : d.source ? (
            d.source.url ? (
              <a href={d.source.url}>{d.source.label}</a>
            ) : (
              d.source.label
            )
          ) : (
            t(`register.sourceKind.${a.sourceKind}`)
          )}
        </dd>
        <dt>{t('register.evidence')}</dt>
        <dd>
          {a.evidenceUrl ? (
            <a href={a.evidenceUrl} rel="noopener noreferrer" class="wrap-anywhere" dir="ltr">
              {a.evidenceUrl}
            </a>
          ) : null}
          {a.evidenceNote ? <p dir="auto">{a.evidenceNote}</p> : null}
          {!a.evidenceUrl && !a.evidenceNote ? '—' : null}
        </dd>
      </dl>
      <h2>{t('register.links')}</h2>
      {d.links.length ? (
        <ul>
          {d.links.map((l) => (
            <li>
              {t(`register.linkKind.${l.kind}`)}: {l.url ? <a href={l.url}>{l.label}</a> : l.label}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('register.noLinks')}</EmptyState>
      )}
      <h2>{t('register.progress')}</h2>
      {d.notes.length ? (
        <ol class="timeline">
          {d.notes.map((n) => (
            <li>
              <strong>{formatDate(ctx.locale, n.createdAt, ctx.timeZone)}</strong> — {n.authorName ?? '—'}
              {n.status ? ` — ${t(`register.status.${n.status}`)}` : ''}
              {n.body ? <p dir="auto">{n.body}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('register.noNotes')}</EmptyState>
      )}
      {d.canUpdate ? (
        <section aria-labelledby="update">
          <h2 id="update">{t('register.update')}</h2>
          <PostForm ctx={ctx} action={`/compact/register/actions/${a.id}/progress`}>
            <Select
              name="status"
              label={t('register.statusLabel')}
              value={values.status ?? a.status}
              error={errors?.status}
              options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`register.status.${s}`) }))}
            />
            <TextArea name="note" label={t('register.note')} value={values.note} error={errors?.note} rows={3} />
            <Field
              name="evidenceUrl"
              type="url"
              label={t('register.evidenceUrl')}
              value={values.evidenceUrl}
              error={errors?.evidenceUrl}
              dirAuto={false}
              dir="ltr"
            />
            <TextArea
              name="evidenceNote"
              label={t('register.evidenceNote')}
              hint={t('register.doneHint')}
              value={values.evidenceNote}
              error={errors?.evidenceNote}
              rows={3}
            />
            <button type="submit">{t('register.save')}</button>
          </PostForm>
        </section>
      ) : null}
    </article>
  );
}

export function DecisionForm({
  ctx,
  values,
  errors,
  bodies,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FormErrors;
  bodies: Option[];
}) {
  const { t } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <FormPage ctx={ctx} title={t('register.newDecision')} action="/compact/register/decisions" errors={errors}>
      <Select
        name="bodyId"
        label={t('register.body')}
        value={v('bodyId')}
        error={errors?.bodyId}
        includeEmpty=""
        options={bodies}
      />
      <TextFields
        ctx={ctx}
        name="text"
        label={t('register.text')}
        values={values}
        errors={errors}
        long
        maxLength={20000}
      />
      <Field
        name="decidedOn"
        type="date"
        label={t('register.decidedOn')}
        value={v('decidedOn')}
        error={errors?.decidedOn}
      />
      <Field
        name="reviewOn"
        type="date"
        label={t('register.reviewOn')}
        value={v('reviewOn')}
        error={errors?.reviewOn}
      />
      <Field
        name="meetingId"
        label={t('register.meetingId')}
        value={v('meetingId')}
        error={errors?.meetingId}
        dirAuto={false}
        dir="ltr"
      />
      <button type="submit">{t('register.create')}</button>
    </FormPage>
  );
}

export function ActionForm({
  ctx,
  values,
  errors,
  bodies,
  owners,
  decisions,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FormErrors;
  bodies: Option[];
  owners: Option[];
  decisions: Option[];
}) {
  const { t } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <FormPage ctx={ctx} title={t('register.newAction')} action="/compact/register/actions" errors={errors}>
      <Select
        name="decisionId"
        label={t('register.decision')}
        value={v('decisionId')}
        error={errors?.decisionId}
        includeEmpty={t('register.noDecision')}
        options={decisions}
      />
      <Select
        name="bodyId"
        label={t('register.body')}
        value={v('bodyId')}
        error={errors?.bodyId}
        includeEmpty=""
        options={bodies}
      />
      <TextFields
        ctx={ctx}
        name="title"
        label={t('register.action')}
        values={values}
        errors={errors}
        maxLength={3000}
      />
      <Select
        name="ownerOrgId"
        label={t('register.owner')}
        value={v('ownerOrgId')}
        error={errors?.ownerOrgId}
        includeEmpty=""
        options={owners}
      />
      <Field name="dueOn" type="date" label={t('register.dueOn')} value={v('dueOn')} error={errors?.dueOn} />
      <TextArea
        name="links"
        label={t('register.linksField')}
        hint={t('register.linksHint')}
        value={v('links')}
        error={errors?.links}
        rows={3}
      />
      <button type="submit">{t('register.create')}</button>
    </FormPage>
  );
}

export const localeList = LOCALES;
