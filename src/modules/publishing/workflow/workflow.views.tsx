// What every kind's review page shows of a revision (news, events…): each language version of its texts with the
// check's findings marked in place, then the findings one by one (the integrity views: an excerpt, the characters
// written out, and for the editor an accept box with a reason each).
import type { ComponentChildren } from 'preact';
import { AUTONYMS, LOCALES, dir, type Locale } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import type { Finding } from '../../../platform/integrity/index.ts';
import { Findings, MarkedText, type CheckedTexts } from '../../../platform/integrity/integrity.views.tsx';
import { PostForm, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';

/** One translatable field of the content, in the order shown; the first is the heading of each language version. */
export interface VersionField {
  name: string;
  /** Long text, its line breaks kept. */
  block?: boolean;
  /** Shown above the field's text (in the reader's language); a labelled field is never the version's heading. */
  label?: string;
}

export function ContentVersions({
  ctx,
  texts,
  fields,
  classPrefix,
  checked,
  labels,
  findings,
  errors,
  form,
  values,
  accepted,
  children,
}: {
  ctx: ViewContext;
  /** The translatable texts by field name. */
  texts: Record<string, TranslatableText>;
  fields: VersionField[];
  /** The class of each field's element: `<prefix>-<field>`. */
  classPrefix: string;
  /** Everything the check looked at, by field (the translatable texts and the other public strings). */
  checked: CheckedTexts;
  /** The fields' names for the findings' list. */
  labels: Record<string, string>;
  findings: Finding[];
  errors?: FormErrors;
  /** Editor mode: an accept box and a reason per finding. */
  form: boolean;
  values: Record<string, unknown>;
  accepted?: Record<string, string>;
  /** Shown before the language versions (values that have no language, e.g. a venue). */
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  const langs = LOCALES.filter((l) => fields.some((f) => texts[f.name]?.[l]?.text));
  return (
    <>
      {children}
      {langs.map((l: Locale) => {
        const here = findings.filter((f) => f.lang === l);
        const status = fields.map((f) => texts[f.name]?.[l]?.status).find(Boolean) ?? 'draft';
        return (
          <section class="language-version" lang={l} dir={dir(l)} id={`version-${l}`}>
            <h2 lang={ctx.locale} dir={dir(ctx.locale)}>
              {AUTONYMS[l]} <span class="muted">({t(`text.status.${status}`)})</span>
            </h2>
            {fields.map((f, i) => {
              const text = texts[f.name]?.[l]?.text;
              if (!text) return null;
              const Tag = i === 0 && !f.label ? 'h3' : 'div';
              return (
                <>
                  {f.label ? (
                    <h3 lang={ctx.locale} dir={dir(ctx.locale)}>
                      {f.label}
                    </h3>
                  ) : null}
                  <Tag class={`${classPrefix}-${f.name}`} style={f.block ? 'white-space: pre-wrap' : undefined}>
                    <MarkedText text={text} findings={here.filter((x) => x.field === f.name)} />
                  </Tag>
                </>
              );
            })}
          </section>
        );
      })}
      <Findings
        ctx={ctx}
        findings={findings}
        texts={checked}
        labels={labels}
        editor={form}
        values={values}
        errors={errors}
        accepted={accepted}
      />
    </>
  );
}

/**
 * A publisher withdraws the revision readers get (`revision`: the published one, even while a newer draft is open),
 * with a reason; the route goes through the platform's confirmation page first. Labels are the subject's own.
 */
export function WithdrawForm({
  ctx,
  action,
  revision,
  labels,
  id,
  errors,
  values,
}: {
  ctx: ViewContext;
  action: string;
  revision: { id: string; sha256: string };
  labels: { title: string; note: string; reason: string };
  /** The button's id. */
  id: string;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}) {
  return (
    <PostForm ctx={ctx} action={action} errors={errors}>
      <input type="hidden" name="revision" value={revision.id} />
      <input type="hidden" name="sha256" value={revision.sha256} />
      <h2>{labels.title}</h2>
      <p>{labels.note}</p>
      <TextArea
        name="reason"
        label={labels.reason}
        value={typeof values?.reason === 'string' ? values.reason : ''}
        error={errors?.reason}
        maxLength={200}
        required
      />
      <button type="submit" class="danger" id={id}>
        {labels.title}
      </button>
    </PostForm>
  );
}
