// The one i18n function: ICU MessageFormat over one catalogue per locale.
import { IntlMessageFormat } from 'intl-messageformat';
import ar from './locales/ar.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };
import { LOCALES, type Locale } from '../auth/auth.schema.ts';

export { LOCALES, type Locale };
export const CATALOGUES: Record<Locale, Record<string, string>> = { ar, en, es, fr, ru, zh };
export const DEFAULT_LOCALE: Locale = 'en';
export const AUTONYMS: Record<Locale, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};
export const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
export const dir = (l: Locale): 'rtl' | 'ltr' => (RTL.has(l) ? 'rtl' : 'ltr');

/** Each message parsed once per language; one without any argument is also kept as its text (most of a page's). */
const cache = new Map<string, { fmt: IntlMessageFormat; texts: Set<string>; fixed: string | null }>();

/** The names of a message's plain text arguments (`{title}`), not those that choose a plural or select branch. */
function textArguments(fmt: IntlMessageFormat): Set<string> {
  interface El {
    type: number;
    value?: string;
    options?: Record<string, { value: El[] }>;
    children?: El[];
  }
  const out = new Set<string>();
  const walk = (els: El[]) => {
    for (const el of els) {
      if (el.type === 1 && el.value) out.add(el.value); // argument
      for (const o of Object.values(el.options ?? {})) walk(o.value);
      if (el.children) walk(el.children);
    }
  };
  walk(fmt.getAst() as unknown as El[]);
  return out;
}

export type Values = Record<string, string | number | boolean | Date | null | undefined>;

/** First-strong isolate … pop directional isolate: a run laid out on its own, whatever surrounds it. */
const FSI = '\u2068';
const PDI = '\u2069';
/** A text isolated from the surrounding direction (an example, a zone, a title inside an Arabic sentence). */
export const isolate = (s: string) => (s ? `${FSI}${s}${PDI}` : s);
/** Does a text hold letters of a left-to-right script (Latin, Cyrillic, Han…)? Only those need isolating. */
const LEFT_TO_RIGHT = /(?![\p{Script=Arabic}\p{Script=Hebrew}])\p{L}/u;

/**
 * A message in a language. In a right-to-left language every interpolated text that holds left-to-right letters is
 * isolated (FSI…PDI), so a Latin example, a zone name or a title keeps its own order inside the sentence
 * ("2026-roundtable-youth", not "roundtable--2026 youth"); Arabic values and numbers are left as they are.
 */
export function translate(locale: Locale, key: string, values?: Values): string {
  const cacheKey = `${locale}\u0000${key}`;
  let kept = cache.get(cacheKey);
  if (!kept) {
    const msg = CATALOGUES[locale][key] ?? CATALOGUES.en[key];
    if (msg === undefined) return key;
    const fmt = new IntlMessageFormat(msg, locale, undefined, { ignoreTag: true });
    const fixed = fmt.getAst().every((el) => el.type === 0) ? String(fmt.format()) : null; // 0: literal text
    kept = { fmt, texts: RTL.has(locale) ? textArguments(fmt) : new Set(), fixed };
    cache.set(cacheKey, kept);
  }
  if (kept.fixed !== null) return kept.fixed;
  const texts = kept.texts;
  const shown =
    values && texts.size
      ? Object.fromEntries(
          Object.entries(values).map(([k, v]) => [
            k,
            typeof v === 'string' && texts.has(k) && LEFT_TO_RIGHT.test(v) ? isolate(v) : v,
          ]),
        )
      : values;
  return String(kept.fmt.format(shown as Record<string, string | number>));
}

export type T = (key: string, values?: Values) => string;
export const translator =
  (locale: Locale): T =>
  (key, values) =>
    translate(locale, key, values);

/** Picks the best supported locale from an Accept-Language header. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

// Intl formatters are costly to build (a page of events built hundreds per request): one per locale and options.
const formatters = new Map<string, unknown>();
function memo<T>(kind: string, locale: string, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    if (formatters.size >= 5000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}
export const dateFormat = (locale: string, options?: Intl.DateTimeFormatOptions) =>
  memo('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) =>
  memo('n', locale, options, () => new Intl.NumberFormat(locale, options));
export const listFormat = (locale: string, options?: Intl.ListFormatOptions) =>
  memo('l', locale, options, () => new Intl.ListFormat(locale, options));

/** A file's size in the reader's language: kilobytes below a megabyte (a small file is not "0 MB"). */
export function formatFileSize(locale: string, bytes: number): string {
  return bytes < 1024 * 1024
    ? numberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024)
    : numberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

export function formatDate(locale: Locale, d: Date | string, timeZone = 'UTC', withTime = true): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  return dateFormat(locale, { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone }).format(
    date,
  );
}
export const formatNumber = (locale: Locale, n: number) => numberFormat(locale).format(n);

/** A percentage (0–100) in the locale's own form ("45 %", "45٪", "45%"). */
export const formatPercent = (locale: Locale, n: number) =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
/** The separator between items of an enumeration in the locale ("، " in Arabic, "、" in Chinese). */
export const listSep = (locale: Locale) => (locale === 'ar' ? '، ' : locale === 'zh' ? '、' : ', ');

/** A name kept per language (`{ en: "…", fr: "…" }`, e.g. organization names), where a language may have no entry. */
export type Names = Partial<Record<string, string>>;
/** Reference data named in up to six languages, always in English (organizations, framework items). */
export type LocalizedText = Partial<Record<Locale, string>> & { en: string };

/** A name in the reader's language, else in English, else in any language it has ('' when it has none). */
export function nameIn(names: Names | null | undefined, locale: Locale | string): string {
  if (!names) return '';
  return names[locale] || names.en || Object.values(names).find((v) => !!v) || '';
}
