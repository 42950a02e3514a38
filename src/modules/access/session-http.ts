// What the access module's page and JSON routes share about the session cookie and where to go after sign-in.
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import { sessionCookieName } from '../../platform/auth/session.ts';

/**
 * A local path to return to after sign-in or a language switch; anything
 * else becomes '/'. Non-ASCII is percent-encoded for the Location header.
 */
export const safeNext = (n: unknown) =>
  typeof n === 'string' && /^\/(?!\/)[^\s\\]*$/.test(n)
    ? n.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))
    : '/';

export const sessionCookieOptions = (config: Pick<Config, 'secureCookies'>) => ({
  path: '/',
  httpOnly: true,
  secure: config.secureCookies,
  sameSite: 'lax' as const,
});

/** Sets the session cookie (a new session after sign-in, or the replacement one after the second factor). */
export const setSessionCookie = (reply: FastifyReply, config: Config, token: string) =>
  reply.setCookie(sessionCookieName(config.secureCookies), token, {
    ...sessionCookieOptions(config),
    maxAge: config.sessionMaxHours * 3600,
  });
