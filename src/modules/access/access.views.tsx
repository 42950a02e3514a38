// Views of the access module: sign-in, two-factor, account settings, API tokens, invitations, password reset.
import type { Role } from '../../platform/auth/auth.schema.ts';
import { AUTONYMS, LOCALES, formatDate } from '../../platform/i18n/index.ts';
import {
  Checkbox,
  ErrorSummary,
  Field,
  FormPage,
  PostForm,
  Select,
  TimeZoneField,
  formLabels,
  type FormErrors,
} from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type * as svc from './access.service.ts';
import { AccountPasskeysSection, PasskeySecondFactor, PasskeySignIn } from './passkeys/passkeys.views.tsx';

export function SignInForm({
  ctx,
  email,
  next,
  errors,
}: {
  ctx: ViewContext;
  email?: string;
  next?: string;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('signIn.title')}</h1>
      <PostForm ctx={ctx} errors={errors} action="/sign-in">
        <input type="hidden" name="next" value={next ?? '/'} />
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          value={email}
          autocomplete="username"
          required
          error={errors?.email}
        />
        <Field
          name="password"
          type="password"
          label={t('field.password')}
          autocomplete="current-password"
          required
          error={errors?.password}
        />
        <button type="submit">{t('signIn.submit')}</button>
      </PostForm>
      <PasskeySignIn ctx={ctx} next={next} />
      <p>
        <a href="/password/forgot">{t('signIn.forgot')}</a>
      </p>
    </section>
  );
}

export function TwoFactorForm({ ctx, next, errors }: { ctx: ViewContext; next?: string; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('mfa.title')}</h1>
      <p>{t('mfa.prompt')}</p>
      <PostForm ctx={ctx} errors={errors} action="/sign-in/two-factor">
        <input type="hidden" name="next" value={next ?? '/'} />
        <Field
          name="code"
          label={t('field.code')}
          inputMode="numeric"
          autocomplete="one-time-code"
          required
          error={errors?.code}
          maxLength={12}
        />
        <button type="submit">{t('mfa.verify')}</button>
      </PostForm>
      <PasskeySecondFactor ctx={ctx} next={next} errors={errors} />
    </section>
  );
}

