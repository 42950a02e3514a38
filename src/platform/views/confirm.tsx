// The one confirmation page before a destructive action (revoke, decline, cancel, delete, remove, disable): it says
// what will happen, and its form posts the action with `confirmed=yes` from a danger-style button; "Go back" leaves
// everything as it was. Rendered by `confirmation()` (platform/http/confirm.tsx), which also makes the action's POST
// refuse to act without it.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { PostForm } from './components.tsx';
import { Breadcrumb } from './lists.tsx';

/** The name and value of the field that says the person has seen the confirmation page. */
export const CONFIRMED_FIELD = 'confirmed';
export const CONFIRMED_VALUE = 'yes';

export interface Confirmation {
  /** The page's heading and title: the action, e.g. "Decline the registration". */
  title: string;
  /** What will happen, in a sentence naming what it happens to. */
  question: ComponentChildren;
  /** Facts about what is affected (a short list), or what cannot be undone. */
  details?: ComponentChildren;
  /** The danger button's label (the verb, e.g. "Decline"). */
  button: string;
  /** Where "Cancel" leads: the page the action was started from. */
  back: string;
  /** The way back above the heading. */
  breadcrumb?: { href?: string; label: ComponentChildren }[];
  /** Why the action cannot be taken now (shown instead of the form; the POST refuses it as well). */
  blocked?: ComponentChildren;
}

export function ConfirmPage({
  ctx,
  c,
  action,
  fields,
}: {
  ctx: ViewContext;
  c: Confirmation;
  /** Where the form posts: the action's own address. */
  action: string;
  /** Form fields the action needs besides the confirmation (e.g. decision=decline). */
  fields: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <section class="narrow confirm">
      {c.breadcrumb ? <Breadcrumb links={c.breadcrumb} /> : null}
      <h1>{c.title}</h1>
      <p class="lead">{c.question}</p>
      {c.details}
      {c.blocked ? (
        <>
          <p class="error" role="alert">
            {c.blocked}
          </p>
          <p>
            <a href={c.back}>{t('confirm.cancel')}</a>
          </p>
        </>
      ) : (
        <PostForm ctx={ctx} action={action} class="confirm-actions">
          {Object.entries(fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name={CONFIRMED_FIELD} value={CONFIRMED_VALUE} />
          <button type="submit" class="danger">
            {c.button}
          </button>
          <a class="button secondary" href={c.back}>
            {t('confirm.cancel')}
          </a>
        </PostForm>
      )}
    </section>
  );
}
