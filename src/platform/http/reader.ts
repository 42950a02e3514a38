// The reader: who is asking (a session cookie for pages, a bearer API token for /api/*, turned into an Actor by the
// access module's resolveCredential) and in which language.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.ts';
import { ANONYMOUS, type Actor } from '../auth/policy.ts';
import { requiresMfa } from '../auth/classification.ts';
import { sessionCookieName } from '../auth/session.ts';
import { DEFAULT_LOCALE, fromAcceptLanguage, isLocale, translator, type Locale, type T } from '../i18n/index.ts';
import { LANG_COOKIE, isApi } from './platform.ts';

export interface LoadedUser {
  actor: Actor & { kind: 'user' };
  totpEnabled: boolean;
  locale: Locale;
  timeZone: string;
  /** The person chose or confirmed their zone (otherwise it is the default, UTC). */
  timeZoneConfirmed: boolean;
}
export interface ResolvedCredential extends LoadedUser {
  credentialId: string;
  mfaVerified: boolean;
}
/** Turns a session cookie or an API token into its user (supplied by the access module). */
export type ResolveCredential = (
  database: Database,
  kind: 'session' | 'token',
  raw: string,
  times: { idleMinutes: number; maxHours: number },
) => Promise<ResolvedCredential | null>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: T;
    timeZone: string;
    timeZoneConfirmed: boolean;
    sessionId: string | null;
    /** Signed in with a password, second factor still to give. */
    pendingMfaUserId: string | null;
    /** Signed in, in a role that requires a second factor, none enrolled yet. */
    mfaEnrolmentRequired: boolean;
  }
}

async function reader(app: FastifyInstance, { resolveCredential }: { resolveCredential: ResolveCredential }) {
  const { config, database } = app.platform;
  const secure = config.secureCookies;
  const sessionCookie = sessionCookieName(secure);

  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('timeZone', 'UTC');
  app.decorateRequest('timeZoneConfirmed', false);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('pendingMfaUserId', null);
  app.decorateRequest('mfaEnrolmentRequired', false);

  app.addHook('onRequest', async (req, reply) => {
    req.actor = ANONYMOUS;
    let loaded: LoadedUser | null = null;
    const times = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
    if (isApi(req)) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) loaded = await resolveCredential(database, 'token', auth.slice(7).trim(), times);
    } else {
      const token = req.cookies[sessionCookie];
      if (token) {
        const u = await resolveCredential(database, 'session', token, times);
        if (u) {
          req.sessionId = u.credentialId;
          if (u.totpEnabled && !u.mfaVerified) {
            req.pendingMfaUserId = u.actor.userId;
            req.locale = u.locale;
          } else {
            loaded = u;
            req.mfaEnrolmentRequired = !u.totpEnabled && requiresMfa(u.actor.role);
          }
        } else {
          reply.clearCookie(sessionCookie, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
        }
      }
    }
    if (loaded) {
      req.actor = loaded.actor;
      req.timeZone = loaded.timeZone;
      req.timeZoneConfirmed = loaded.timeZoneConfirmed;
    }
    // Pages: the language chosen on this browser (the cookie the language menu and the account settings set), then
    // the user's setting, then Accept-Language. API: the client's Accept-Language first (a program asks for what it
    // can show), then the user's setting.
    const cookieLang = req.cookies[LANG_COOKIE];
    const accepted = fromAcceptLanguage(req.headers['accept-language']);
    req.locale = isApi(req)
      ? (accepted ?? loaded?.locale ?? DEFAULT_LOCALE)
      : ((isLocale(cookieLang) ? cookieLang : undefined) ??
        loaded?.locale ??
        (req.pendingMfaUserId ? req.locale : undefined) ??
        accepted ??
        DEFAULT_LOCALE);
    req.t = translator(req.locale);
  });
}

export default fp(reader, { name: 'ctcp-reader' });
