// Translatable fields in the events' forms: `${name}_${locale}` and `${name}_${locale}_status` to and from Translated.
import type { FieldError } from '../../../platform/http/errors.ts';
import { LOCALES, type Locale } from '../../../platform/i18n/index.ts';
import { TRANSLATION_STATUSES, type Translated, type TranslationStatus } from '../events.schema.ts';
import { one, type FormValues } from './forms.ts';

/** A translatable field from the form: `${name}_${locale}` and `${name}_${locale}_status`. */
export function translatedFrom(
  v: FormValues,
  name: string,
  fields: FieldError[],
  maxLength: number,
  required: boolean,
): Translated {
  const out: Translated = {};
  for (const l of LOCALES) {
    const t = one(v[`${name}_${l}`]);
    const status = one(v[`${name}_${l}_status`]) || (t ? 'draft' : '');
    if (!t) continue;
    if (t.length > maxLength)
      fields.push({ field: `${name}_${l}`, messageKey: 'validation.maxLength', values: { limit: maxLength } });
    if (!(TRANSLATION_STATUSES as readonly string[]).includes(status))
      fields.push({ field: `${name}_${l}_status`, messageKey: 'validation.choice' });
    out[l] = { text: t, status: status as TranslationStatus };
  }
  const present = Object.values(out);
  if (required && !present.length) fields.push({ field: `${name}_en`, messageKey: 'events.errors.oneLanguage' });
  if (present.length && !present.some((x) => x!.status === 'original'))
    fields.push({ field: `${name}_${Object.keys(out)[0]}_status`, messageKey: 'events.errors.noOriginal' });
  if (present.filter((x) => x!.status === 'original').length > 1)
    fields.push({
      field: `${name}_${Object.keys(out).filter((l) => out[l as Locale]!.status === 'original')[1]}_status`,
      messageKey: 'events.errors.twoOriginals',
    });
  return out;
}

/** Form values of a translatable field. */
export const translatedValues = (name: string, f: Translated): Record<string, string> =>
  Object.fromEntries(
    LOCALES.flatMap((l) =>
      f[l]
        ? [
            [`${name}_${l}`, f[l]!.text],
            [`${name}_${l}_status`, f[l]!.status],
          ]
        : [],
    ),
  );
