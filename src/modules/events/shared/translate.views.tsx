// Translatable fields on the events' pages: a field in the reader's language (saying so when it falls back to another),
// and the form fields for every language with its translation status.
import { AUTONYMS, dir, LOCALES } from '../../../platform/i18n/index.ts';
import { Field, Select, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { TRANSLATION_STATUSES, type Translated } from '../events.schema.ts';
import type { FormValues } from './forms.ts';
import { pick } from './translate.ts';

const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';

/** A translatable field in the reader's language; when it is shown in another language, the page says so. */
export function Tr({
  ctx,
  f,
  as = 'span',
  note = true,
}: {
  ctx: ViewContext;
  f: Translated;
  as?: 'span' | 'h1' | 'p' | 'div';
  note?: boolean;
}) {
  const p = pick(f, ctx.locale);
  if (!p) return null;
  const Tag = as;
  const body = as === 'div' ? p.text.split(/\n{2,}/).map((para) => <p>{para}</p>) : p.text;
  return (
    <>
      <Tag lang={p.fallback ? p.lang : undefined} dir={p.fallback ? dir(p.lang) : undefined}>
        {body}
      </Tag>
      {note && p.fallback ? (
        <p class="notice translation" role="note">
          {ctx.t('events.fallback', { language: AUTONYMS[p.lang] })}
        </p>
      ) : null}
      {note && !p.fallback && p.status === 'draft' ? (
        <p class="muted translation">{ctx.t('events.draftTranslation')}</p>
      ) : null}
    </>
  );
}
/** One translatable field: a text per language, each with its translation status. */
export function TranslatedFields({
  ctx,
  name,
  label,
  values,
  errors,
  long,
}: {
  ctx: ViewContext;
  name: string;
  label: string;
  values: FormValues;
  errors?: FormErrors;
  long?: boolean;
}) {
  const { t } = ctx;
  return (
    <fieldset class="translations">
      <legend>{label}</legend>
      <p class="hint">{t('events.authoring.translationsHint')}</p>
      {LOCALES.map((l) => (
        <div class="translation-row" lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
          {long ? (
            <TextArea
              name={`${name}_${l}`}
              label={`${label} — ${AUTONYMS[l]}`}
              value={one(values[`${name}_${l}`])}
              error={errors?.[`${name}_${l}`]}
              rows={4}
            />
          ) : (
            <Field
              name={`${name}_${l}`}
              label={`${label} — ${AUTONYMS[l]}`}
              value={one(values[`${name}_${l}`])}
              error={errors?.[`${name}_${l}`]}
              maxLength={300}
            />
          )}
          <Select
            name={`${name}_${l}_status`}
            label={`${t('events.authoring.status')} — ${AUTONYMS[l]}`}
            value={one(values[`${name}_${l}_status`]) || (l === 'en' && !values[`${name}_en`] ? 'original' : 'draft')}
            options={TRANSLATION_STATUSES.map((s) => ({ value: s, label: t(`events.translationStatus.${s}`) }))}
            error={errors?.[`${name}_${l}_status`]}
          />
        </div>
      ))}
    </fieldset>
  );
}
