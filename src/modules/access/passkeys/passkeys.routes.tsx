// HTML pages for passkeys and recovery codes: the account's passkeys page, removing a passkey (with the password),
// new recovery codes, and a recovery code as the second step of sign-in. The WebAuthn ceremonies are JSON
// (passkeys.api.ts).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../platform/http/errors.ts';
import { attempt, formErrors } from '../../../platform/http/forms.ts';
import { ctxOf } from '../../../platform/http/index.ts';
import type { FormErrors } from '../../../platform/views/components.tsx';
import { TwoFactorForm } from '../access.views.tsx';
import { nextAfterSignIn } from '../access.service.ts';
import { safeNext, setSessionCookie } from '../session-http.ts';
import * as svc from './passkeys.service.ts';
import { PasskeysPage, RemovePasskeyPage } from './passkeys.views.tsx';

const Str = (max = 200) => Type.String({ maxLength: max });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export default async function passkeyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.platform;

  // Reachable while a role's required second factor is not enrolled yet: a passkey is one.
  app.get('/account/passkeys', { config: { access: 'signed_in', duringMfa: true } }, async (req, reply) => {
    const passkeys = await svc.listPasskeys(ctxOf(req));
    const recovery = await svc.myRecoveryStatus(ctxOf(req));
    return reply.page(
      req.t('passkeys.title'),
      <PasskeysPage ctx={reply.viewContext()} passkeys={passkeys} recovery={recovery} />,
    );
  });

  app.get(
    '/account/passkeys/:id/remove',
    { config: { access: 'signed_in' }, schema: { params: IdParams } },
    async (req, reply) => {
      const passkey = await svc.getPasskey(ctxOf(req), req.params.id);
      return reply.page(
        req.t('passkeys.removeTitle'),
        <RemovePasskeyPage ctx={reply.viewContext()} passkey={passkey} />,
      );
    },
  );

  const PasswordBody = Type.Object({
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    _csrf: Type.Optional(Str()),
  });

  app.post(
    '/account/passkeys/:id/remove',
    { config: { access: 'signed_in' }, schema: { params: IdParams, body: PasswordBody }, attachValidation: true },
    async (req, reply) => {
      const passkey = await svc.getPasskey(ctxOf(req), req.params.id);
      const rerender = (errors: FormErrors) =>
        reply.page(
          req.t('passkeys.removeTitle'),
          <RemovePasskeyPage ctx={reply.viewContext()} passkey={passkey} errors={errors} />,
          422,
        );
      const errors = formErrors(req);
      if (errors) return rerender(errors);
      const done = await attempt(req, () => svc.removePasskey(ctxOf(req), passkey.id, req.body.password), rerender);
      if (done) return reply;
      return reply.flash(req.t('passkeys.removed')).redirect('/account/passkeys', 303);
    },
  );

  app.post(
    '/account/recovery-codes',
    { config: { access: 'signed_in' }, schema: { body: PasswordBody }, attachValidation: true },
    async (req, reply) => {
      const render = async (status: number, codes?: string[], errors?: FormErrors) => {
        const passkeys = await svc.listPasskeys(ctxOf(req));
        const recovery = await svc.myRecoveryStatus(ctxOf(req));
        return reply.page(
          req.t('passkeys.title'),
          <PasskeysPage
            ctx={reply.viewContext()}
            passkeys={passkeys}
            recovery={recovery}
            codes={codes}
            errors={errors}
          />,
          status,
        );
      };
      const errors = formErrors(req);
      if (errors) return render(422, undefined, errors);
      let codes: string[] = [];
      const done = await attempt(
        req,
        async () => {
          codes = await svc.generateRecoveryCodes(ctxOf(req), req.body.password);
        },
        (errs) => render(422, undefined, errs),
      );
      if (done) return reply;
      return render(201, codes);
    },
  );

  app.post(
    '/sign-in/two-factor/recovery',
    {
      config: { access: 'mfa_pending', rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        body: Type.Object({
          recoveryCode: Type.String({ minLength: 1, maxLength: 40 }),
          next: Type.Optional(Str(500)),
          _csrf: Type.Optional(Str()),
        }),
      },
      attachValidation: true,
    },
    async (req, reply) => {
      if (!req.pendingMfaUserId || !req.sessionId) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
      const next = (req.body as { next?: string } | undefined)?.next;
      const refuse = (errors: FormErrors, status: number) =>
        reply.page(req.t('mfa.title'), <TwoFactorForm ctx={reply.viewContext()} next={next} errors={errors} />, status);
      const errors = formErrors(req);
      if (errors) return refuse(errors, 422);
      const r = await svc.useRecoveryCode(ctxOf(req), {
        userId: req.pendingMfaUserId,
        sessionId: req.sessionId,
        code: req.body.recoveryCode,
      });
      if (!r) return refuse({ recoveryCode: req.t('recovery.wrongCode') }, 401);
      if (r.token) setSessionCookie(reply, config, r.token);
      const left = await svc.recoveryStatus(app.platform.db, req.pendingMfaUserId);
      return reply
        .flash(req.t('recovery.usedOne', { count: left.remaining }))
        .redirect(await nextAfterSignIn(app.platform.db, req.pendingMfaUserId, safeNext(next)), 303);
    },
  );
}
