// Views of the register: the list of actions and decisions with filters, a decision, an action (progress notes,
// evidence, links, status changes), the create forms. Tables stack on narrow screens (table.stack: no sideways
// scrolling at 390 px); logical properties only, so Arabic mirrors.
import type { ViewContext } from '../../../platform/views/context.ts';
import {
  EmptyState,
  ErrorSummary,
  Field,
  FormPage,
  GroupedSelect,
  Pagination,
  PostForm,
  Select,
  TextArea,
  type FormErrors,
} from '../../../platform/views/components.tsx';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import { AUTONYMS, formatDate, listFormat, LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { textIn, versions } from '../../../platform/i18n/text.ts';
import { ACTION_STATUSES, LINK_KINDS } from './register.schema.ts';
import type {
  Action,
  ActionDetail,
  ActionLink,
  Decision,
  DecisionDetail,
  MeetingChoice,
  RegisterChange,
} from './register.service.ts';

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
  d: r,
  ownerNames,
  canAddAction,
  meetingLabel,
}: {
  ctx: ViewContext;
  d: DecisionDetail;
  ownerNames: Map<string, string>;
  canAddAction: boolean;
  /** The meeting's title and date in the reader's language, when it has one. */
  meetingLabel: string | null;
}) {
  const { t } = ctx;
  const { decision: d, body, actions } = r;
  return (
    <article>
      <Breadcrumb links={[{ href: '/compact/register?view=decisions', label: t('register.decisions') }]} />
      <h1 dir="ltr">{d.symbol}</h1>
      {r.canEdit ? (
        <p>
          <a class="button secondary" href={`/compact/register/decisions/${d.id}/edit`}>
            {t('register.editDecision')}
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('register.body')}</dt>
        <dd>{textIn(body.names, ctx.locale)}</dd>
        <dt>{t('register.decidedOn')}</dt>
        <dd>{day(ctx, d.decidedOn)}</dd>
        <dt>{t('register.reviewOn')}</dt>
        <dd>{day(ctx, d.reviewOn)}</dd>
        <dt>{t('register.meeting')}</dt>
        <dd>
          {d.meetingId ? <a href={`/compact/meetings/${d.meetingId}`}>{meetingLabel ?? d.meetingId}</a> : '—'}
          {r.minutesAdopted ? <span class="badge">{t('register.minutesAdopted')}</span> : null}
        </dd>
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
      <ChangeHistory ctx={ctx} changes={r.changes} />
    </article>
  );
}

/** The label of a changed field: `text.fr` → "Text of the decision (Français)". */
export function fieldLabel(ctx: ViewContext, field: string): string {
  const { t } = ctx;
  const [name, lang] = field.split('.');
  const base: Record<string, string> = {
    text: t('register.text'),
    title: t('register.action'),
    meetingId: t('register.meeting'),
    decidedOn: t('register.decidedOn'),
    reviewOn: t('register.reviewOn'),
    ownerOrgId: t('register.owner'),
    ownerPersonId: t('register.ownerPerson'),
    dueOn: t('register.dueOn'),
    pillar: t('register.pillar'),
    links: t('register.links'),
  };
  const label = base[name] ?? name;
  return lang && (LOCALES as readonly string[]).includes(lang) ? `${label} (${AUTONYMS[lang as Locale]})` : label;
}

/** Who changed which fields when; a change made after the meeting's minutes were adopted says so. */
export function ChangeHistory({ ctx, changes }: { ctx: ViewContext; changes: RegisterChange[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="changes">
      <h2 id="changes">{t('register.history')}</h2>
      {changes.length ? (
        <ol class="timeline">
          {changes.map((c) => (
            <li>
              <strong>{formatDate(ctx.locale, c.createdAt, ctx.timeZone)}</strong> — {c.authorName ?? '—'}
              {c.afterAdoption ? <span class="badge badge-warning">{t('register.afterAdoption')}</span> : null}
              <p>
                {t('register.changedFields', {
                  // UN English has no serial comma ("A, B and C"): en-GB's list.
                  fields: listFormat(ctx.locale === 'en' ? 'en-GB' : ctx.locale).format(
                    c.fields.map((f) => fieldLabel(ctx, f)),
                  ),
                })}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState>{t('register.noChanges')}</EmptyState>
      )}
    </section>
  );
}

export function ActionPage({
  ctx,
  d,
  ownerName,
  pillarName,
  values,
  errors,
}: {
  ctx: ViewContext;
  d: ActionDetail;
  ownerName: string | null;
  pillarName: string | null;
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
      {d.canEdit ? (
        <p>
          <a class="button secondary" href={`/compact/register/actions/${a.id}/edit`}>
            {t('register.editAction')}
          </a>
        </p>
      ) : null}
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
        <dt>{t('register.pillar')}</dt>
        <dd>{pillarName ?? '—'}</dd>
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
      <ChangeHistory ctx={ctx} changes={d.changes} />
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

/** A meeting in a picker: its date (in its zone) and title in the reader's language. */
export const meetingLabel = (ctx: ViewContext, m: Pick<MeetingChoice, 'title' | 'startsAt' | 'timeZone'>) =>
  `${formatDate(ctx.locale, m.startsAt, m.timeZone, false)} — ${textIn(m.title, ctx.locale)}`;

/**
 * Records a decision, or edits one (`decision` given): the body and the symbol are fixed then; the date stays in the
 * symbol's year. The meeting is picked among the body's meetings (grouped by body when recording).
 */
export function DecisionForm({
  ctx,
  values,
  errors,
  bodies,
  meetings,
  decision,
  minutesAdopted,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FormErrors;
  bodies: Option[];
  meetings: MeetingChoice[];
  decision?: Decision;
  minutesAdopted?: boolean;
}) {
  const { t } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const editing = !!decision;
  const groups = bodies
    .map((b) => ({
      key: b.value,
      label: b.label,
      options: meetings.filter((m) => m.bodyId === b.value).map((m) => ({ value: m.id, label: meetingLabel(ctx, m) })),
    }))
    .filter((g) => g.options.length);
  return (
    <FormPage
      ctx={ctx}
      title={editing ? t('register.editDecisionTitle', { symbol: decision.symbol }) : t('register.newDecision')}
      action={editing ? `/compact/register/decisions/${decision.id}/edit` : '/compact/register/decisions'}
      errors={errors}
      intro={
        editing ? (
          <>
            <p>{t('register.editDecisionIntro', { symbol: decision.symbol })}</p>
            {minutesAdopted ? <p class="notice warning">{t('register.minutesAdoptedWarning')}</p> : null}
          </>
        ) : undefined
      }
    >
      {editing ? (
        <p>
          <strong>{t('register.body')}:</strong> {bodies[0]?.label ?? '—'}
        </p>
      ) : (
        <Select
          name="bodyId"
          label={t('register.body')}
          value={v('bodyId')}
          error={errors?.bodyId}
          includeEmpty=""
          options={bodies}
        />
      )}
      <TextFields
        ctx={ctx}
        name="text"
        label={t('register.text')}
        values={values}
        stored={decision?.text}
        errors={errors}
        long
        maxLength={20000}
      />
      <Field
        name="decidedOn"
        type="date"
        label={t('register.decidedOn')}
        hint={editing ? t('register.symbolYearHint', { year: String(decision.year) }) : undefined}
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
      <GroupedSelect
        name="meetingId"
        label={t('register.meeting')}
        value={v('meetingId')}
        error={errors?.meetingId}
        includeEmpty={t('register.noMeeting')}
        groups={groups}
      />
      <button type="submit">{editing ? t('register.save') : t('register.create')}</button>
    </FormPage>
  );
}

/** What the action form's owner-person picker shows: per owner entity, its people. */
export type PeopleByOrg = Map<string, { personId: string; fullName: string; title: string | null }[]>;
export type PickedLink = ActionLink & { label: string; url: string | null };

/**
 * Adds an action, or edits one (`action` given: its decision and body stay). The owner person is picked among the
 * people of the owner entities, grouped by entity (static/register.js narrows the list to the chosen entity). The
 * links are check boxes: the chosen ones, and what a search found (`results`); the search is a GET form (`q`,
 * `kind`), associated through the `form` attribute, whose "Link" buttons carry the chosen links along.
 */
export function ActionForm({
  ctx,
  values,
  errors,
  bodies,
  owners,
  decisions,
  people,
  pillars,
  picked,
  search,
  action,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FormErrors;
  bodies: Option[];
  owners: Option[];
  decisions: Option[];
  people: PeopleByOrg;
  pillars: Option[];
  /** The links chosen so far (labelled for the reader). */
  picked: PickedLink[];
  search: { q: string; kind: string; results: PickedLink[] | null; hidden: Values };
  action?: Action;
}) {
  const { t } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const editing = !!action;
  const formUrl = editing ? `/compact/register/actions/${action.id}/edit` : '/compact/register/actions/new';
  const groups = owners
    .filter((o) => people.has(o.value))
    .map((o) => ({
      key: o.value,
      label: o.label,
      options: people.get(o.value)!.map((p) => ({
        value: p.personId,
        label: p.title ? `${p.fullName} — ${p.title}` : p.fullName,
      })),
    }));
  return (
    <>
      <FormPage
        ctx={ctx}
        title={editing ? t('register.editActionTitle') : t('register.newAction')}
        action={editing ? `/compact/register/actions/${action.id}/edit` : '/compact/register/actions'}
        errors={errors}
      >
        {editing ? (
          <p>
            <strong>{t('register.decision')}:</strong>{' '}
            {action.decisionSymbol ? <span dir="ltr">{action.decisionSymbol}</span> : t('register.noDecision')}
          </p>
        ) : (
          <>
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
          </>
        )}
        <TextFields
          ctx={ctx}
          name="title"
          label={t('register.action')}
          values={values}
          stored={action?.title}
          errors={errors}
          maxLength={3000}
        />
        <div data-owner-picker>
          <Select
            name="ownerOrgId"
            label={t('register.owner')}
            value={v('ownerOrgId')}
            error={errors?.ownerOrgId}
            includeEmpty=""
            options={owners}
          />
          <GroupedSelect
            name="ownerPersonId"
            label={t('register.ownerPerson')}
            hint={t('register.ownerPersonHint')}
            value={v('ownerPersonId')}
            selectedGroup={v('ownerOrgId')}
            error={errors?.ownerPersonId}
            includeEmpty={t('register.noOwnerPerson')}
            groups={groups}
          />
        </div>
        <Field name="dueOn" type="date" label={t('register.dueOn')} value={v('dueOn')} error={errors?.dueOn} />
        <Select
          name="pillar"
          label={t('register.pillar')}
          value={v('pillar')}
          error={errors?.pillar}
          includeEmpty={t('register.noPillar')}
          options={pillars}
        />
        <LinkPicker ctx={ctx} picked={picked} search={search} error={errors?.links} />
        <button type="submit">{editing ? t('register.save') : t('register.create')}</button>
      </FormPage>
      <LinkSearchForm formUrl={formUrl} picked={picked} hidden={search.hidden} />
      <script src="/static/register.js" defer></script>
    </>
  );
}

type Values = Record<string, string | undefined>;

/**
 * The links of an action form. Chosen links are checked boxes (`link` = `kind:id`; unchecking removes one). The
 * search box and its buttons belong to the GET form `#link-search` (rendered after the main form: forms do not nest),
 * which carries the chosen links as hidden inputs, so a search or a "Link" button keeps them; without JavaScript it
 * reloads the page (other unsaved changes are lost, as the hint says). static/register.js searches as one types and
 * moves a found target into the chosen list without a reload.
 */
export function LinkPicker({
  ctx,
  picked,
  search,
  error,
}: {
  ctx: ViewContext;
  picked: PickedLink[];
  search: { q: string; kind: string; results: PickedLink[] | null; hidden: Values };
  error?: string;
}) {
  const { t } = ctx;
  const chosen = new Set(picked.map((l) => `${l.kind}:${l.id}`));
  const results = (search.results ?? []).filter((r) => !chosen.has(`${r.kind}:${r.id}`));
  const linkText = (l: PickedLink) => `${t(`register.linkKind.${l.kind}`)}: ${l.label}`;
  return (
    <fieldset class={`link-picker${error ? ' has-error' : ''}`} id="f-links" data-link-picker>
      <legend>{t('register.links')}</legend>
      {error ? <p class="error">{error}</p> : null}
      <ul class="link-list" data-picked>
        {picked.map((l, i) => (
          <li>
            <input type="checkbox" id={`f-link-${i}`} name="link" value={`${l.kind}:${l.id}`} checked />
            <label for={`f-link-${i}`}>{linkText(l)}</label>
          </li>
        ))}
      </ul>
      {picked.length ? null : (
        <p class="empty" data-none>
          {t('register.noLinks')}
        </p>
      )}
      <div class="link-search" role="search">
        <div class="field">
          <label for="f-link-q">{t('register.linkSearch')}</label>
          <p class="hint" id="f-link-q-hint" data-nojs-hint>
            {t('register.linkSearchHint')}
          </p>
          <input
            id="f-link-q"
            name="q"
            type="search"
            form="link-search"
            value={search.q}
            dir="auto"
            maxLength={200}
            aria-describedby="f-link-q-hint"
            aria-controls="link-results"
          />
        </div>
        <div class="field">
          <label for="f-link-kind">{t('register.linkKindLabel')}</label>
          <select id="f-link-kind" name="kind" form="link-search">
            <option value="">{t('filter.all')}</option>
            {LINK_KINDS.map((k) => (
              <option value={k} selected={search.kind === k}>
                {t(`register.linkKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary" form="link-search" name="search" value="1">
          {t('register.linkSearchButton')}
        </button>
      </div>
      <div id="link-results" aria-live="polite" data-link-results>
        {search.results === null ? null : results.length ? (
          <>
            <p class="visually-hidden">{t('register.linkResults', { count: results.length })}</p>
            <ul class="link-list">
              {results.map((r) => (
                <li>
                  <span>{linkText(r)}</span>{' '}
                  <button
                    type="submit"
                    class="secondary"
                    form="link-search"
                    name="link"
                    value={`${r.kind}:${r.id}`}
                    data-label={linkText(r)}
                    aria-label={t('register.linkThis', { target: linkText(r) })}
                  >
                    {t('register.linkButton')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="empty">{t('register.linkNoResults')}</p>
        )}
      </div>
    </fieldset>
  );
}

/** The GET form of the link search (after the main form; its controls sit in the picker through `form=`). */
export function LinkSearchForm({ formUrl, picked, hidden }: { formUrl: string; picked: ActionLink[]; hidden: Values }) {
  return (
    <form id="link-search" method="get" action={`${formUrl}#f-links`} data-link-search>
      {Object.entries(hidden).map(([k, val]) => (val ? <input type="hidden" name={k} value={val} /> : null))}
      <input type="hidden" name="picked" value="1" />
      {picked.map((l) => (
        <input type="hidden" name="link" value={`${l.kind}:${l.id}`} />
      ))}
    </form>
  );
}

export const localeList = LOCALES;
