// The reader: who is asking (a session cookie for pages, a bearer API token for /api/*, turned into an Actor by the
// access module's resolveCredential) and in which language. Resolved credentials are kept a few seconds
// (config.credentialCacheSeconds, keyed by the token's hash) while the change channel listens; any change of a user's
// credentials or rights, made through any process, drops that user's entries at once (the 'cred' topic).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.ts';
import { ANONYMOUS, type Actor } from '../auth/policy.ts';
import { requiresMfa } from '../auth/classification.ts';
import { sessionCookieName, sha256 } from '../auth/session.ts';
import type { ChangeChannel } from '../changes/changes.ts';
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
  /** Until when (ms since the epoch) the answer holds unless something changes: expiry, idle time. */
  validUntil?: number;
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

const CACHE_ENTRIES = 1000;

/**
 * Resolved credentials kept for a few seconds. Safe because whatever ends a credential or changes its user's rights
 * is announced on the change channel by database triggers (drizzle/0029_live_changes.sql) when it commits, and
 * drops the user's entries here; nothing is kept while the channel does not listen (a message could be missed), an
 * answer read while a change arrived is not kept (it may predate it), and no entry outlives the credential's expiry
 * or idle time. Keyed by the SHA-256 of the token; a message names only a user id.
 */
export class CredentialCache {
  private entries = new Map<string, { until: number; cred: ResolvedCredential }>();
  /** Counts the changes heard: an answer whose lookup saw one is not kept. */
  private generation = 0;

  constructor(
    private changes: ChangeChannel,
    private seconds: number,
  ) {
    if (!seconds) return;
    changes.subscribe('cred', (c) => this.dropUser(typeof c.u === 'string' ? c.u : null));
    changes.onState(() => this.dropUser(null));
  }

  /** Drops a user's entries (null: every entry). */
  dropUser(userId: string | null): void {
    this.generation++;
    if (!userId) this.entries.clear();
    else for (const [key, e] of this.entries) if (e.cred.actor.userId === userId) this.entries.delete(key);
  }

  async resolve(kind: 'session' | 'token', raw: string, lookup: () => Promise<ResolvedCredential | null>) {
    if (!this.seconds || !this.changes.live) return lookup();
    const key = `${kind}:${sha256(raw)}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now < hit.until) return hit.cred;
    if (hit) this.entries.delete(key);
    const seen = this.generation;
    const cred = await lookup();
    if (cred && this.changes.live && seen === this.generation) {
      if (this.entries.size >= CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      const until = Math.min(now + this.seconds * 1000, cred.validUntil ?? Number.POSITIVE_INFINITY);
      this.entries.set(key, { until, cred });
    }
    return cred;
  }
}

async function reader(app: FastifyInstance, { resolveCredential }: { resolveCredential: ResolveCredential }) {
  const { config, database, changes } = app.platform;
  const cache = new CredentialCache(changes, config.credentialCacheSeconds);
  const resolve = (kind: 'session' | 'token', raw: string, times: { idleMinutes: number; maxHours: number }) =>
    cache.resolve(kind, raw, () => resolveCredential(database, kind, raw, times));
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
      if (auth?.startsWith('Bearer ')) loaded = await resolve('token', auth.slice(7).trim(), times);
    } else {
      const token = req.cookies[sessionCookie];
      if (token) {
        const u = await resolve('session', token, times);
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
