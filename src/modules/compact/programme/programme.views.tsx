// The Joint Programme of Work: priorities and their outputs (owner bodies, status; fictional outputs marked).
import type { ViewContext } from '../../../platform/views/context.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { EmptyState } from '../../../platform/views/components.tsx';
import { Text } from '../../../platform/i18n/text.views.tsx';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import type { ProgrammeOutput, ProgrammePriority } from './programme.service.ts';

export interface BodyLink {
  id: string;
  slug: string;
  names: TranslatableText;
  symbolPrefix: string;
}

/** Outputs as a table that stacks into labelled rows on a phone (no sideways scrolling at 390 px). */
export function OutputsTable({
  ctx,
  outputs,
  bodies,
}: {
  ctx: ViewContext;
  outputs: ProgrammeOutput[];
  bodies: Map<string, BodyLink>;
}) {
  const { t } = ctx;
  if (!outputs.length) return <EmptyState>{t('compact.programme.noOutputs')}</EmptyState>;
  return (
    <table class="stack">
      <caption class="visually-hidden">{t('compact.programme.outputs')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compact.programme.code')}</th>
          <th scope="col">{t('compact.programme.output')}</th>
          <th scope="col">{t('compact.programme.owners')}</th>
          <th scope="col">{t('compact.programme.status')}</th>
        </tr>
      </thead>
      <tbody>
        {outputs.map((o) => (
          <tr>
            <td data-label={t('compact.programme.code')} dir="ltr">
              {o.code}
            </td>
            <td data-label={t('compact.programme.output')}>
              <Text ctx={ctx} value={o.title} note={false} />
              {o.isDemo ? (
                <>
                  {' '}
                  <span class="badge">{t('compact.demoRecord')}</span>
                </>
              ) : null}
            </td>
            <td data-label={t('compact.programme.owners')}>
              {o.ownerBodyIds
                .map((id) => bodies.get(id))
                .filter((b): b is BodyLink => !!b)
                .map((b, i) => (
                  <>
                    {i > 0 ? ', ' : null}
                    <a href={`/compact/bodies/${b.slug}`}>
                      <Text ctx={ctx} value={b.names} note={false} />
                    </a>
                  </>
                ))}
            </td>
            <td data-label={t('compact.programme.status')}>{t(`compact.outputStatus.${o.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProgrammePage({
  ctx,
  priorities,
  bodies,
}: {
  ctx: ViewContext;
  priorities: ProgrammePriority[];
  bodies: Map<string, BodyLink>;
}) {
  const { t } = ctx;
  const source = priorities.find((p) => p.source)?.source;
  return (
    <section>
      <Breadcrumb links={[{ href: '/compact', label: t('compact.title') }]} />
      <h1>{t('compact.programme.title', { period: priorities[0]?.period ?? '2024–2026' })}</h1>
      <p>{t('compact.programme.intro')}</p>
      {priorities.length ? (
        priorities.map((p) => (
          <section>
            <h2>
              <span dir="ltr">{p.code}</span> <Text ctx={ctx} value={p.title} note={false} />
            </h2>
            <OutputsTable ctx={ctx} outputs={p.outputs} bodies={bodies} />
          </section>
        ))
      ) : (
        <EmptyState>{t('compact.programme.none')}</EmptyState>
      )}
      {source ? (
        <p class="muted wrap-anywhere">
          {t('compact.source')}: <span dir="ltr">{source}</span>
        </p>
      ) : null}
    </section>
  );
}
