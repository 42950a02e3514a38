// HTML pages for accounts: sign-in, two-factor, sign-out, language, settings, tokens, invitations, password reset.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import QRCode from 'qrcode';
import { ROLES, type Role } from '../../platform/auth/auth.schema.ts';
import { isUser, type UserActor } from '../../platform/auth/policy.ts';
import { sessionCookieName } from '../../platform/auth/session.ts';
import { AppError } from '../../platform/http/errors.ts';
import { attempt, checked, formErrors } from '../../platform/http/forms.ts';
import { LANG_COOKIE } from '../../platform/http/index.ts';
import { AUTONYMS, LOCALES, formatDate, isLocale, type Locale } from '../../platform/i18n/index.ts';
import { Checkbox, ErrorSummary, Field, PostForm, Select, type FormErrors } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { INVITABLE_ROLES } from './access.policy.ts';
import * as svc from './access.service.ts';
import { organizationChoices } from '../directory/directory.service.ts';

const Str = (max = 200) => Type.String({ maxLength: max });
/** A local path to return to after sign-in or a language switch; anything else becomes '/'. Non-ASCII is percent-encoded for the Location header. */
export const safeNext = (n: unknown) =>
  typeof n === 'string' && /^\/(?!\/)[^\s\\]*$/.test(n)
    ? n.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))
    : '/';

