// Views of passkeys and recovery codes: the passkey buttons of sign-in and of the two-factor step (shown by
// static/passkeys.js; hidden without JavaScript), the recovery-code form (a plain form), the account's passkeys page.
import { formatDate } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Field, PostForm, type FormErrors } from '../../../platform/views/components.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type * as svc from './passkeys.service.ts';

const Script = () => <script src="/static/passkeys.js" defer></script>;

/** A line for a failed ceremony, filled in by the script (the text comes from the page, in the reader's language). */
function CeremonyError({ ctx }: { ctx: ViewContext }) {
  return (
    <p class="error" role="alert" data-passkey-error hidden>
      {ctx.t('passkeys.failed')}
    </p>
  );
}

/** On the sign-in page: sign in with a passkey alone (usernameless). */
export function PasskeySignIn({ ctx, next }: { ctx: ViewContext; next?: string }) {
  return (
    <div class="passkey" data-passkey="sign-in" data-next={next ?? '/'} hidden>
      <p>{ctx.t('passkeys.or')}</p>
      <button type="button" class="secondary" data-passkey-start>
        {ctx.t('passkeys.signIn')}
      </button>
      <CeremonyError ctx={ctx} />
      <Script />
    </div>
  );
}

/** On the two-factor page: a passkey (with JavaScript) or a recovery code (a plain form). */
export function PasskeySecondFactor({ ctx, next, errors }: { ctx: ViewContext; next?: string; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <div>
      <div class="passkey" data-passkey="second-factor" data-next={next ?? '/'} hidden>
        <h2>{t('passkeys.title')}</h2>
        <button type="button" class="secondary" data-passkey-start>
          {t('passkeys.useForSecondFactor')}
        </button>
        <CeremonyError ctx={ctx} />
      </div>
      <h2>{t('recovery.title')}</h2>
      <p>{t('recovery.prompt')}</p>
      <PostForm ctx={ctx} action="/sign-in/two-factor/recovery">
        <input type="hidden" name="next" value={next ?? '/'} />
        <Field
          name="recoveryCode"
          label={t('recovery.code')}
          autocomplete="off"
          required
          error={errors?.recoveryCode}
          maxLength={20}
          dirAuto={false}
          dir="ltr"
        />
        {/* An input, not a button: the page's one submit button stays the TOTP form's (journeys and habits). */}
        <input type="submit" class="secondary" value={t('recovery.use')} />
      </PostForm>
      <Script />
    </div>
  );
}

/** On the account page: where passkeys and recovery codes are managed. */
export function AccountPasskeysSection({ ctx }: { ctx: ViewContext }) {
  return (
    <>
      <h2>{ctx.t('passkeys.title')}</h2>
      <p>{ctx.t('passkeys.intro')}</p>
      <p>
        <a href="/account/passkeys">{ctx.t('passkeys.manage')}</a>
      </p>
    </>
  );
}

export function PasskeysPage({
  ctx,
  passkeys,
  recovery,
  codes,
  errors,
}: {
  ctx: ViewContext;
  passkeys: Awaited<ReturnType<typeof svc.listPasskeys>>;
  recovery: { remaining: number; total: number };
  codes?: string[];
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('passkeys.title')}</h1>
      <p>{t('passkeys.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {codes ? (
        <div class="notice" role="status">
          <p>{t('recovery.shownOnce')}</p>
          <ol class="recovery-codes" data-testid="recovery-codes" dir="ltr">
            {codes.map((c) => (
              <li>
                <code>{c}</code>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {passkeys.length ? (
        <table class="stack">
          <caption>{t('passkeys.yours')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('passkeys.created')}</th>
              <th scope="col">{t('passkeys.lastUsed')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('passkeys.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {passkeys.map((p) => (
              <tr>
                <td data-label={t('field.name')} dir="auto">
                  {p.name}
                </td>
                <td data-label={t('passkeys.created')}>{formatDate(ctx.locale, p.createdAt, ctx.timeZone)}</td>
                <td data-label={t('passkeys.lastUsed')}>
                  {p.lastUsedAt ? formatDate(ctx.locale, p.lastUsedAt, ctx.timeZone) : '—'}
                </td>
                <td data-label={t('passkeys.actions')}>
                  <a href={`/account/passkeys/${p.id}/remove`}>{t('passkeys.remove')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{t('passkeys.none')}</p>
      )}
      <h2>{t('passkeys.add')}</h2>
      <noscript>
        <p>{t('passkeys.needsScript')}</p>
      </noscript>
      <div class="passkey" data-passkey="register" hidden>
        <Field name="passkeyName" label={t('passkeys.name')} hint={t('passkeys.nameHint')} maxLength={60} />
        <button type="button" data-passkey-start>
          {t('passkeys.add')}
        </button>
        <CeremonyError ctx={ctx} />
      </div>
      <h2>{t('recovery.title')}</h2>
      <p data-testid="recovery-status">
        {recovery.total
          ? t('recovery.remaining', { count: recovery.remaining, total: recovery.total })
          : t('recovery.noneYet')}
      </p>
      <PostForm ctx={ctx} action="/account/recovery-codes">
        <Field
          name="password"
          type="password"
          label={t('field.currentPassword')}
          hint={t('recovery.generateHint')}
          autocomplete="current-password"
          required
          error={errors?.password}
        />
        <button type="submit">{t('recovery.generate')}</button>
      </PostForm>
      <p>
        <a href="/account">{t('account.title')}</a>
      </p>
      <Script />
    </section>
  );
}

export function RemovePasskeyPage({
  ctx,
  passkey,
  errors,
}: {
  ctx: ViewContext;
  passkey: { id: string; name: string };
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('passkeys.removeTitle')}</h1>
      <p>{t('passkeys.removeConfirm', { name: passkey.name })}</p>
      <PostForm ctx={ctx} errors={errors} action={`/account/passkeys/${passkey.id}/remove`}>
        <Field
          name="password"
          type="password"
          label={t('field.currentPassword')}
          autocomplete="current-password"
          required
          error={errors?.password}
        />
        <button type="submit">{t('passkeys.remove')}</button>
      </PostForm>
      <p>
        <a href="/account/passkeys">{t('passkeys.cancel')}</a>
      </p>
    </section>
  );
}
