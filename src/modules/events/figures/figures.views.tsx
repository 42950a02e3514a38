// Views of published figures: the participation block (the published sentence with its source, and the recorded one,
// each labelled), the table of published figures with their sources, the side-by-side comparison with what the
// platform recorded, and the managers' form.
import { AUTONYMS, dir, formatNumber, listFormat, LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { Text, TextFields } from '../../../platform/i18n/text.views.tsx';
import { pick, type TranslatableText } from '../../../platform/i18n/text.ts';
import { Breadcrumb } from '../../../platform/views/lists.tsx';
import { Checkboxes, Field, FormPage, Select, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import {
  FIGURE_MODES,
  FIGURE_QUALIFIERS,
  PUBLISHED_FIGURE_KINDS,
  type PublishedFigure,
  type PublishedFigureKind,
  type PublishedFigures,
} from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import type { Participation } from '../public/stats.service.ts';
import { orgKindsFor } from '../shared/categories.ts';

const plain = (ctx: ViewContext, f: TranslatableText) => pick(f, ctx.locale)?.text ?? '';

/** "more than 1,000" in the reader's language. */
export const figureValue = (ctx: ViewContext, f: Pick<PublishedFigure, 'value' | 'qualifier'>) =>
  ctx.t('events.figures.value', { q: f.qualifier, n: formatNumber(ctx.locale, f.value) });

/** The labels of the sources a set of figures cites, in the reader's language, joined. */
export const sourcesText = (ctx: ViewContext, p: PublishedFigures, figures = p.figures) =>
  listFormat(ctx.locale, { type: 'conjunction' }).format(
    [...new Set(figures.map((f) => f.source))].map((i) => plain(ctx, p.sources[i]?.label ?? {})).filter(Boolean),
  );

/**
 * The event page's participation block: what the organizers published (with its source) and what the platform
 * recorded, each in its own labelled sentence.
 */
export function ParticipationBlock({ ctx, slug, p }: { ctx: ViewContext; slug: string; p: Participation }) {
  const { t } = ctx;
  const pub = p.published;
  const shown = !!(pub?.sentence || pub?.sideEvents || p.recorded.sentence || p.recorded.sideEvents);
  if (!shown) return null;
  return (
    <section aria-labelledby="participation">
      <h2 id="participation">{t('events.participation')}</h2>
      {pub && (pub.sentence || pub.sideEvents) ? (
        <div class="published-figures">
          {pub.sentence ? <p id="published-sentence">{pub.sentence}</p> : null}
          {pub.sideEvents ? <p id="published-side-events">{pub.sideEvents}</p> : null}
          <p class="muted">{t('events.figures.publishedNote', { source: sourcesText(ctx, pub.figures) })}</p>
        </div>
      ) : null}
      {p.recorded.sentence ? (
        <p id="recorded-sentence">{t('events.figures.recordedLine', { sentence: p.recorded.sentence })}</p>
      ) : null}
      {p.recorded.sideEvents ? (
        <p id="recorded-side-events">{t('events.figures.recordedLine', { sentence: p.recorded.sideEvents })}</p>
      ) : null}
      <p>
        <a href={`/events/${slug}/statistics`}>{t('events.statistics')}</a>
      </p>
    </section>
  );
}

/** The published figures, one row each (wording, how people took part, kinds), and their sources with quotations. */
export function PublishedFiguresTable({ ctx, p }: { ctx: ViewContext; p: PublishedFigures }) {
  const { t } = ctx;
  const kinds = (f: PublishedFigure) =>
    f.orgKinds.length
      ? listFormat(ctx.locale, { type: 'conjunction' }).format(f.orgKinds.map((k) => t(`orgType.${k}`)))
      : '—';
  return (
    <>
      {/* Five columns: labelled rows on a phone rather than a page wider than the screen. */}
      <table class="stack">
        <caption class="visually-hidden">{t('events.figures.published')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.figures.figure')}</th>
            <th scope="col">{t('events.figures.publishedCol')}</th>
            <th scope="col">{t('events.figures.modeLabel')}</th>
            <th scope="col">{t('events.figures.kinds')}</th>
            <th scope="col">{t('events.figures.source')}</th>
          </tr>
        </thead>
        <tbody>
          {p.figures.map((f) => (
            <tr>
              <th scope="row">{t(`events.figures.kind.${f.kind}`)}</th>
              <td data-label={t('events.figures.publishedCol')}>{figureValue(ctx, f)}</td>
              <td data-label={t('events.figures.modeLabel')}>{f.mode ? t(`events.figures.mode.${f.mode}`) : '—'}</td>
              <td data-label={t('events.figures.kinds')}>{kinds(f)}</td>
              <td data-label={t('events.figures.source')}>{plain(ctx, p.sources[f.source]?.label ?? {})}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SourceList ctx={ctx} p={p} />
    </>
  );
}

/** Each source: who published it (a link when it has an address) and, when kept, its own words in its language. */
export function SourceList({ ctx, p }: { ctx: ViewContext; p: PublishedFigures }) {
  const { t } = ctx;
  return (
    <ul class="plain sources">
      {p.sources.map((s) => (
        <li>
          {t('events.figures.source')}:{' '}
          {s.url ? (
            <a href={s.url} rel="noopener noreferrer">
              <Text ctx={ctx} value={s.label} note={false} />
            </a>
          ) : (
            <Text ctx={ctx} value={s.label} note={false} />
          )}
          {s.quote ? (
            <blockquote lang={s.quoteLang ?? undefined} dir={s.quoteLang ? dir(s.quoteLang) : 'auto'}>
              {s.quote}
            </blockquote>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Recorded values by figure kind (null: the platform records no such figure for this event). */
export type RecordedValues = Record<PublishedFigureKind, number | null>;

/** Published and recorded figures side by side: a recorded figure never stands in for a published one. */
export function ComparisonTable({
  ctx,
  p,
  recorded,
}: {
  ctx: ViewContext;
  p: PublishedFigures | null;
  recorded: RecordedValues;
}) {
  const { t } = ctx;
  const kinds = PUBLISHED_FIGURE_KINDS.filter((k) => p?.figures.some((f) => f.kind === k) || recorded[k] !== null);
  return (
    <table id="figures-compared">
      <caption>{t('events.figures.compare')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('events.figures.figure')}</th>
          <th scope="col">{t('events.figures.publishedCol')}</th>
          <th scope="col">{t('events.figures.recordedCol')}</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => {
          const f = p?.figures.find((x) => x.kind === k);
          const r = recorded[k];
          return (
            <tr>
              <th scope="row">{t(`events.figures.kind.${k}`)}</th>
              <td>
                {f ? (
                  <>
                    {figureValue(ctx, f)}
                    {f.mode ? <> ({t(`events.figures.mode.${f.mode}`)})</> : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{r === null ? '—' : formatNumber(ctx.locale, r)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// ---------- the managers' form ----------

export type FiguresFormValues = Record<string, string | string[] | undefined>;

/** Form values of stored figures (the form's field names). */
export function figuresFormValues(p: PublishedFigures | null): FiguresFormValues {
  const v: FiguresFormValues = {};
  (p?.sources ?? []).forEach((s, i) => {
    for (const l of LOCALES)
      if (s.label[l]) {
        v[`src${i}_label_${l}`] = s.label[l]!.text;
        v[`src${i}_label_${l}_status`] = s.label[l]!.status;
      }
    v[`src${i}_url`] = s.url ?? '';
    v[`src${i}_quote`] = s.quote ?? '';
    v[`src${i}_quoteLang`] = s.quoteLang ?? '';
  });
  for (const f of p?.figures ?? []) {
    v[`fig_${f.kind}_value`] = String(f.value);
    v[`fig_${f.kind}_qualifier`] = f.qualifier;
    v[`fig_${f.kind}_mode`] = f.mode ?? '';
    v[`fig_${f.kind}_source`] = String(f.source);
    v[`fig_${f.kind}_kinds`] = f.orgKinds;
  }
  return v;
}

const str = (v: FiguresFormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: FiguresFormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);

export function FiguresFormPage({
  ctx,
  e,
  values,
  sourceSlots,
  errors,
}: {
  ctx: ViewContext;
  e: EventRow;
  values: FiguresFormValues;
  /** How many source fieldsets to show. */
  sourceSlots: number;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const slots = Array.from({ length: sourceSlots }, (_, i) => i);
  return (
    <>
      <Breadcrumb links={[{ href: `/events/${e.slug}`, label: plain(ctx, e.title) }]} />
      <FormPage
        ctx={ctx}
        title={t('events.figures.editTitle', { title: plain(ctx, e.title) })}
        action={`/events/${e.slug}/figures`}
        errors={errors}
        intro={<p>{t('events.figures.intro')}</p>}
      >
        {slots.map((i) => (
          <fieldset class="figure-source">
            <legend>{t('events.figures.sourceN', { n: i + 1 })}</legend>
            <TextFields
              ctx={ctx}
              name={`src${i}_label`}
              label={t('events.figures.sourceLabel')}
              values={values}
              errors={errors}
              maxLength={300}
            />
            <Field
              name={`src${i}_url`}
              type="url"
              label={`${t('events.figures.sourceUrl')} (${t('events.optional')})`}
              value={str(values[`src${i}_url`])}
              error={errors?.[`src${i}_url`]}
              maxLength={500}
              dirAuto={false}
            />
            <TextArea
              name={`src${i}_quote`}
              label={`${t('events.figures.quote')} (${t('events.optional')})`}
              value={str(values[`src${i}_quote`])}
              error={errors?.[`src${i}_quote`]}
              rows={3}
              maxLength={2000}
            />
            <Select
              name={`src${i}_quoteLang`}
              label={t('events.figures.quoteLang')}
              value={str(values[`src${i}_quoteLang`])}
              includeEmpty="—"
              options={LOCALES.map((l: Locale) => ({ value: l, label: AUTONYMS[l] }))}
              error={errors?.[`src${i}_quoteLang`]}
            />
          </fieldset>
        ))}
        {PUBLISHED_FIGURE_KINDS.map((k) => {
          const kinds = orgKindsFor(k);
          const chosen = list(values[`fig_${k}_kinds`]);
          return (
            <fieldset class="figure">
              <legend>{t(`events.figures.kind.${k}`)}</legend>
              <Field
                name={`fig_${k}_value`}
                type="number"
                label={t('events.figures.valueLabel')}
                value={str(values[`fig_${k}_value`])}
                error={errors?.[`fig_${k}_value`]}
                dirAuto={false}
              />
              <Select
                name={`fig_${k}_qualifier`}
                label={t('events.figures.wording')}
                value={str(values[`fig_${k}_qualifier`]) || 'exact'}
                options={FIGURE_QUALIFIERS.map((q) => ({ value: q, label: t(`events.figures.qualifier.${q}`) }))}
                error={errors?.[`fig_${k}_qualifier`]}
              />
              <Select
                name={`fig_${k}_mode`}
                label={t('events.figures.modeLabel')}
                value={str(values[`fig_${k}_mode`])}
                includeEmpty={t('events.figures.modeUnknown')}
                options={FIGURE_MODES.map((m) => ({ value: m, label: t(`events.figures.mode.${m}`) }))}
                error={errors?.[`fig_${k}_mode`]}
              />
              <Select
                name={`fig_${k}_source`}
                label={t('events.figures.source')}
                value={str(values[`fig_${k}_source`]) || '0'}
                options={slots.map((i) => ({ value: String(i), label: t('events.figures.sourceN', { n: i + 1 }) }))}
                error={errors?.[`fig_${k}_source`]}
              />
              {kinds.length ? (
                <Checkboxes
                  name={`fig_${k}_kinds`}
                  legend={t('events.figures.kinds')}
                  // The kinds chosen come first, in their stored order: the sentence names them in that order.
                  options={[
                    ...chosen.filter((o) => (kinds as readonly string[]).includes(o)),
                    ...kinds.filter((o) => !chosen.includes(o)),
                  ].map((o) => ({ value: o, label: t(`orgType.${o}`) }))}
                  values={chosen}
                  error={errors?.[`fig_${k}_kinds`]}
                />
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit">{t('common.save')}</button>
      </FormPage>
    </>
  );
}
