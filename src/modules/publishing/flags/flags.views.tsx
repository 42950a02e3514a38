// The administrator page of published content: withdrawn items, force-published items awaiting the second approval,
// and those overdue.
import { formatDate } from '../../../platform/i18n/index.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { EmptyState } from '../../../platform/views/components.tsx';
import type { Flag } from './flags.service.ts';

export function FlagsPage({ ctx, flags }: { ctx: ViewContext; flags: Flag[] }) {
  const { t } = ctx;
  const when = (d: Date | null) => (d ? formatDate(ctx.locale, d, ctx.timeZone) : '—');
  return (
    <section>
      <h1>{t('publishing.flags.title')}</h1>
      <p>{t('publishing.flags.intro')}</p>
      {flags.length ? (
        <table class="stack" id="publishing-flags">
          <caption class="visually-hidden">{t('publishing.flags.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publishing.flags.item')}</th>
              <th scope="col">{t('publishing.flags.flag')}</th>
              <th scope="col">{t('publishing.flags.when')}</th>
              <th scope="col">{t('publishing.flags.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => {
              const r = f.revision;
              return (
                <tr data-flag={f.flag}>
                  <td data-label={t('publishing.flags.item')}>
                    {f.manageUrl ? <a href={f.manageUrl}>{f.title}</a> : f.title}{' '}
                    <span class="muted">{t('publishing.revision', { number: r.number })}</span>
                  </td>
                  <td data-label={t('publishing.flags.flag')}>
                    <span class={f.flag === 'awaiting' ? 'badge draft' : 'badge badge-warning'}>
                      {t(`publishing.flag.${f.flag}`)}
                    </span>
                  </td>
                  <td data-label={t('publishing.flags.when')}>
                    {f.flag === 'withdrawn' ? when(r.withdrawnAt) : when(r.publishedAt)}
                  </td>
                  <td data-label={t('publishing.flags.detail')}>
                    {f.flag === 'withdrawn' ? (
                      <>
                        {r.withdrawnBy
                          ? t('publishing.flags.withdrawnBy', { name: f.people.get(r.withdrawnBy) ?? '—' })
                          : t('publishing.flags.withdrawnByMonitor')}
                        <br />
                        <code>{r.withdrawnReason}</code>
                      </>
                    ) : (
                      <>
                        {t('publishing.flags.forcedBy', {
                          name: f.people.get(r.publishedBy ?? '') ?? '—',
                          deadline: when(r.forceDeadline),
                        })}
                        <br />
                        {r.forceReason}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <EmptyState>{t('publishing.flags.empty')}</EmptyState>
      )}
    </section>
  );
}
