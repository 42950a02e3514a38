// The Strategy framework page: pillars, resolutions and themes by kind.
import { nameIn } from '../../platform/i18n/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { FRAMEWORK_KINDS } from './framework.schema.ts';
import type { FrameworkItem } from './framework.service.ts';

export function FrameworkPage({ ctx, items, kind }: { ctx: ViewContext; items: FrameworkItem[]; kind: string }) {
  const { t } = ctx;
  const groups = FRAMEWORK_KINDS.filter((k) => !kind || k === kind).map((k) => ({
    kind: k,
    items: items.filter((i) => i.kind === k),
  }));
  return (
    <section>
      <h1>{t('framework.title')}</h1>
      <p class="lead">{t('framework.intro')}</p>
      <nav aria-label={t('framework.filter')}>
        <ul class="tabs">
          <li>
            <a href="/framework" aria-current={!kind ? 'page' : undefined}>
              {t('framework.all')}
            </a>
          </li>
          {FRAMEWORK_KINDS.map((k) => (
            <li>
              <a href={`/framework?kind=${k}`} aria-current={kind === k ? 'page' : undefined}>
                {t(`framework.kind.${k}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section aria-labelledby={`h-${g.kind}`}>
          <h2 id={`h-${g.kind}`}>{t(`framework.kind.${g.kind}`)}</h2>
          {g.items.length ? (
            <table class="stack">
              <caption class="visually-hidden">{t(`framework.kind.${g.kind}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('framework.code')}</th>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('framework.year')}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <tr>
                    <td data-label={t('framework.code')} dir="ltr">
                      <code>{i.code}</code>
                    </td>
                    <td data-label={t('field.name')}>{nameIn(i.names, ctx.locale)}</td>
                    <td data-label={t('framework.year')}>{i.year ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="empty">{t('framework.empty')}</p>
          )}
        </section>
      ))}
    </section>
  );
}
