// The events' section of the briefing pack: events held in the period with their participation sentence (given, in
// the reader's language) and the recommendations of their Chair's Summary (in the language they were written in).
import type { ViewContext } from '../../../platform/views/context.ts';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { dir, formatDate, formatNumber } from '../../../platform/i18n/index.ts';
import { pick } from '../../../platform/i18n/text.ts';
import type { Figures } from '../public/stats.service.ts';
import type { EventFigures, HeldEvent } from './briefing.service.ts';

export function EventsSection({
  ctx,
  figures,
  sentence,
}: {
  ctx: ViewContext;
  figures: EventFigures;
  sentence: (f: Figures) => string;
}) {
  const { t } = ctx;
  // Packs saved with both recorded and published figures show each in its own labelled sentence; older ones their one.
  const lines = (e: HeldEvent) => {
    if (e.published === undefined && e.recorded === undefined) return e.figures ? [sentence(e.figures)] : [];
    const out: string[] = [];
    if (e.published) {
      const source = (e.publishedSources ?? []).map((l) => pick(l, ctx.locale)?.text ?? '').filter(Boolean);
      out.push(`${sentence(e.published)} — ${t('events.figures.publishedNote', { source: source.join('; ') })}`);
    }
    if (e.recorded) out.push(t('events.figures.recordedLine', { sentence: sentence(e.recorded) }));
    return out;
  };
  return (
    <section class="briefing-section" id="briefing-events" aria-labelledby="briefing-events-h">
      <h2 id="briefing-events-h">{t('briefing.events.title')}</h2>
      <p>
        {t('briefing.events.total', {
          count: figures.total,
          participants: formatNumber(ctx.locale, figures.participants),
        })}
      </p>
      {figures.events.map((e) => (
        <article class="briefing-event">
          <h3>
            <Text ctx={ctx} value={e.title} note={false} />
          </h3>
          <p class="meta">
            {t(`events.type.${e.type}`)} · {formatDate(ctx.locale, e.startsAt, e.timeZone, !e.allDay)}
          </p>
          {lines(e).length ? lines(e).map((l) => <p>{l}</p>) : <p>{t('briefing.events.noFigures')}</p>}
          {e.recommendations.length ? (
            <>
              <h4>{t('briefing.events.recommendations')}</h4>
              <ol>
                {e.recommendations.map((r) => (
                  <li lang={r.language} dir={dir(r.language)}>
                    {r.body}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}
