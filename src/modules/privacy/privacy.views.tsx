// Views of the personal-data pages: the retention overview (with the erasure form), the confirmation of a run, the
// confirmation of an erasure. Tables stack into labelled rows on narrow screens (class "stack"): no sideways scroll.
import { formatDate, formatNumber } from '../../platform/i18n/index.ts';
import { Field, PostForm } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Breadcrumb } from '../../platform/views/lists.tsx';
import type { LastRun, RetentionLine } from '../../platform/privacy/retention.ts';
import type { SectionCount } from './privacy.service.ts';

function RuleTable({ ctx, lines }: { ctx: ViewContext; lines: RetentionLine[] }) {
  const { t } = ctx;
  const cols = [
    t('privacy.col.kind'),
    t('privacy.col.rule'),
    t('privacy.col.days'),
    t('privacy.col.due'),
    t('privacy.col.next'),
  ];
  return (
    <table class="stack">
      <caption class="visually-hidden">{t('privacy.retention.title')}</caption>
      <thead>
        <tr>
          {cols.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <th scope="row" data-label={cols[0]}>
              {t(`privacy.kind.${l.kind}`)}
            </th>
            <td data-label={cols[1]}>{t(`privacy.rule.${l.kind}`)}</td>
            <td data-label={cols[2]}>
              {l.days === null ? t('privacy.days.expiry') : formatNumber(ctx.locale, l.days)}
            </td>
            <td data-label={cols[3]}>{formatNumber(ctx.locale, l.due)}</td>
            <td data-label={cols[4]}>
              {l.next ? formatDate(ctx.locale, l.next, ctx.timeZone, false) : t('privacy.next.none')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionPage({
  ctx,
  lines,
  lastRun,
}: {
  ctx: ViewContext;
  lines: RetentionLine[];
  lastRun: LastRun | null;
}) {
  const { t } = ctx;
  const due = lines.reduce((s, l) => s + l.due, 0);
  return (
    <section>
      <h1>{t('privacy.retention.title')}</h1>
      <p>{t('privacy.retention.intro')}</p>
      <p>
        {lastRun
          ? t('privacy.retention.lastRun', {
              at: formatDate(ctx.locale, lastRun.at, ctx.timeZone),
              count: Object.values(lastRun.counts).reduce((s, n) => s + n, 0),
            })
          : t('privacy.retention.neverRun')}
      </p>
      <RuleTable ctx={ctx} lines={lines} />
      <p>
        <a class="button" href="/admin/privacy/run">
          {t('privacy.retention.runNow')}
        </a>{' '}
        {t('privacy.retention.dueTotal', { count: due })}
      </p>
      <h2>{t('privacy.erasure.title')}</h2>
      <p>{t('privacy.erasure.intro')}</p>
      <form method="get" action="/admin/privacy/erase" noValidate>
        <Field name="email" type="email" label={t('field.email')} required autocomplete="off" />
        <button type="submit" class="secondary">
          {t('privacy.erasure.find')}
        </button>
      </form>
    </section>
  );
}

export function RunConfirmPage({ ctx, lines }: { ctx: ViewContext; lines: RetentionLine[] }) {
  const { t } = ctx;
  const due = lines.filter((l) => l.due > 0);
  return (
    <section>
      <Breadcrumb links={[{ href: '/admin/privacy', label: t('privacy.retention.title') }]} />
      <h1>{t('privacy.run.title')}</h1>
      {due.length ? (
        <>
          <p>{t('privacy.run.intro')}</p>
          <ul>
            {due.map((l) => (
              <li>
                {t(`privacy.kind.${l.kind}`)}: {formatNumber(ctx.locale, l.due)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('privacy.run.nothing')}</p>
      )}
      <PostForm ctx={ctx} action="/admin/privacy/run">
        <button type="submit">{t('privacy.run.confirm')}</button> <a href="/admin/privacy">{t('privacy.cancel')}</a>
      </PostForm>
    </section>
  );
}

export function ErasureConfirmPage({
  ctx,
  p,
}: {
  ctx: ViewContext;
  p: { userId: string; email: string; name: string; counts: SectionCount[]; lastAdmin: boolean; erased: boolean };
}) {
  const { t } = ctx;
  const counts = p.counts.filter((c) => c.count > 0);
  return (
    <section>
      <Breadcrumb links={[{ href: '/admin/privacy', label: t('privacy.retention.title') }]} />
      <h1>{t('privacy.erasure.confirmTitle')}</h1>
      <p>
        {t('privacy.erasure.person')} <strong dir="auto">{p.name}</strong> (<span dir="ltr">{p.email}</span>)
      </p>
      {p.erased ? <p>{t('privacy.erasure.already')}</p> : null}
      <p>{t('privacy.erasure.what')}</p>
      <ul>
        {counts.map((c) => (
          <li>
            {t(`privacy.section.${c.section}`)}: {formatNumber(ctx.locale, c.count)}
          </li>
        ))}
      </ul>
      <p>{t('privacy.erasure.irreversible')}</p>
      {p.lastAdmin ? (
        <p class="error" role="alert">
          {t('privacy.erasure.lastAdmin')}
        </p>
      ) : (
        <PostForm ctx={ctx} action={`/admin/privacy/erase/${p.userId}`}>
          <button type="submit">{t('privacy.erasure.confirm')}</button>{' '}
          <a href="/admin/privacy">{t('privacy.cancel')}</a>
        </PostForm>
      )}
    </section>
  );
}
