// HTML pages for accounts: sign-in, two-factor, sign-out, language, settings, tokens, invitations, password reset.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import QRCode from 'qrcode';
import { ROLES, type Role } from '../../platform/auth/auth.schema.ts';
import { isUser, type UserActor } from '../../platform/auth/policy.ts';
import { sessionCookieName } from '../../platform/auth/session.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { attempt, checked, formErrors } from '../../platform/http/forms.ts';
import { LANG_COOKIE, confirmation, ctxOf } from '../../platform/http/index.ts';
import { LOCALES, isLocale, type Locale } from '../../platform/i18n/index.ts';
import type { FormErrors } from '../../platform/views/components.tsx';
import { INVITABLE_ROLES } from './access.policy.ts';
import * as svc from './access.service.ts';
import { organizationChoices } from '../directory/index.ts';
import {
  SignInForm,
  TwoFactorForm,
  TwoFactorSetup,
  TwoFactorEnabled,
  AccountPage,
  TokensPage,
  InviteForm,
  AcceptForm,
  ForgotForm,
  ResetForm,
  TimeZonePage,
} from './access.views.tsx';

import { safeNext, setSessionCookie } from './session-http.ts';

const Str = (max = 200) => Type.String({ maxLength: max });

export default async function accessRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config, db } = app.platform;
  const secure = config.secureCookies;
  const cookieOpts = { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };
  const setSession = (reply: FastifyReply, token: string) => setSessionCookie(reply, config, token);

  // ----- sign-in -----
  const SignInBody = Type.Object({
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    next: Type.Optional(Str(500)),
    _csrf: Type.Optional(Str()),
  });

  app.get(
    '/sign-in',
    {
      config: { access: 'public', noStore: true },
      schema: { querystring: Type.Object({ next: Type.Optional(Str(500)) }) },
    },
    async (req, reply) => {
      if (isUser(req.actor)) return reply.redirect(safeNext(req.query.next), 303);
      return reply.page(req.t('signIn.title'), <SignInForm ctx={reply.viewContext()} next={req.query.next} />);
    },
  );

  app.post(
    '/sign-in',
    {
      config: { access: 'public', noStore: true, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
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
      return reply.redirect(await svc.nextAfterSignIn(db, r.userId, safeNext(req.body.next)), 303);
    },
  );

  app.get(
    '/sign-in/two-factor',
    {
      config: { access: 'mfa_pending', noStore: true },
      schema: { querystring: Type.Object({ next: Type.Optional(Str(500)) }) },
    },
    async (req, reply) => {
      return reply.page(req.t('mfa.title'), <TwoFactorForm ctx={reply.viewContext()} next={req.query.next} />);
    },
  );

  app.post(
    '/sign-in/two-factor',
    {
      config: {
        access: 'mfa_pending',
        noStore: true,
        rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' },
      },
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
      const r = await svc.verifySecondFactor(ctxOf(req), req.pendingMfaUserId, req.sessionId, req.body.code);
      if (!r.ok && r.ended) {
        // Too many wrong codes: the pending sign-in is over and the account locked for a while.
        reply.clearCookie(sessionCookieName(secure), cookieOpts);
        return reply.page(
          req.t('signIn.title'),
          <SignInForm ctx={reply.viewContext()} errors={{ email: req.t('mfa.tooManyAttempts') }} />,
          401,
        );
      }
      if (!r.ok)
        return reply.page(
          req.t('mfa.title'),
          <TwoFactorForm ctx={reply.viewContext()} next={req.body.next} errors={{ code: req.t('mfa.wrongCode') }} />,
          401,
        );
      setSession(reply, r.token);
      return reply.redirect(await svc.nextAfterSignIn(db, req.pendingMfaUserId, safeNext(req.body.next)), 303);
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
      // A GET changes no stored state: the cookie chooses the pages' language on this browser; the account's own
      // language (for its e-mails) changes in the account settings, by POST.
      reply.setCookie(LANG_COOKIE, code, { path: '/', httpOnly: true, secure, sameSite: 'lax', maxAge: 365 * 86400 });
      return reply.redirect(safeNext(req.query.next), 303);
    },
  );

  // ----- account -----
  app.get('/account', { config: { access: 'signed_in' } }, async (req, reply) => {
    const account = await svc.getAccount(ctxOf(req));
    return reply.page(req.t('account.title'), <AccountPage ctx={reply.viewContext()} account={account} />);
  });

  // Sizes only: presence and choices are checked by the service, every field in one pass.
  const SettingsBody = Type.Object({
    name: Type.String({ maxLength: 200 }),
    locale: Type.String({ maxLength: 5 }),
    timeZone: Type.String({ maxLength: 64 }),
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
      const rerendered = await attempt(req, () => svc.updateSettings(ctxOf(req), req.body), rerender);
      if (rerendered) return reply;
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

  // ----- time zone: the question after the first sign-in (and whenever the person comes back to it) -----
  const NextQuery = Type.Object({ next: Type.Optional(Str(500)) });
  const timeZonePage = async (req: FastifyRequest, reply: FastifyReply, next: string, errors?: FormErrors) => {
    const q = await svc.timeZoneQuestion(ctxOf(req), req.locale);
    const chosen = (req.body as { timeZone?: string } | undefined)?.timeZone;
    return reply.page(
      req.t('zone.title'),
      <TimeZonePage
        ctx={reply.viewContext()}
        zone={errors && chosen ? chosen : q.zone}
        confirmed={q.confirmed}
        country={q.country}
        next={next}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };
  app.get(
    '/account/time-zone',
    { config: { access: 'signed_in', noStore: true }, schema: { querystring: NextQuery } },
    async (req, reply) => timeZonePage(req, reply, safeNext(req.query.next)),
  );
  app.post(
    '/account/time-zone',
    {
      config: { access: 'signed_in' },
      schema: {
        body: Type.Object({
          timeZone: Type.Optional(Str(64)),
          next: Type.Optional(Str(500)),
          _csrf: Type.Optional(Str()),
        }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const next = safeNext((req.body as { next?: string } | undefined)?.next);
      const errors = formErrors(req);
      if (errors) return timeZonePage(req, reply, next, errors);
      const rerendered = await attempt(
        req,
        () => svc.confirmTimeZone(ctxOf(req), req.body.timeZone ?? ''),
        (e) => timeZonePage(req, reply, next, e),
      );
      if (rerendered) return reply;
      return reply.flash(req.t('zone.saved')).redirect(next, 303);
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
      const rerendered = await attempt(
        req,
        () => svc.changePassword(ctxOf(req), req.sessionId!, req.body.current, req.body.password),
        rerender,
      );
      if (rerendered) return reply;
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
      const rerendered = await attempt(
        req,
        async () => {
          // The session that confirmed is replaced by a verified one: its new token becomes the cookie.
          setSession(reply, await svc.confirmTotpEnrolment(ctxOf(req), req.sessionId!, req.body.code));
        },
        rerender,
      );
      if (rerendered) return reply;
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
      const rerendered = await attempt(req, () => svc.disableTotp(ctxOf(req), req.body.password), rerender);
      if (rerendered) return reply;
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

  const ApiTokenParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  confirmation(
    app,
    '/account/tokens/:id/revoke',
    { config: { access: { action: 'token.manage' } }, params: ApiTokenParams },
    async (req) => {
      const tk = (await svc.listApiTokens(ctxOf(req))).find((x) => x.id === req.params.id && !x.revokedAt);
      if (!tk) throw notFound();
      return {
        title: req.t('tokens.confirm.revoke.title'),
        question: req.t('tokens.confirm.revoke.question', { name: tk.name, prefix: tk.prefix }),
        button: req.t('tokens.confirm.revoke.button'),
        back: '/account/tokens',
        breadcrumb: [
          { href: '/account', label: req.t('account.title') },
          { href: '/account/tokens', label: req.t('tokens.title') },
        ],
      };
    },
  );
  app.post(
    '/account/tokens/:id/revoke',
    { config: { access: { action: 'token.manage' }, confirm: true }, schema: { params: ApiTokenParams } },
    async (req, reply) => {
      await svc.revokeApiToken(ctxOf(req), req.params.id);
      return reply.flash(req.t('tokens.revoked')).redirect('/account/tokens', 303);
    },
  );

  // ----- invitations -----
  const inviteChoices = async (req: FastifyRequest) => {
    const a = req.actor as UserActor;
    const orgs = await organizationChoices(ctxOf(req), req.locale, {
      onlyIds: a.role === 'platform_admin' ? undefined : a.focalOrgIds,
    });
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
      const rerendered = await attempt(
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
      if (rerendered) return reply;
      return reply.flash(req.t('invitation.sent', { email: req.body.email })).redirect('/invitations/new', 303);
    },
  );

  const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
  app.get(
    '/invitations/:token',
    { config: { access: 'public', noStore: true }, schema: { params: TokenParams } },
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
      config: { access: 'public', noStore: true, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        params: TokenParams,
        body: Type.Object({
          name: Type.String({ maxLength: 200 }),
          password: Type.String({ maxLength: 1024 }),
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
      let userId = '';
      const rerendered = await attempt(
        req,
        async () => {
          ({ sessionToken, userId } = await svc.acceptInvitation(
            ctxOf(req),
            req.params.token,
            req.body,
            req.headers['user-agent'],
          ));
        },
        rerender,
      );
      if (rerendered) return reply;
      setSession(reply, sessionToken);
      return reply.flash(req.t('invitation.welcome')).redirect(await svc.nextAfterSignIn(db, userId, '/'), 303);
    },
  );

  // ----- password reset -----
  app.get('/password/forgot', { config: { access: 'public', noStore: true } }, async (req, reply) =>
    reply.page(req.t('reset.forgotTitle'), <ForgotForm ctx={reply.viewContext()} />),
  );

  app.post(
    '/password/forgot',
    {
      config: { access: 'public', noStore: true, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
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
    { config: { access: 'public', noStore: true }, schema: { params: TokenParams } },
    async (req, reply) => {
      if (!(await svc.findReset(db, req.params.token))) throw new AppError('reset_invalid', 410, 'reset.invalid');
      return reply.page(req.t('reset.title'), <ResetForm ctx={reply.viewContext()} />);
    },
  );

  app.post(
    '/password/reset/:token',
    {
      config: { access: 'public', noStore: true, rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
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
      const rerendered = await attempt(
        req,
        () => svc.resetPassword(ctxOf(req), req.params.token, req.body.password),
        rerender,
      );
      if (rerendered) return reply;
      return reply.flash(req.t('reset.done')).redirect('/sign-in', 303);
    },
  );
}