export default async function accessRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config, db } = app.platform;
  const secure = config.secureCookies;
  const cookieOpts = { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };
  const ctxOf = (req: FastifyRequest) => ({ db, config, actor: req.actor, ip: req.ip });
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookieName(secure), token, { ...cookieOpts, maxAge: config.sessionMaxHours * 3600 });

  // ----- sign-in -----
  const SignInBody = Type.Object({
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    next: Type.Optional(Str(500)),
    _csrf: Type.Optional(Str()),
  });

  app.get(
    '/sign-in',
    { config: { access: 'public' }, schema: { querystring: Type.Object({ next: Type.Optional(Str(500)) }) } },
    async (req, reply) => {
      if (isUser(req.actor)) return reply.redirect(safeNext(req.query.next), 303);
      return reply.page(req.t('signIn.title'), <SignInForm ctx={reply.viewContext()} next={req.query.next} />);
    },
  );

  app.post(
    '/sign-in',
    {
      config: { access: 'public', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: { body: SignInBody },
      attachValidation: true,
    },
    async (req, reply) => {
      const errors = formErrors(req);
      const body = req.body as Partial<typeof req.body>;
      if (errors)
        return reply.page(
          req.t('signIn.title'),
          <SignInForm ctx={reply.viewContext()} email={body?.email} next={body?.next} errors={errors} />,
          422,
        );
      const r = await svc.signIn(ctxOf(req), req.body.email, req.body.password, req.headers['user-agent']);
      if (!r.ok)
        return reply.page(
          req.t('signIn.title'),
          <SignInForm
            ctx={reply.viewContext()}
            email={req.body.email}
            next={req.body.next}
            errors={{ email: req.t('signIn.failed') }}
          />,
          401,
        );
      setSession(reply, r.token);
      if (r.needsMfa)
        return reply.redirect(`/sign-in/two-factor?next=${encodeURIComponent(safeNext(req.body.next))}`, 303);
      return reply.redirect(safeNext(req.body.next), 303);
    },
  );

  app.get(
    '/sign-in/two-factor',
    { config: { access: 'mfa_pending' }, schema: { querystring: Type.Object({ next: Type.Optional(Str(500)) }) } },
    async (req, reply) => {
      return reply.page(req.t('mfa.title'), <TwoFactorForm ctx={reply.viewContext()} next={req.query.next} />);
    },
  );

  app.post(
    '/sign-in/two-factor',
    {
      config: { access: 'mfa_pending', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 12 }),
          next: Type.Optional(Str(500)),
          _csrf: Type.Optional(Str()),
        }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      if (!req.pendingMfaUserId || !req.sessionId) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
      const errors = formErrors(req);
      if (errors)
        return reply.page(req.t('mfa.title'), <TwoFactorForm ctx={reply.viewContext()} errors={errors} />, 422);
      const ok = await svc.verifySecondFactor(ctxOf(req), req.pendingMfaUserId, req.sessionId, req.body.code);
      if (!ok)
        return reply.page(
          req.t('mfa.title'),
          <TwoFactorForm ctx={reply.viewContext()} next={req.body.next} errors={{ code: req.t('mfa.wrongCode') }} />,
          401,
        );
      return reply.redirect(safeNext(req.body.next), 303);
    },
  );

  app.post('/sign-out', { config: { access: 'public', duringMfa: true } }, async (req, reply) => {
    if (req.sessionId) await svc.signOut(ctxOf(req), req.sessionId);
    reply.clearCookie(sessionCookieName(secure), cookieOpts);
    return reply.redirect('/', 303);
  });

  // ----- language -----
  app.get(
    '/lang/:code',
    {
      config: { access: 'public' },
      schema: {
        params: Type.Object({ code: Type.Union(LOCALES.map((l) => Type.Literal(l))) }),
        querystring: Type.Object({ next: Type.Optional(Str(500)) }),
      },
    },
    async (req, reply) => {
      const code = req.params.code as Locale;
      reply.setCookie(LANG_COOKIE, code, { path: '/', httpOnly: true, secure, sameSite: 'lax', maxAge: 365 * 86400 });
      if (isUser(req.actor)) await svc.setLocale(db, req.actor.userId, code);
      return reply.redirect(safeNext(req.query.next), 303);
    },
  );

  // ----- account -----
  app.get('/account', { config: { access: 'signed_in' } }, async (req, reply) => {
    const account = await svc.getAccount(ctxOf(req));
    return reply.page(req.t('account.title'), <AccountPage ctx={reply.viewContext()} account={account} />);
  });

  const SettingsBody = Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    locale: Type.String({ maxLength: 5 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    _csrf: Type.Optional(Str()),
  });
  app.post(
    '/account/settings',
    { config: { access: 'signed_in' }, schema: { body: SettingsBody }, attachValidation: true },
    async (req, reply) => {
      const account = await svc.getAccount(ctxOf(req));
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('account.title'),
          <AccountPage ctx={reply.viewContext()} account={{ ...account, ...(req.body ?? {}) }} errors={errors} />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => svc.updateSettings(ctxOf(req), req.body), rerender);
      if (done) return done;
      if (isLocale(req.body.locale))
        reply.setCookie(LANG_COOKIE, req.body.locale, {
          path: '/',
          httpOnly: true,
          secure,
          sameSite: 'lax',
          maxAge: 365 * 86400,
        });
      return reply.flash(req.t('account.saved')).redirect('/account', 303);
    },
  );

  const PasswordBody = Type.Object({
    current: Type.String({ minLength: 1, maxLength: 1024 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    _csrf: Type.Optional(Str()),
  });
  app.post(
    '/account/password',
    { config: { access: 'signed_in' }, schema: { body: PasswordBody }, attachValidation: true },
    async (req, reply) => {
      const account = await svc.getAccount(ctxOf(req));
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('account.title'),
          <AccountPage ctx={reply.viewContext()} account={account} errors={errors} />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(
        req,
        () => svc.changePassword(ctxOf(req), req.sessionId!, req.body.current, req.body.password),
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('account.passwordChanged')).redirect('/account', 303);
    },
  );

  // ----- two-factor enrolment -----
  app.get(
    '/account/two-factor',
    {
      config: { access: 'signed_in', duringMfa: true },
      schema: { querystring: Type.Object({ required: Type.Optional(Str(2)) }) },
    },
    async (req, reply) => {
      const account = await svc.getAccount(ctxOf(req));
      if (account.totpEnabled)
        return reply.page(req.t('mfa.setupTitle'), <TwoFactorEnabled ctx={reply.viewContext()} />);
      const { secret, uri } = await svc.startTotpEnrolment(ctxOf(req));
      const qr = await QRCode.toString(uri, { type: 'svg', margin: 1 });
      return reply.page(
        req.t('mfa.setupTitle'),
        <TwoFactorSetup ctx={reply.viewContext()} secret={secret} qrSvg={qr} required={!!req.query.required} />,
      );
    },
  );

  app.post(
    '/account/two-factor',
    {
      config: { access: 'signed_in', duringMfa: true },
      schema: {
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 12 }), _csrf: Type.Optional(Str()) }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const rerender = async (errors: FormErrors) => {
        const secret = await svc.pendingTotpSecret(ctxOf(req));
        if (!secret) return reply.redirect('/account/two-factor', 303);
        const qr = await QRCode.toString(
          (await import('../../platform/auth/totp.ts')).totpUri(secret, (req.actor as UserActor).email, 'CTCP'),
          { type: 'svg', margin: 1 },
        );
        return reply.page(
          req.t('mfa.setupTitle'),
          <TwoFactorSetup ctx={reply.viewContext()} secret={secret} qrSvg={qr} errors={errors} />,
          422,
        );
      };
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(
        req,
        () => svc.confirmTotpEnrolment(ctxOf(req), req.sessionId!, req.body.code),
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('mfa.enabled')).redirect('/account', 303);
    },
  );

  app.post(
    '/account/two-factor/disable',
    {
      config: { access: 'signed_in' },
      schema: {
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }), _csrf: Type.Optional(Str()) }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const account = await svc.getAccount(ctxOf(req));
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('account.title'),
          <AccountPage ctx={reply.viewContext()} account={account} errors={errors} />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => svc.disableTotp(ctxOf(req), req.body.password), rerender);
      if (done) return done;
      return reply.flash(req.t('mfa.disabled')).redirect('/account', 303);
    },
  );

  // ----- API tokens -----
  app.get('/account/tokens', { config: { access: { action: 'token.manage' } } }, async (req, reply) => {
    const tokens = await svc.listApiTokens(ctxOf(req));
    return reply.page(req.t('tokens.title'), <TokensPage ctx={reply.viewContext()} tokens={tokens} />);
  });

  const TokenBody = Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: Type.Union([Type.Literal('read'), Type.Literal('write')]),
    expiresInDays: Type.Optional(Type.String({ pattern: '^(|[0-9]{1,3})$' })),
    _csrf: Type.Optional(Str()),
  });
  app.post(
    '/account/tokens',
    { config: { access: { action: 'token.manage' } }, schema: { body: TokenBody }, attachValidation: true },
    async (req, reply) => {
      const tokens = await svc.listApiTokens(ctxOf(req));
      const errors = formErrors(req);
      if (errors)
        return reply.page(
          req.t('tokens.title'),
          <TokensPage ctx={reply.viewContext()} tokens={tokens} errors={errors} />,
          422,
        );
      const days = req.body.expiresInDays ? Number(req.body.expiresInDays) : null;
      const created = await svc.createApiToken(ctxOf(req), {
        name: req.body.name,
        scopes: [req.body.scope],
        expiresInDays: days || null,
      });
      const fresh = await svc.listApiTokens(ctxOf(req));
      return reply
        .code(201)
        .page(
          req.t('tokens.title'),
          <TokensPage ctx={reply.viewContext()} tokens={fresh} created={created.token} />,
          201,
        );
    },
  );

  app.post(
    '/account/tokens/:id/revoke',
    {
      config: { access: { action: 'token.manage' } },
      schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (req, reply) => {
      await svc.revokeApiToken(ctxOf(req), req.params.id);
      return reply.flash(req.t('tokens.revoked')).redirect('/account/tokens', 303);
    },
  );

  // ----- invitations -----
  const inviteChoices = async (req: FastifyRequest) => {
    const a = req.actor as UserActor;
    const orgs = await organizationChoices(
      { db, actor: a },
      req.locale,
      a.role === 'platform_admin' ? undefined : a.focalOrgIds,
    );
    return { orgs, roles: INVITABLE_ROLES[a.role] ?? [] };
  };
  app.get('/invitations/new', { config: { access: { action: 'invitation.create' } } }, async (req, reply) => {
    const choices = await inviteChoices(req);
    return reply.page(
      req.t('invitation.newTitle'),
      <InviteForm ctx={reply.viewContext()} {...choices} values={{ locale: req.locale }} />,
    );
  });

  const InviteBody = Type.Object({
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    organizationId: Type.Optional(Type.String({ maxLength: 36 })),
    focalPoint: Type.Optional(Type.Literal('on')),
    locale: Type.Union(LOCALES.map((l) => Type.Literal(l))),
    _csrf: Type.Optional(Str()),
  });
  app.post(
    '/invitations',
    { config: { access: { action: 'invitation.create' } }, schema: { body: InviteBody }, attachValidation: true },
    async (req, reply) => {
      const choices = await inviteChoices(req);
      const values = (req.body ?? {}) as Record<string, string>;
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('invitation.newTitle'),
          <InviteForm ctx={reply.viewContext()} {...choices} values={values} errors={errors} />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(
        req,
        () =>
          svc.createInvitation(ctxOf(req), {
            email: req.body.email,
            name: req.body.name,
            role: req.body.role as Role,
            organizationId: req.body.organizationId || null,
            focalPoint: checked(req.body.focalPoint),
            locale: req.body.locale as Locale,
          }),
        rerender,
      );
      if (done && 'statusCode' in (done as object)) return done;
      return reply.flash(req.t('invitation.sent', { email: req.body.email })).redirect('/invitations/new', 303);
    },
  );

  const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
  app.get(
    '/invitations/:token',
    { config: { access: 'public' }, schema: { params: TokenParams } },
    async (req, reply) => {
      const inv = await svc.findInvitation(db, req.params.token);
      if (!inv) throw new AppError('invitation_invalid', 410, 'invitation.invalid');
      return reply.page(
        req.t('invitation.acceptTitle'),
        <AcceptForm ctx={reply.viewContext()} email={inv.email} name={inv.name} />,
      );
    },
  );

  app.post(
    '/invitations/:token',
    {
      config: { access: 'public', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        params: TokenParams,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
          _csrf: Type.Optional(Str()),
        }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const inv = await svc.findInvitation(db, req.params.token);
      if (!inv) throw new AppError('invitation_invalid', 410, 'invitation.invalid');
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('invitation.acceptTitle'),
          <AcceptForm
            ctx={reply.viewContext()}
            email={inv.email}
            name={(req.body as { name?: string })?.name ?? inv.name}
            errors={errors}
          />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      let sessionToken = '';
      const done = await attempt(
        req,
        async () => {
          sessionToken = (await svc.acceptInvitation(ctxOf(req), req.params.token, req.body, req.headers['user-agent']))
            .sessionToken;
        },
        rerender,
      );
      if (done) return done;
      setSession(reply, sessionToken);
      return reply.flash(req.t('invitation.welcome')).redirect('/', 303);
    },
  );

  // ----- password reset -----
  app.get('/password/forgot', { config: { access: 'public' } }, async (req, reply) =>
    reply.page(req.t('reset.forgotTitle'), <ForgotForm ctx={reply.viewContext()} />),
  );

  app.post(
    '/password/forgot',
    {
      config: { access: 'public', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }), _csrf: Type.Optional(Str()) }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const errors = formErrors(req);
      if (errors)
        return reply.page(req.t('reset.forgotTitle'), <ForgotForm ctx={reply.viewContext()} errors={errors} />, 422);
      await svc.requestPasswordReset(ctxOf(req), req.body.email);
      return reply.page(req.t('reset.forgotTitle'), <ForgotForm ctx={reply.viewContext()} sent />);
    },
  );

  app.get(
    '/password/reset/:token',
    { config: { access: 'public' }, schema: { params: TokenParams } },
    async (req, reply) => {
      if (!(await svc.findReset(db, req.params.token))) throw new AppError('reset_invalid', 410, 'reset.invalid');
      return reply.page(req.t('reset.title'), <ResetForm ctx={reply.viewContext()} />);
    },
  );

  app.post(
    '/password/reset/:token',
    {
      config: { access: 'public', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        params: TokenParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }), _csrf: Type.Optional(Str()) }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const rerender = (errors: FormErrors) =>
        reply.page(req.t('reset.title'), <ResetForm ctx={reply.viewContext()} errors={errors} />, 422);
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(
        req,
        () => svc.resetPassword(ctxOf(req), req.params.token, req.body.password),
        rerender,
      );
      if (done) return done;
      return reply.flash(req.t('reset.done')).redirect('/sign-in', 303);
    },
  );
}

