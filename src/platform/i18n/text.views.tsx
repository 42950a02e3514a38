// Views of the translatable-text model: a value in the reader's language with a visible fallback note, and the
// one form component that edits the languages it shows (and, through textFromForm, keeps the others).
import { AUTONYMS, LOCALES, dir, listFormat, type Locale } from './index.ts';
import { pick, statusFieldName, TEXT_STATUSES, textFieldName, versions, type TranslatableText } from './text.ts';
import type { ViewContext } from '../views/context.ts';
import { Field, Select, TextArea, type FormErrors, type LabelledComponent } from '../views/components.tsx';

/** A translatable value in the reader's language; a fallback carries its own lang/dir and, with `note`, says so. */
export function Text({
  ctx,
  value,
  as = 'span',
  note = true,
}: {
  ctx: ViewContext;
  value: TranslatableText | null | undefined;
  as?: 'span' | 'h1' | 'h2' | 'p' | 'div';
  note?: boolean;
}) {
  const p = pick(value, ctx.locale);
  if (!p) return null;
  const Tag = as;
  // A version in another language is isolated (<bdi> with its lang and dir) inside an element that keeps the page's
  // direction: an English title on an Arabic page reads left to right and still starts by its label.
  const shown = (text: string) =>
    p.fallback && p.lang !== ctx.locale ? (
      <bdi lang={p.lang} dir={dir(p.lang)}>
        {text}
      </bdi>
    ) : (
      text
    );
  const body = as === 'div' ? p.text.split(/\n{2,}/).map((para) => <p>{shown(para)}</p>) : shown(p.text);
  return (
    <>
      <Tag>{body}</Tag>
      {note && p.fallback ? (
        <p class="notice translation" role="note">
          {ctx.t('text.fallback', { language: AUTONYMS[p.lang] })}
        </p>
      ) : null}
      {note && !p.fallback && (p.status === 'draft' || p.status === 'machine') ? (
        <p class="muted translation">
          {ctx.t(p.status === 'draft' ? 'text.draftTranslation' : 'text.machineTranslation')}
        </p>
      ) : null}
    </>
  );
}

const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

/**
 * The one form component of a translatable field. It shows `languages` (default: all six), each with its status
 * when `statuses` is on; the languages it does not show are named in a note and kept by textFromForm.
 */
export const TextFields: LabelledComponent<TextFieldsProps> = function TextFields({
  ctx,
  name,
  label,
  values,
  stored,
  errors,
  long,
  maxLength = 300,
  languages = LOCALES,
  statuses = true,
}: TextFieldsProps) {
  const { t } = ctx;
  const single = languages.length === 1 && !statuses;
  const kept = versions(stored).filter((v) => !languages.includes(v.lang));
  const labels = fieldLabels({ ctx, name, label, languages, statuses } as TextFieldsProps);
  const input = (l: Locale) => {
    const props = {
      name: textFieldName(name, l),
      label: labels[textFieldName(name, l)],
      value: one(values[textFieldName(name, l)]),
      error: errors?.[textFieldName(name, l)],
      // The value carries its language and direction (and so does its row); the labels stay in the page's language.
      lang: l,
      dir: dir(l),
      labelLang: single ? undefined : ctx.locale,
    };
    return long ? <TextArea {...props} rows={4} /> : <Field {...props} maxLength={maxLength} />;
  };
  const keptNote = kept.length ? (
    <p class="hint">
      {t('text.otherLanguages', { languages: listFormat(ctx.locale).format(kept.map((v) => AUTONYMS[v.lang])) })}
    </p>
  ) : null;
  if (single)
    return (
      <div class="translation-single">
        {input(languages[0])}
        {keptNote}
      </div>
    );
  return (
    <fieldset class="translations">
      <legend>{label}</legend>
      <p class="hint">{t('text.hint')}</p>
      {languages.map((l) => (
        <div class="translation-row" lang={l} dir={dir(l)}>
          {input(l)}
          {statuses ? (
            <Select
              name={statusFieldName(name, l)}
              label={labels[statusFieldName(name, l)]}
              labelLang={ctx.locale}
              value={
                one(values[statusFieldName(name, l)]) ||
                (l === 'en' && !values[textFieldName(name, 'en')] ? 'original' : 'draft')
              }
              options={TEXT_STATUSES.map((s) => ({ value: s, label: t(`text.status.${s}`) }))}
              error={errors?.[statusFieldName(name, l)]}
            />
          ) : null}
        </div>
      ))}
      {keptNote}
    </fieldset>
  );
};

interface TextFieldsProps {
  ctx: ViewContext;
  name: string;
  label: string;
  /** Form values (textFormValues of the stored field, or what was submitted). */
  values: Record<string, unknown>;
  /** The stored field, to name the languages kept but not shown. */
  stored?: TranslatableText | null;
  errors?: FormErrors;
  long?: boolean;
  maxLength?: number;
  languages?: readonly Locale[];
  statuses?: boolean;
}

/** The label of each input the component renders ("Title — English", "Translation status — English"). */
function fieldLabels({ ctx, name, label, languages = LOCALES, statuses = true }: TextFieldsProps) {
  const single = languages.length === 1 && !statuses;
  const out: Record<string, string> = {};
  for (const l of languages) {
    out[textFieldName(name, l)] = single ? label : `${label} — ${AUTONYMS[l]}`;
    if (statuses) out[statusFieldName(name, l)] = `${ctx.t('text.statusLabel')} — ${AUTONYMS[l]}`;
  }
  return out;
}
TextFields.formLabels = fieldLabels;
