// What every kind's review page shows of a revision (news, events, library documents): its state and facts, each
// language version of its texts with the check's findings marked in place, then the findings one by one (the
// integrity views: an excerpt, the characters written out, and for the editor an accept box with a reason each), the
// findings accepted with their reasons, and the workflow's steps as forms posted without JavaScript. Each kind passes
// in its labels (`keys`: the prefix of its messages) and its addresses.
import type { ComponentChildren } from 'preact';
import { AUTONYMS, LOCALES, dir, type Locale } from '../../../platform/i18n/index.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import type { Finding } from '../../../platform/integrity/index.ts';
import { Findings, MarkedText, type CheckedTexts } from '../../../platform/integrity/integrity.views.tsx';
import { PostForm, TextArea, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { Revision } from './workflow.service.ts';

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
      <RevisionInputs revision={revision.id} sha256={revision.sha256} />
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

/** The revision a step acts on and the hash the person saw, as a form's hidden fields. */
export function RevisionInputs({ revision, sha256 }: { revision: string; sha256: string }) {
  return (
    <>
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="sha256" value={sha256} />
    </>
  );
}

/** A revision's state as a badge; without a revision, `none` (nothing when not given). */
export function StateBadge({ ctx, r, id, none }: { ctx: ViewContext; r: Revision | null; id?: string; none?: string }) {
  if (!r && none === undefined) return null;
  return (
    <span
      class={`badge${!r || r.state === 'draft' ? ' draft' : r.state === 'withdrawn' ? ' badge-warning' : ''}`}
      id={id}
    >
      {r ? ctx.t(`publishing.state.${r.state}`) : none}
    </span>
  );
}

/**
 * The facts of the latest revision (state, hash, who wrote, last edited, approved and published it, why it was forced
 * or withdrawn), labelled `<keys>.state`, `.hash`, `.author`, `.lastEditor`, `.approver`, `.publisher`,
 * `.forcedConfirmed`, `.forceReason`, `.withdrawnReason`. Without a revision the state row reads `none`, or is left
 * out when `none` is not given.
 */
export function RevisionFacts({
  ctx,
  r,
  who,
  keys,
  none,
  badgeId,
  publisher,
  before,
  children,
}: {
  ctx: ViewContext;
  r: Revision | null;
  who: (id: string | null) => string;
  keys: string;
  none?: string;
  /** The state badge's id. */
  badgeId?: string;
  /** Is the publisher named? */
  publisher?: boolean;
  /** Rows of the kind's own before the revision's (e.g. what the public gets now). */
  before?: ComponentChildren;
  /** Rows of the kind's own after the revision's. */
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <dl class="summary-list" id="revision-summary">
      {before}
      {r || none !== undefined ? (
        <>
          <dt>{t(`${keys}.state`)}</dt>
          <dd>
            <StateBadge ctx={ctx} r={r} id={badgeId} none={none} />{' '}
            {r ? t('publishing.revision', { number: r.number }) : null}
            {r?.forced ? (
              <span class="badge badge-warning">
                {r.secondApproverId ? t(`${keys}.forcedConfirmed`) : t('publishing.flag.awaiting')}
              </span>
            ) : null}
          </dd>
        </>
      ) : null}
      {r ? (
        <>
          <dt>{t(`${keys}.hash`)}</dt>
          <dd>
            <code id="revision-sha256">{r.sha256}</code>
          </dd>
          <dt>{t(`${keys}.author`)}</dt>
          <dd>{who(r.authorId)}</dd>
          <dt>{t(`${keys}.lastEditor`)}</dt>
          <dd>{who(r.lastEditorId)}</dd>
          {r.approverId ? (
            <>
              <dt>{t(`${keys}.approver`)}</dt>
              <dd>{who(r.approverId)}</dd>
            </>
          ) : null}
          {publisher && r.publishedBy ? (
            <>
              <dt>{t(`${keys}.publisher`)}</dt>
              <dd>{who(r.publishedBy)}</dd>
            </>
          ) : null}
          {r.forceReason ? (
            <>
              <dt>{t(`${keys}.forceReason`)}</dt>
              <dd>{r.forceReason}</dd>
            </>
          ) : null}
          {r.withdrawnReason ? (
            <>
              <dt>{t(`${keys}.withdrawnReason`)}</dt>
              <dd>
                <code>{r.withdrawnReason}</code>
              </dd>
            </>
          ) : null}
        </>
      ) : null}
      {children}
    </dl>
  );
}

/** The errors of a step shown above the revision's text when it is not the submission form (which shows its own). */
export function StepErrors({ errors }: { errors?: FormErrors }) {
  return errors ? (
    <div class="error-summary" role="alert">
      <ul>
        {Object.values(errors).map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  ) : null;
}

/** The submission of a draft: its text with an accept box and a reason per finding (`children`), and the button. */
export function SubmitForm({
  ctx,
  action,
  revision,
  errors,
  button,
  children,
}: {
  ctx: ViewContext;
  action: string;
  /** The revision's hidden fields (RevisionInputs). */
  revision: ComponentChildren;
  errors?: FormErrors;
  button: { id: string; label: string };
  children: ComponentChildren;
}) {
  return (
    <PostForm ctx={ctx} action={action} errors={errors}>
      {revision}
      {children}
      <button type="submit" id={button.id}>
        {button.label}
      </button>
    </PostForm>
  );
}

/** The reasons given for the findings a revision was submitted with, by finding (the findings' list shows them). */
export const acceptedReasons = (r: Revision | null): Record<string, string> =>
  Object.fromEntries((r?.acceptances ?? []).map((a) => [a.id, a.reason]));

/** The findings accepted on submission, each with its match, its language and the reason given. */
export function AcceptedFindings({ r, title }: { r: Revision | null; title: string }) {
  return r?.acceptances.length ? (
    <div id="accepted-findings">
      <h2>{title}</h2>
      <ul>
        {r.acceptances.map((a) => (
          <li>
            <code>{a.match}</code> ({a.lang ? AUTONYMS[a.lang as Locale] : '—'}): {a.reason}
          </li>
        ))}
      </ul>
    </div>
  ) : null;
}

/**
 * The steps on the latest revision a person may take, labelled `<keys>.approveNote`, `.approve`, `.otherApprover`,
 * `.publish`, `.secondApprovalNote`, `.secondApproval`: approve, publish, approve a forced publication; each posts to
 * `<base>/<step>` with the revision's hidden fields. `children`: the kind's further steps.
 */
export function WorkflowActions({
  ctx,
  r,
  rights,
  base,
  revision,
  keys,
  ids = 'revision',
  otherApprover = true,
  children,
}: {
  ctx: ViewContext;
  r: Revision | null;
  rights: { sign: boolean; publish: boolean };
  base: string;
  revision: ComponentChildren;
  keys: string;
  /** The buttons' ids: `approve-<ids>`, `publish-<ids>`. */
  ids?: string;
  /** Is one who may not sign a submitted revision told another publisher approves it? */
  otherApprover?: boolean;
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  if (!r) return null;
  return (
    <div class="actions" id="workflow-actions">
      {r.state === 'submitted' && rights.sign ? (
        <PostForm ctx={ctx} action={`${base}/approve`}>
          {revision}
          <p>{t(`${keys}.approveNote`)}</p>
          <button type="submit" id={`approve-${ids}`}>
            {t(`${keys}.approve`)}
          </button>
        </PostForm>
      ) : null}
      {r.state === 'submitted' && !rights.sign && otherApprover ? <p>{t(`${keys}.otherApprover`)}</p> : null}
      {r.state === 'approved' && rights.publish ? (
        <PostForm ctx={ctx} action={`${base}/publish`}>
          {revision}
          <button type="submit" id={`publish-${ids}`}>
            {t(`${keys}.publish`)}
          </button>
        </PostForm>
      ) : null}
      {r.state === 'published' && r.forced && !r.secondApproverId && rights.sign ? (
        <PostForm ctx={ctx} action={`${base}/second-approval`}>
          {revision}
          <p>{t(`${keys}.secondApprovalNote`)}</p>
          <button type="submit" id="second-approval">
            {t(`${keys}.secondApproval`)}
          </button>
        </PostForm>
      ) : null}
      {children}
    </div>
  );
}