export function TwoFactorSetup({
  ctx,
  secret,
  qrSvg,
  required,
  errors,
}: {
  ctx: ViewContext;
  secret: string;
  qrSvg: string;
  required?: boolean;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const qrSrc = `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`;
  return (
    <section class="narrow">
      <h1>{t('mfa.setupTitle')}</h1>
      {required ? (
        <p class="notice" role="status">
          {t('mfa.requiredNotice')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <ol>
        <li>{t('mfa.step1')}</li>
        <li>{t('mfa.step2')}</li>
      </ol>
      <p>
        <a href="/account/passkeys">{t('passkeys.instead')}</a>
      </p>
      <img class="qr" src={qrSrc} alt={t('mfa.qrAlt')} width={200} height={200} />
      <p>
        {t('mfa.manualKey')}{' '}
        <code class="secret" data-testid="totp-secret" dir="ltr">
          {secret}
        </code>
      </p>
      <PostForm ctx={ctx} action="/account/two-factor">
        <Field
          name="code"
          label={t('field.code')}
          inputMode="numeric"
          autocomplete="one-time-code"
          required
          error={errors?.code}
          maxLength={12}
        />
        <button type="submit">{t('mfa.confirm')}</button>
      </PostForm>
    </section>
  );
}

export function TwoFactorEnabled({ ctx }: { ctx: ViewContext }) {
  return (
    <section class="narrow">
      <h1>{ctx.t('mfa.setupTitle')}</h1>
      <p>{ctx.t('mfa.alreadyEnabled')}</p>
      <p>
        <a href="/account">{ctx.t('account.title')}</a>
      </p>
    </section>
  );
}

export function AccountPage({
  ctx,
  account,
  errors,
}: {
  ctx: ViewContext;
  account: Awaited<ReturnType<typeof svc.getAccount>>;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const settings = (
    <>
      <Field
        name="name"
        label={t('field.name')}
        value={account.name}
        required
        error={errors?.name}
        autocomplete="name"
      />
      <Select
        name="locale"
        label={t('field.language')}
        value={account.locale}
        options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
        error={errors?.locale}
      />
      <TimeZoneField
        ctx={ctx}
        label={t('field.timeZone')}
        value={account.timeZone}
        hint={t('zone.accountHint')}
        error={errors?.timeZone}
      />
    </>
  );
  const labels = {
    ...formLabels(settings),
    current: t('field.currentPassword'),
    password: t('field.newPassword'),
  };
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <dl class="facts">
        <dt>{t('field.email')}</dt>
        <dd dir="ltr">{account.email}</dd>
        <dt>{t('field.role')}</dt>
        <dd>{t(`role.${account.role}`)}</dd>
        <dt>{t('account.memberSince')}</dt>
        <dd>{formatDate(ctx.locale, account.createdAt, ctx.timeZone, false)}</dd>
      </dl>
      <div class="columns">
        <div>
          <h2>{t('account.settings')}</h2>
          <PostForm ctx={ctx} action="/account/settings">
            {settings}
            <button type="submit">{t('action.save')}</button>
          </PostForm>
        </div>
        <div>
          <h2>{t('account.password')}</h2>
          <PostForm ctx={ctx} action="/account/password">
            <Field
              name="current"
              type="password"
              label={t('field.currentPassword')}
              autocomplete="current-password"
              required
              error={errors?.current}
            />
            <Field
              name="password"
              type="password"
              label={t('field.newPassword')}
              hint={t('password.rules')}
              autocomplete="new-password"
              required
              error={errors?.password}
            />
            <button type="submit">{t('account.changePassword')}</button>
          </PostForm>
        </div>
      </div>
      <h2>{t('mfa.setupTitle')}</h2>
      {account.totpEnabled ? (
        <p>{t('mfa.statusOn')}</p>
      ) : (
        <p>
          <a href="/account/two-factor">{t('mfa.enable')}</a>
        </p>
      )}
      <AccountPasskeysSection ctx={ctx} />
      <h2>{t('tokens.title')}</h2>
      <p>
        <a href="/account/tokens">{t('tokens.manage')}</a>
      </p>
      <h2>{t('feed.title')}</h2>
      <p>
        <a href="/account/calendar">{t('feed.accountLink')}</a>
      </p>
      <h2>{t('privacy.myData.title')}</h2>
      <p>{t('privacy.myData.intro')}</p>
      <p>
        <a href="/account/my-data.json" download="my-data.json">
          {t('privacy.myData.download')}
        </a>
      </p>
      <p>{t('privacy.myData.erasure')}</p>
    </section>
  );
}

export function TokensPage({
  ctx,
  tokens,
  created,
  errors,
}: {
  ctx: ViewContext;
  tokens: Awaited<ReturnType<typeof svc.listApiTokens>>;
  created?: string;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section>
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>
      {created ? (
        <div class="notice" role="status">
          <p>{t('tokens.createdOnce')}</p>
          <code data-testid="new-token" dir="ltr">
            {created}
          </code>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      {tokens.length ? (
        <table class="stack">
          <caption>{t('tokens.yours')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('tokens.prefix')}</th>
              <th scope="col">{t('tokens.scope')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('tokens.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr>
                <td data-label={t('field.name')}>{tk.name}</td>
                <td data-label={t('tokens.prefix')} dir="ltr">
                  <code>{tk.prefix}…</code>
                </td>
                <td data-label={t('tokens.scope')}>{tk.scopes.map((s) => t(`tokens.scope.${s}`)).join(', ')}</td>
                <td data-label={t('tokens.lastUsed')}>
                  {tk.lastUsedAt ? formatDate(ctx.locale, tk.lastUsedAt, ctx.timeZone) : '—'}
                </td>
                <td data-label={t('tokens.status')}>
                  {tk.revokedAt
                    ? t('tokens.revokedStatus')
                    : tk.expiresAt && tk.expiresAt < new Date()
                      ? t('tokens.expired')
                      : t('tokens.active')}
                </td>
                <td data-label={t('tokens.actions')}>
                  {tk.revokedAt ? null : (
                    <a class="button secondary danger" href={`/account/tokens/${tk.id}/revoke`}>
                      {t('tokens.revoke')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">{t('tokens.none')}</p>
      )}
      <h2>{t('tokens.new')}</h2>
      <PostForm ctx={ctx} action="/account/tokens">
        <Field name="name" label={t('field.name')} required error={errors?.name} />
        <Select
          name="scope"
          label={t('tokens.scope')}
          options={[
            { value: 'read', label: t('tokens.scope.read') },
            { value: 'write', label: t('tokens.scope.write') },
          ]}
          error={errors?.scope}
        />
        <Field
          name="expiresInDays"
          label={t('tokens.expiresInDays')}
          hint={t('tokens.expiresHint')}
          inputMode="numeric"
          error={errors?.expiresInDays}
        />
        <button type="submit">{t('tokens.create')}</button>
      </PostForm>
    </section>
  );
}

export function InviteForm({
  ctx,
  orgs,
  roles,
  values,
  errors,
}: {
  ctx: ViewContext;
  orgs: { id: string; name: string }[];
  roles: readonly Role[];
  values: Record<string, string | undefined>;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('invitation.newTitle')}</h1>
      <p>{t('invitation.intro')}</p>
      <PostForm ctx={ctx} errors={errors} action="/invitations">
        <Field name="name" label={t('field.name')} value={values.name} required error={errors?.name} />
        <Field name="email" type="email" label={t('field.email')} value={values.email} required error={errors?.email} />
        <Select
          name="role"
          label={t('field.role')}
          value={values.role}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          error={errors?.role}
        />
        <Select
          name="organizationId"
          label={t('field.organization')}
          value={values.organizationId}
          includeEmpty={t('invitation.noOrganization')}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          error={errors?.organizationId}
        />
        <Checkbox name="focalPoint" label={t('field.focalPoint')} checked={values.focalPoint === 'on'} />
        <Select
          name="locale"
          label={t('field.language')}
          value={values.locale}
          options={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
          error={errors?.locale}
        />
        <button type="submit">{t('invitation.send')}</button>
      </PostForm>
    </section>
  );
}

/**
 * The question asked once, after the first sign-in: the person's time zone, with a suggestion (the browser's zone with
 * JavaScript; otherwise the zone of their organization's country, when known; else UTC). "Not now" asks again at the
 * next sign-in.
 */
export function TimeZonePage({
  ctx,
  zone,
  confirmed,
  country,
  next,
  errors,
}: {
  ctx: ViewContext;
  zone: string;
  confirmed: boolean;
  country: string | null;
  next: string;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <FormPage
      ctx={ctx}
      title={t('zone.title')}
      action="/account/time-zone"
      errors={errors}
      intro={<p>{t('zone.intro')}</p>}
    >
      <input type="hidden" name="next" value={next} />
      <TimeZoneField
        ctx={ctx}
        label={t('field.timeZone')}
        value={zone}
        error={errors?.timeZone}
        suggestBrowser={!confirmed}
        hint={
          confirmed
            ? t('zone.accountHint')
            : country
              ? t('zone.countrySuggestion', { country })
              : t('zone.noSuggestion')
        }
      />
      <p>
        <button type="submit">{t('zone.save')}</button> <a href={next}>{t('zone.later')}</a>
      </p>
    </FormPage>
  );
}

export function AcceptForm({
  ctx,
  email,
  name,
  errors,
}: {
  ctx: ViewContext;
  email: string;
  name: string;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('invitation.acceptTitle')}</h1>
      <p>{t('invitation.acceptIntro', { email })}</p>
      <PostForm ctx={ctx} errors={errors} action={ctx.path}>
        <Field name="name" label={t('field.name')} value={name} required error={errors?.name} autocomplete="name" />
        <Field
          name="password"
          type="password"
          label={t('field.newPassword')}
          hint={t('password.rules')}
          required
          error={errors?.password}
          autocomplete="new-password"
        />
        <button type="submit">{t('invitation.accept')}</button>
      </PostForm>
    </section>
  );
}

export function ForgotForm({ ctx, errors, sent }: { ctx: ViewContext; errors?: FormErrors; sent?: boolean }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('reset.forgotTitle')}</h1>
      {sent ? (
        <p class="notice" role="status">
          {t('reset.sent')}
        </p>
      ) : (
        <p>{t('reset.forgotIntro')}</p>
      )}
      <PostForm ctx={ctx} errors={errors} action="/password/forgot">
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          required
          error={errors?.email}
          autocomplete="username"
        />
        <button type="submit">{t('reset.send')}</button>
      </PostForm>
    </section>
  );
}

export function ResetForm({ ctx, errors }: { ctx: ViewContext; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('reset.title')}</h1>
      <PostForm ctx={ctx} errors={errors} action={ctx.path}>
        <Field
          name="password"
          type="password"
          label={t('field.newPassword')}
          hint={t('password.rules')}
          required
          error={errors?.password}
          autocomplete="new-password"
        />
        <button type="submit">{t('reset.submit')}</button>
      </PostForm>
    </section>
  );
}
