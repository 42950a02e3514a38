// Pages of the briefing pack: the list of packs, the period form, the pack itself (sections rendered by their owner
// modules from the saved figures, in the reader's language; the print stylesheet in static/app.css drops navigation
// and forms and breaks pages between sections), and the approve / circulate confirmations.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb, FigureTable } from '../../../platform/views/lists.tsx';
import { EmptyState, Field, PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { formatDate, formatNumber, nameIn } from '../../../platform/i18n/index.ts';
import type { BriefingDetail, BriefingSummary, RegisterFigures } from './briefing.service.ts';

export const day = (ctx: ViewContext, d: string) => formatDate(ctx.locale, `${d}T12:00:00Z`, 'UTC', false);
const period = (ctx: ViewContext, from: string, to: string) =>
  ctx.t('briefing.period.range', { from: day(ctx, from), to: day(ctx, to) });

const crumbs = (ctx: ViewContext) => [
  { href: '/compact', label: ctx.t('compact.title') },
  { href: '/compact/briefings', label: ctx.t('briefing.title') },
];

export function BriefingList({
  ctx,
  items,
  canCreate,
}: {
  ctx: ViewContext;
  items: BriefingSummary[];
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb class="no-print" links={[{ href: '/compact', label: t('compact.title') }]} />
      <h1>{t('briefing.title')}</h1>
      <p>{t('briefing.intro')}</p>
      {canCreate ? (
        <p>
          <a class="button" href="/compact/briefings/new">
            {t('briefing.new')}
          </a>
        </p>
      ) : null}
      {items.length ? (
        <table class="stack">
          <caption class="visually-hidden">{t('briefing.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('briefing.period')}</th>
              <th scope="col">{t('briefing.version')}</th>
              <th scope="col">{t('briefing.status')}</th>
              <th scope="col">{t('briefing.generated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr>
                <td data-label={t('briefing.period')}>
                  <a href={`/compact/briefings/${b.id}`}>{period(ctx, b.periodFrom, b.periodTo)}</a>
                </td>
                <td data-label={t('briefing.version')}>{formatNumber(ctx.locale, b.version)}</td>
                <td data-label={t('briefing.status')}>{t(`briefing.status.${b.status}`)}</td>
                <td data-label={t('briefing.generated')}>{formatDate(ctx.locale, b.createdAt, ctx.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('briefing.empty')}</EmptyState>
      )}
    </section>
  );
}

export function BriefingForm({
  ctx,
  values,
  errors,
}: {
  ctx: ViewContext;
  values: { from?: string; to?: string };
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section>
      <Breadcrumb class="no-print" links={crumbs(ctx)} />
      <h1>{t('briefing.new')}</h1>
      <p>{t('briefing.new.intro')}</p>
      <PostForm ctx={ctx} action="/compact/briefings" errors={errors}>
        <Field
          name="from"
          type="date"
          label={t('briefing.period.from')}
          value={values.from}
          error={errors?.from}
          required
        />
        <Field name="to" type="date" label={t('briefing.period.to')} value={values.to} error={errors?.to} required />
        <button type="submit">{t('briefing.generate')}</button>
      </PostForm>
    </section>
  );
}

export function RegisterSection({ ctx, figures }: { ctx: ViewContext; figures: RegisterFigures }) {
  const { t } = ctx;
  return (
    <section class="briefing-section" id="briefing-register" aria-labelledby="briefing-register-h">
      <h2 id="briefing-register-h">{t('briefing.register.title')}</h2>
      <h3>{t('briefing.register.decisions')}</h3>
      {figures.decisions.length ? (
        <ul>
          {figures.decisions.map((d) => (
            <li>
              <strong dir="ltr">{d.symbol}</strong> ({day(ctx, d.decidedOn)},{' '}
              <Text ctx={ctx} value={d.body} note={false} />
              ): <Text ctx={ctx} value={d.text} note={false} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('briefing.register.noDecisions')}</p>
      )}
      <h3>{t('briefing.register.actions')}</h3>
      <p>
        {t('briefing.register.actionTotals', {
          total: figures.actions.total,
          overdue: figures.actions.overdue,
        })}
      </p>
      <FigureTable
        caption={t('briefing.register.byStatus')}
        keyLabel={t('briefing.status')}
        rows={[
          ...figures.actions.byStatus.map((st) => ({ label: t(`events.outputs.status.${st.key}`), count: st.count })),
          { label: t('briefing.register.overdue'), count: figures.actions.overdue },
        ]}
        rowLabel={(r) => r.label}
        columns={[{ label: t('briefing.count'), value: (r) => formatNumber(ctx.locale, r.count) }]}
      />
      {figures.actions.list.length ? (
        <table class="stack briefing-table">
          <caption>{t('briefing.register.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('briefing.register.action')}</th>
              <th scope="col">{t('briefing.register.owner')}</th>
              <th scope="col">{t('briefing.register.due')}</th>
              <th scope="col">{t('briefing.status')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.actions.list.map((a) => (
              <tr>
                <td data-label={t('briefing.register.action')}>
                  {a.decisionSymbol ? <span dir="ltr">{a.decisionSymbol} · </span> : null}
                  <Text ctx={ctx} value={a.title} note={false} />
                </td>
                <td data-label={t('briefing.register.owner')}>
                  {a.owner ? (a.ownerAcronym ?? nameIn(a.owner, ctx.locale)) : t('briefing.register.ownerOther')}
                </td>
                <td data-label={t('briefing.register.due')}>{a.dueOn ? day(ctx, a.dueOn) : '—'}</td>
                <td data-label={t('briefing.status')}>
                  {t(`events.outputs.status.${a.status}`)}
                  {a.overdue ? ` · ${t('briefing.register.overdue')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export const renderRegister = (ctx: ViewContext, figures: unknown) => (
  <RegisterSection ctx={ctx} figures={figures as RegisterFigures} />
);

export function BriefingPage({
  ctx,
  detail,
  sections,
}: {
  ctx: ViewContext;
  detail: BriefingDetail;
  sections: ComponentChildren[];
}) {
  const { t } = ctx;
  const b = detail.briefing;
  const s = detail.snapshot;
  return (
    <article class="briefing report">
      <Breadcrumb class="no-print" links={crumbs(ctx)} />
      <header class="briefing-head">
        <h1>{t('briefing.packTitle')}</h1>
        <p class="lead">{period(ctx, b.periodFrom, b.periodTo)}</p>
        <dl class="briefing-figures">
          <dt>{t('briefing.version')}</dt>
          <dd>{formatNumber(ctx.locale, b.version)}</dd>
          <dt>{t('briefing.status')}</dt>
          <dd>
            {b.status === 'draft' ? (
              <span class="draft-mark">{t('briefing.status.draft')}</span>
            ) : (
              t(`briefing.status.${b.status}`)
            )}
          </dd>
          <dt>{t('briefing.generated')}</dt>
          <dd>{formatDate(ctx.locale, s.generatedAt, ctx.timeZone)}</dd>
          <dt>{t('briefing.sha256')}</dt>
          <dd class="hash" dir="ltr">
            <code>{b.sha256}</code>
          </dd>
        </dl>
        <h2 class="visually-hidden">{t('briefing.approvals')}</h2>
        <ul class="briefing-approvals">
          {detail.approvals.map((a) => (
            <li>
              {t('briefing.approvedBy', {
                entity: a.organizationAcronym ?? nameIn(a.organizationNames, ctx.locale),
                who: a.userLabel.replace(/\s*<[^>]*>$/, ''),
                when: formatDate(ctx.locale, a.approvedAt, ctx.timeZone),
              })}
            </li>
          ))}
          {detail.pendingChairs.map((c) => (
            <li>{t('briefing.awaiting', { entity: c.acronym ?? nameIn(c.names, ctx.locale) })}</li>
          ))}
        </ul>
        {detail.canApprove || detail.canCirculate ? (
          <p class="no-print">
            {detail.canApprove ? (
              <a class="button" href={`/compact/briefings/${b.id}/approve`}>
                {t('briefing.approve')}
              </a>
            ) : null}{' '}
            {detail.canCirculate ? (
              <a class="button" href={`/compact/briefings/${b.id}/circulate`}>
                {t('briefing.circulate')}
              </a>
            ) : null}
          </p>
        ) : null}
      </header>
      {sections}
    </article>
  );
}

export function BriefingConfirm({
  ctx,
  detail,
  action,
  question,
  button,
}: {
  ctx: ViewContext;
  detail: BriefingDetail;
  action: string;
  question: string;
  button: string;
}) {
  const b = detail.briefing;
  return (
    <section>
      <Breadcrumb
        class="no-print"
        links={[...crumbs(ctx), { href: `/compact/briefings/${b.id}`, label: period(ctx, b.periodFrom, b.periodTo) }]}
      />
      <h1>{button}</h1>
      <p>{question}</p>
      <p>
        {ctx.t('briefing.sha256')}: <code dir="ltr">{b.sha256}</code>
      </p>
      <PostForm ctx={ctx} action={action}>
        <button type="submit">{button}</button> <a href={`/compact/briefings/${b.id}`}>{ctx.t('briefing.cancel')}</a>
      </PostForm>
    </section>
  );
}
