// The one translatable-text model. A multilingual content field stores one entry per language that has a version,
// each with its status: `original` (the language it was written in; exactly one), `reviewed`, `machine` or `draft`
// translation. Readers get their own language, or a visible fallback to the original (then English).
// Forms edit the languages they show and never drop the ones they do not show (`textFromForm`).
import { Type, type Static } from 'typebox';
import type { FieldError } from '../http/errors.ts';
import { LOCALES, type Locale } from './index.ts';

export const TEXT_STATUSES = ['original', 'reviewed', 'machine', 'draft'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];
export interface TextVersion {
  text: string;
  status: TextStatus;
}
/** A translatable field: one entry per language that has a version. */
export type TranslatableText = Partial<Record<Locale, TextVersion>>;

export interface Picked {
  text: string;
  lang: Locale;
  fallback: boolean;
  status: TextStatus;
}

/** The reader's language when it has a version; otherwise the original, then English, then any; with a flag. */
export function pick(f: TranslatableText | null | undefined, locale: Locale): Picked | null {
  if (!f) return null;
  const own = f[locale];
  if (own?.text) return { text: own.text, lang: locale, fallback: false, status: own.status };
  const entries = LOCALES.map((l) => [l, f[l]] as const).filter(([, v]) => !!v?.text);
  const chosen = entries.find(([, v]) => v!.status === 'original') ?? entries.find(([l]) => l === 'en') ?? entries[0];
  if (!chosen) return null;
  return { text: chosen[1]!.text, lang: chosen[0], fallback: true, status: chosen[1]!.status };
}

/** Plain text of a field in a language (fallback included); '' when the field is empty. */
export const textIn = (f: TranslatableText | null | undefined, locale: Locale) => pick(f, locale)?.text ?? '';

/** The languages a field has, with their status. */
export const versions = (f: TranslatableText | null | undefined) =>
  LOCALES.filter((l) => !!f?.[l]?.text).map((l) => ({ lang: l, status: f![l]!.status }));

/** A field with one version, the original (seeds, imports, single-language forms). */
export const original = (locale: Locale, text: string): TranslatableText => ({
  [locale]: { text, status: 'original' },
});

/** A field from names in several languages (reference data): one language is the original, the others reviewed. */
export const fromNames = (names: Partial<Record<Locale, string>>, originalLocale: Locale = 'en'): TranslatableText =>
  Object.fromEntries(
    LOCALES.filter((l) => !!names[l]).map((l) => [
      l,
      { text: nfc(names[l]!), status: l === originalLocale ? 'original' : 'reviewed' },
    ]),
  ) as TranslatableText;

/** All stored text is NFC: the same letters are the same bytes, whichever keyboard typed them. */
export const nfc = (s: string) => s.normalize('NFC');

/** The JSON API's schema of a translatable field. */
const VersionSchema = Type.Object(
  {
    text: Type.String({ maxLength: 20_000 }),
    status: Type.Union([
      Type.Literal('original'),
      Type.Literal('reviewed'),
      Type.Literal('machine'),
      Type.Literal('draft'),
    ]),
  },
  { additionalProperties: false },
);
export const TranslatableSchema = Type.Partial(
  Type.Object(Object.fromEntries(LOCALES.map((l) => [l, VersionSchema])) as Record<Locale, typeof VersionSchema>, {
    additionalProperties: false,
  }),
);
export type TranslatableInput = Static<typeof TranslatableSchema>;

export type FormValues = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '').trim();

/** Form field names of one language version (the form component uses the same). */
export const textFieldName = (name: string, l: Locale) => `${name}_${l}`;
export const statusFieldName = (name: string, l: Locale) => `${name}_${l}_status`;

export interface TextFormOptions {
  maxLength: number;
  required?: boolean;
  /** The stored value: languages the form did not show are kept from it, unchanged. */
  previous?: TranslatableText | null;
}

/**
 * A translatable field from a submitted form. Only the languages whose text input was in the form are read:
 * an emptied one is removed; the others keep their stored version. Without a status input, a language keeps its
 * stored status, and a new language is the original when it is the only one, a draft otherwise.
 * Checks: length, at most one original, an original when anything is present, required.
 */
export function textFromForm(v: FormValues, name: string, fields: FieldError[], o: TextFormOptions): TranslatableText {
  const out: TranslatableText = { ...(o.previous ?? {}) };
  const shown = LOCALES.filter((l) => textFieldName(name, l) in v);
  for (const l of shown) {
    const text = nfc(str(v[textFieldName(name, l)]));
    if (!text) {
      delete out[l];
      continue;
    }
    if (text.length > o.maxLength)
      fields.push({
        field: textFieldName(name, l),
        messageKey: 'validation.maxLength',
        values: { limit: o.maxLength },
      });
    const sent = str(v[statusFieldName(name, l)]);
    if (sent && !(TEXT_STATUSES as readonly string[]).includes(sent))
      fields.push({ field: statusFieldName(name, l), messageKey: 'validation.choice' });
    out[l] = { text, status: (sent as TextStatus) || o.previous?.[l]?.status || 'draft' };
  }
  const present = LOCALES.filter((l) => !!out[l]);
  if (o.required && !present.length)
    fields.push({ field: textFieldName(name, shown[0] ?? 'en'), messageKey: 'text.errors.oneLanguage' });
  const originals = present.filter((l) => out[l]!.status === 'original');
  if (present.length && !originals.length) {
    // One language alone is its own original; with several, the author must say which.
    if (present.length === 1) out[present[0]] = { ...out[present[0]]!, status: 'original' };
    else fields.push({ field: statusFieldName(name, present[0]), messageKey: 'text.errors.noOriginal' });
  }
  if (originals.length > 1)
    fields.push({ field: statusFieldName(name, originals[1]), messageKey: 'text.errors.twoOriginals' });
  return out;
}

/** Form values of a stored field (to fill the form component). */
export const textFormValues = (name: string, f: TranslatableText | null | undefined): Record<string, string> =>
  Object.fromEntries(
    LOCALES.flatMap((l) =>
      f?.[l]
        ? [
            [textFieldName(name, l), f[l]!.text],
            [statusFieldName(name, l), f[l]!.status],
          ]
        : [],
    ),
  );

/** A translatable field from the JSON API: NFC text, empty versions left out, one original. */
export function textFromApi(
  input: TranslatableInput | undefined,
  name: string,
  fields: FieldError[],
  o: { maxLength: number; required?: boolean },
): TranslatableText {
  const out: TranslatableText = {};
  for (const l of LOCALES) {
    const e = input?.[l];
    const text = e ? nfc(e.text.trim()) : '';
    if (!e || !text) continue;
    if (text.length > o.maxLength)
      fields.push({ field: `${name}.${l}`, messageKey: 'validation.maxLength', values: { limit: o.maxLength } });
    out[l] = { text, status: e.status };
  }
  const present = LOCALES.filter((l) => !!out[l]);
  if (o.required && !present.length) fields.push({ field: name, messageKey: 'text.errors.oneLanguage' });
  const originals = present.filter((l) => out[l]!.status === 'original');
  if (present.length && originals.length !== 1)
    fields.push({ field: name, messageKey: originals.length ? 'text.errors.twoOriginals' : 'text.errors.noOriginal' });
  return out;
}
