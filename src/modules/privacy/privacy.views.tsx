// Views of the personal-data pages: the public privacy notice and the retention overview (with the erasure form); the
// confirmations of a run and of an erasure are the platform's confirmation page (privacy.routes.tsx). Tables stack into
// labelled rows on narrow screens (class "stack"): no sideways scroll.
import { formatDate, formatNumber } from '../../platform/i18n/index.ts';
import { Field } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ListTable } from '../../platform/views/lists.tsx';
import type { LastRun, RetentionLine } from '../../platform/privacy/retention.ts';

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

const WHAT = [
  'privacyNotice.what.account',
  'privacyNotice.what.directory',
  'privacyNotice.what.events',
  'privacyNotice.what.meetings',
  'privacyNotice.what.mail',
  'privacyNotice.what.audit',
];

/** What the platform keeps about people, why, who sees it, for how long (the rules in force), and their rights. */
export function PrivacyNotice({ ctx, rules }: { ctx: ViewContext; rules: { kind: string; days: number | null }[] }) {
  const { t } = ctx;
  return (
    <article class="prose">
      <h1>{t('privacyNotice.title')}</h1>
      <p class="lead">{t('privacyNotice.intro')}</p>
      <h2>{t('privacyNotice.what.title')}</h2>
      <ul>
        {WHAT.map((textKey) => (
          <li>{t(textKey)}</li>
        ))}
      </ul>
      <h2>{t('privacyNotice.who.title')}</h2>
      <p>{t('privacyNotice.who.text')}</p>
      <h2>{t('privacyNotice.retention.title')}</h2>
      <p>{t('privacyNotice.retention.intro')}</p>
      <ListTable
        caption={t('privacyNotice.retention.title')}
        rows={rules}
        columns={[
          { label: t('privacy.col.kind'), cell: (r) => t(`privacy.kind.${r.kind}`) },
          { label: t('privacy.col.rule'), cell: (r) => t(`privacy.rule.${r.kind}`) },
          {
            label: t('privacyNotice.retention.period'),
            cell: (r) =>
              r.days === null ? t('privacy.days.expiry') : t('privacyNotice.retention.days', { days: r.days }),
          },
        ]}
      />
      <h2>{t('privacyNotice.rights.title')}</h2>
      <p>{t('privacyNotice.rights.text')}</p>
      <p>
        <a href="/account">{t('privacyNotice.accountLink')}</a>
      </p>
      <h2>{t('privacyNotice.cookies.title')}</h2>
      <p>{t('privacyNotice.cookies.text')}</p>
    </article>
  );
}
