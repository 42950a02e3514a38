// The events' section of the briefing pack: events held in the period with their participation sentence (given, in
// the reader's language) and the recommendations of their Chair's Summary (in the language they were written in).
import type { ViewContext } from '../../../platform/views/context.ts';
import { Text } from '../../../platform/i18n/text.views.tsx';
import { dir, formatDate, formatNumber } from '../../../platform/i18n/index.ts';
import type { EventFigures, HeldEvent } from './briefing.service.ts';

export function EventsSection({
  ctx,
  figures,
  sentence,
}: {
  ctx: ViewContext;
  figures: EventFigures;
  sentence: (e: HeldEvent) => string | null;
}) {
  const { t } = ctx;
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
          <p>{sentence(e) ?? t('briefing.events.noFigures')}</p>
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
