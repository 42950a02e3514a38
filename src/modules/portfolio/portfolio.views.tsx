// Components and labels shared by the portfolio's pages: framework codes, exports.
import { FRAMEWORK } from '../framework/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { dir, type Locale, nameIn } from '../../platform/i18n/index.ts';
import { pick, type TranslatableText } from '../../platform/i18n/text.ts';

/** The label of a framework code (theme, pillar, resolution) in a language. */
export const fw = (code: string, l: string) => {
  const f = FRAMEWORK.find((x) => x.code === code);
  return f ? nameIn(f.names, l) : code;
};
/**
 * A translatable value cut for a list or a link: the reader's language, or the fallback (then with its lang and dir;
 * detail pages use the Text component, which also says so).
 */
export const snippet = (v: TranslatableText | null | undefined, locale: Locale, max = 140) => {
  const p = pick(v, locale);
  if (!p) return { text: '', lang: undefined, dir: 'auto' as const };
  return {
    text: p.text.length > max ? `${p.text.slice(0, max)}…` : p.text,
    lang: p.fallback ? p.lang : undefined,
    dir: p.fallback ? (dir(p.lang) as 'rtl' | 'ltr') : ('auto' as const),
  };
};
export const THEMES = FRAMEWORK.filter((f) => f.kind === 'theme');
export const PILLARS = FRAMEWORK.filter((f) => f.kind === 'pillar');
export const RESOLUTIONS = FRAMEWORK.filter((f) => f.kind === 'sc_resolution' || f.kind === 'ga_resolution');

export function Exports({
  ctx,
  base,
  query,
}: {
  ctx: ViewContext;
  base: string;
  query: Record<string, string | undefined>;
}) {
  const q = (format: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
    p.set('format', format);
    return `${base}?${p.toString()}`;
  };
  return (
    <p class="exports">
      <a href={q('csv')}>{ctx.t('export.csv')}</a> · <a href={q('xlsx')}>{ctx.t('export.xlsx')}</a>
    </p>
  );
}
