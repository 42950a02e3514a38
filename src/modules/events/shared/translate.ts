// Translatable fields: the reader's language when a version exists, otherwise the original (then English),
// with a flag so pages can say so visibly.
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import type { Translated, TranslationStatus } from '../events.schema.ts';

export interface Picked {
  text: string;
  lang: Locale;
  fallback: boolean;
  status: TranslationStatus;
}

export function pick(f: Translated | null | undefined, locale: Locale): Picked | null {
  if (!f) return null;
  const own = f[locale];
  if (own?.text) return { text: own.text, lang: locale, fallback: false, status: own.status };
  const entries = LOCALES.map((l) => [l, f[l]] as const).filter(([, v]) => !!v?.text);
  const chosen = entries.find(([, v]) => v!.status === 'original') ?? entries.find(([l]) => l === 'en') ?? entries[0];
  if (!chosen) return null;
  return { text: chosen[1]!.text, lang: chosen[0], fallback: true, status: chosen[1]!.status };
}

/** Plain text of a field in a language (fallback included). */
export const text = (f: Translated | null | undefined, locale: Locale) => pick(f, locale)?.text ?? '';

/** The languages a field is available in, with their status. */
export const versions = (f: Translated) =>
  LOCALES.filter((l) => !!f[l]?.text).map((l) => ({ lang: l, status: f[l]!.status }));
