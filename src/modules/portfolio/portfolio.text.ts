// The portfolio's translatable fields (a need's description, a project's title) as the services check and store
// them: platform/i18n/text.ts is the model; this is the service-side check and the conversion of plain per-language
// text (imports, seeds).
import type { FieldError } from '../../platform/http/errors.ts';
import { LOCALES, type Locale } from '../../platform/i18n/index.ts';
import { nfc, TEXT_STATUSES, type TextStatus, type TranslatableText } from '../../platform/i18n/text.ts';

const isLocale = (l: string): l is Locale => (LOCALES as readonly string[]).includes(l);

/** Languages with text, NFC and trimmed; unknown languages and statuses left out. */
export function cleanTranslatable(v: TranslatableText | null | undefined): TranslatableText {
  const out: TranslatableText = {};
  for (const [l, e] of Object.entries(v ?? {})) {
    if (!isLocale(l) || !e || typeof e.text !== 'string') continue;
    const text = nfc(e.text.trim());
    if (!text) continue;
    out[l] = { text, status: (TEXT_STATUSES as readonly string[]).includes(e.status) ? e.status : 'draft' };
  }
  return out;
}

/** Service-side checks of a translatable field: some text (when required), lengths, exactly one original. */
export function checkTranslatable(
  v: TranslatableText | null | undefined,
  field: string,
  o: { maxLength: number; required?: boolean },
): FieldError[] {
  const fields: FieldError[] = [];
  const clean = cleanTranslatable(v);
  const present = LOCALES.filter((l) => clean[l]);
  if (!present.length) {
    if (o.required !== false) fields.push({ field, messageKey: 'text.errors.oneLanguage' });
    return fields;
  }
  if (present.some((l) => clean[l]!.text.length > o.maxLength))
    fields.push({ field, messageKey: 'validation.maxLength', values: { limit: o.maxLength } });
  const originals = present.filter((l) => clean[l]!.status === 'original').length;
  if (originals !== 1)
    fields.push({ field, messageKey: originals ? 'text.errors.twoOriginals' : 'text.errors.noOriginal' });
  return fields;
}

/**
 * Plain text per language (`{ en: "…", fr: "…" }`: CSV/XLSX columns, seeds) as a translatable field. The original
 * is `originalLang` when it has text, else the only language, else English, else the first; the others are reviewed
 * translations (the same rule as migration 0009 for stored values).
 */
export function fromPlainTexts(texts: Partial<Record<string, string>>, originalLang?: string): TranslatableText {
  const present = LOCALES.filter((l) => (texts[l] ?? '').trim());
  const original =
    originalLang && present.includes(originalLang as Locale)
      ? (originalLang as Locale)
      : present.length === 1
        ? present[0]
        : present.includes('en')
          ? 'en'
          : present[0];
  const out: TranslatableText = {};
  for (const l of present)
    out[l] = { text: nfc(texts[l]!.trim()), status: (l === original ? 'original' : 'reviewed') as TextStatus };
  return out;
}