// ---------- views ----------

function SignInForm({
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action="/sign-in">
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
      <p>
        <a href="/password/forgot">{t('signIn.forgot')}</a>
      </p>
    </section>
  );
}

function TwoFactorForm({ ctx, next, errors }: { ctx: ViewContext; next?: string; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('mfa.title')}</h1>
      <p>{t('mfa.prompt')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action="/sign-in/two-factor">
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
    </section>
  );
}

function TwoFactorSetup({
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

function TwoFactorEnabled({ ctx }: { ctx: ViewContext }) {
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

const COMMON_ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Geneva',
  'Europe/Vienna',
  'Africa/Nairobi',
  'Asia/Bangkok',
  'Asia/Beirut',
  'Asia/Riyadh',
  'Asia/Shanghai',
  'Europe/Moscow',
  'America/Santiago',
];

function AccountPage({
  ctx,
  account,
  errors,
}: {
  ctx: ViewContext;
  account: Awaited<ReturnType<typeof svc.getAccount>>;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const zones = COMMON_ZONES.includes(account.timeZone) ? COMMON_ZONES : [account.timeZone, ...COMMON_ZONES];
  const zoneList =
    (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? zones;
  const allZones = [...new Set(['UTC', ...zones, ...zoneList])];
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
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
            <Select
              name="timeZone"
              label={t('field.timeZone')}
              value={account.timeZone}
              options={allZones.map((z) => ({ value: z, label: z }))}
              error={errors?.timeZone}
            />
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
      <h2>{t('tokens.title')}</h2>
      <p>
        <a href="/account/tokens">{t('tokens.manage')}</a>
      </p>
    </section>
  );
}

function TokensPage({
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
        <table>
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
                <td>{tk.name}</td>
                <td dir="ltr">
                  <code>{tk.prefix}…</code>
                </td>
                <td>{tk.scopes.map((s) => t(`tokens.scope.${s}`)).join(', ')}</td>
                <td>{tk.lastUsedAt ? formatDate(ctx.locale, tk.lastUsedAt, ctx.timeZone) : '—'}</td>
                <td>
                  {tk.revokedAt
                    ? t('tokens.revokedStatus')
                    : tk.expiresAt && tk.expiresAt < new Date()
                      ? t('tokens.expired')
                      : t('tokens.active')}
                </td>
                <td>
                  {tk.revokedAt ? null : (
                    <PostForm ctx={ctx} action={`/account/tokens/${tk.id}/revoke`} class="inline">
                      <button type="submit" class="secondary">
                        {t('tokens.revoke')}
                      </button>
                    </PostForm>
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

function InviteForm({
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action="/invitations">
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

function AcceptForm({
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action={ctx.path}>
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

function ForgotForm({ ctx, errors, sent }: { ctx: ViewContext; errors?: FormErrors; sent?: boolean }) {
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action="/password/forgot">
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

function ResetForm({ ctx, errors }: { ctx: ViewContext; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <section class="narrow">
      <h1>{t('reset.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action={ctx.path}>
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
