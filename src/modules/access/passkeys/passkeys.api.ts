// JSON routes for passkeys. The WebAuthn ceremonies run in the browser's session (cookie and CSRF header, called by
// static/passkeys.js): options, then verification. The /api/v1 routes (bearer token) list and remove one's
// passkeys and tell how many recovery codes remain.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { AppError } from '../../../platform/http/errors.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { errorResponses } from '../../../platform/http/api.ts';
import { nextAfterSignIn } from '../access.service.ts';
import { safeNext, setSessionCookie } from '../session-http.ts';
import * as svc from './passkeys.service.ts';

const Str = (max = 200) => Type.String({ maxLength: max });
/** A PublicKeyCredential as JSON (toJSON()); the library checks the inside. */
const CredentialJson = Type.Object({
  id: Str(1024),
  rawId: Str(1024),
  type: Str(40),
  response: Type.Object({
    clientDataJSON: Str(8192),
    attestationObject: Type.Optional(Str(65536)),
    authenticatorData: Type.Optional(Str(65536)),
    signature: Type.Optional(Str(8192)),
    userHandle: Type.Optional(Type.Union([Str(1024), Type.Null()])),
    transports: Type.Optional(Type.Array(Str(40), { maxItems: 10 })),
  }),
  authenticatorAttachment: Type.Optional(Type.Union([Str(40), Type.Null()])),
  clientExtensionResults: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const Redirect = Type.Object({ redirect: Type.String() });
const PasskeyOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const ceremony = { tags: ['passkeys'], hide: true };

export default async function passkeyApi(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.platform;
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };
  const security = [{ bearer: [] }];
  const asResponse = <T>(r: unknown) => ({ clientExtensionResults: {}, ...(r as object) }) as T;

  // ----- registration (a signed-in browser session) -----
  // Also while a role's required second factor is not enrolled yet: a passkey is one.
  app.post(
    '/account/passkeys/options',
    { config: { access: 'signed_in', duringMfa: true }, schema: { ...ceremony } },
    async (req) => svc.registrationOptions(ctxOf(req)),
  );

  app.post(
    '/account/passkeys',
    {
      config: { access: 'signed_in', duringMfa: true },
      schema: {
        ...ceremony,
        body: Type.Object({ name: Str(200), response: CredentialJson }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const r = await svc.registerPasskey(ctxOf(req), {
        name: req.body.name,
        response: asResponse<RegistrationResponseJSON>(req.body.response),
        sessionId: req.sessionId,
      });
      // The first passkey is the second factor just given: the session was replaced by a verified one.
      if (r.token) setSessionCookie(reply, config, r.token);
      return reply.code(201).send({ id: r.id });
    },
  );

  // ----- second factor (after the password) -----
  app.post(
    '/sign-in/two-factor/passkey/options',
    { config: { access: 'mfa_pending', ...limited }, schema: { ...ceremony } },
    async (req) => {
      if (!req.pendingMfaUserId) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
      return svc.secondFactorOptions(ctxOf(req), req.pendingMfaUserId);
    },
  );

  app.post(
    '/sign-in/two-factor/passkey',
    {
      config: { access: 'mfa_pending', ...limited },
      schema: {
        ...ceremony,
        body: Type.Object({ response: CredentialJson, next: Type.Optional(Str(500)) }),
        response: { 200: Redirect },
      },
    },
    async (req, reply) => {
      if (!req.pendingMfaUserId || !req.sessionId) throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
      const r = await svc.verifyPasskeySecondFactor(ctxOf(req), {
        userId: req.pendingMfaUserId,
        sessionId: req.sessionId,
        response: asResponse<AuthenticationResponseJSON>(req.body.response),
      });
      if (r.token) setSessionCookie(reply, config, r.token);
      return { redirect: await nextAfterSignIn(app.platform.db, req.pendingMfaUserId, safeNext(req.body.next)) };
    },
  );

  // ----- passwordless sign-in (usernameless: the passkey names the account) -----
  app.post(
    '/sign-in/passkey/options',
    { config: { access: 'public', ...limited }, schema: { ...ceremony } },
    async (req) => svc.passwordlessOptions(ctxOf(req)),
  );

  app.post(
    '/sign-in/passkey',
    {
      config: { access: 'public', ...limited },
      schema: {
        ...ceremony,
        body: Type.Object({ response: CredentialJson, next: Type.Optional(Str(500)) }),
        response: { 200: Redirect },
      },
    },
    async (req, reply) => {
      const r = await svc.signInWithPasskey(ctxOf(req), {
        response: asResponse<AuthenticationResponseJSON>(req.body.response),
        userAgent: req.headers['user-agent'],
        previousSessionId: req.sessionId,
      });
      setSessionCookie(reply, config, r.token);
      return { redirect: await nextAfterSignIn(app.platform.db, r.userId, safeNext(req.body.next)) };
    },
  );

  // ----- /api/v1 (bearer token) -----
  app.get(
    '/api/v1/account/passkeys',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['access'],
        security,
        summary: "The token holder's passkeys",
        response: { 200: Type.Object({ data: Type.Array(PasskeyOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const rows = await svc.listPasskeys(ctxOf(req));
      return {
        data: rows.map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: p.createdAt.toISOString(),
          lastUsedAt: p.lastUsedAt ? p.lastUsedAt.toISOString() : null,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/account/passkeys/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['access'],
        security,
        summary: 'Remove one of my passkeys (the password again)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.removePasskey(ctxOf(req), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/account/recovery-codes',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['access'],
        security,
        summary: 'How many of my recovery codes remain unused',
        response: {
          200: Type.Object({ remaining: Type.Integer(), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => svc.myRecoveryStatus(ctxOf(req)),
  );
}
