// What the page routes of every kind under the workflow (events, library documents, news) read from a step's form and
// answer with: the findings accepted on the form, the step's input, the errors of a refused step, and the
// confirmation page of a withdrawal. Each kind passes in its labels (`keys`: the prefix of its messages).
import type { AppError } from '../../../platform/http/errors.ts';
import { fieldErrors } from '../../../platform/http/forms.ts';
import type { Confirmation } from '../../../platform/http/confirm.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import type { AcceptanceInput, StepInput } from './workflow.service.ts';

type V = Record<string, unknown>;
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

/**
 * The findings accepted on a submitted form (`accept.<id>` ticked, with `reason.<id>`): every box ticked is passed on,
 * with or without its reason, so the workflow answers every missing reason and every finding left open at once.
 */
export function acceptancesFromForm(v: V): AcceptanceInput[] {
  return Object.keys(v)
    .filter((k) => k.startsWith('accept.') && ['on', 'true'].includes(one(v[k])))
    .map((k) => {
      const id = k.slice('accept.'.length);
      return { id, reason: one(v[`reason.${id}`]) };
    });
}

/** A step posted from a review page: the revision and hash shown, the findings accepted, the reason. */
export const stepFromForm = (v: V): StepInput => ({
  revisionId: one(v.revision),
  sha256: one(v.sha256),
  acceptances: acceptancesFromForm(v),
  reason: one(v.reason),
});

/** The errors of a refused step, by field; one that names no field is the page's (`_`). */
export function stepErrors(t: T, e: AppError): FormErrors {
  const errors = fieldErrors(t, e.fields);
  if (!Object.keys(errors).length) errors._ = t(e.messageKey, e.values as never);
  return errors;
}

/**
 * The confirmation page of a withdrawal (the review page's form, with its reason), labelled `<keys>.withdraw`,
 * `.withdrawNote`, `.withdrawReason`.
 */
export function withdrawConfirmation(
  t: T,
  keys: string,
  reason: string,
  back: string,
  breadcrumb?: Confirmation['breadcrumb'],
): Confirmation {
  return {
    title: t(`${keys}.withdraw`),
    question: t(`${keys}.withdrawNote`),
    details: reason ? (
      <p>
        {t(`${keys}.withdrawReason`)}: <bdi>{reason}</bdi>
      </p>
    ) : undefined,
    button: t(`${keys}.withdraw`),
    back,
    breadcrumb,
  };
}
