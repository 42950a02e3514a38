// Route access, declared on every route as `config.access`. No declaration = deny (403). Anonymous page requests go
// to sign-in; a pending second factor reaches only the two-factor step; a missing required enrolment goes to it.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { can, isUser, type Actor, type RouteAccess } from '../auth/policy.ts';
import { AppError } from './errors.ts';
import { isApi } from './platform.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable while a role's required second factor is not yet enrolled (the enrolment pages, sign-out). */
    duringMfa?: boolean;
  }
}

/**
 * Whether a route's declared access admits this reader once signed in as they are: the check every request passes
 * (below), and the one the main navigation asks of the page each link opens (rendering.tsx). No declaration: no.
 */
export function routeAdmits(actor: Actor, access: RouteAccess | undefined): boolean {
  if (access === undefined || access === 'mfa_pending') return false;
  if (access === 'public') return true;
  if (!isUser(actor)) return false;
  return access === 'signed_in' || can(actor, access.action);
}

async function routeAccess(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config;
    const access = cfg?.access;
    if (req.routeOptions.url === undefined) return; // 404 handler
    if (access === undefined) throw new AppError('permission_not_set', 403, 'errors.forbidden');
    if (access === 'public') return;
    if (access === 'mfa_pending') {
      // The second step of sign-in: only a session whose password was accepted and whose second factor is pending.
      if (req.pendingMfaUserId) return;
      if (req.method === 'GET') return reply.redirect('/sign-in', 303);
      throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
    }
    if (!isUser(req.actor)) {
      // A session still giving its second factor reaches only the sign-in steps and public routes (sign-out is one):
      // everything else, the enrolment pages included, sends it back to the second factor.
      if (!isApi(req) && req.method === 'GET') {
        const target = req.pendingMfaUserId ? '/sign-in/two-factor' : `/sign-in?next=${encodeURIComponent(req.url)}`;
        return reply.redirect(target, 303);
      }
      throw new AppError('unauthenticated', 401, 'errors.unauthenticated');
    }
    if (req.mfaEnrolmentRequired && !cfg.duringMfa) {
      if (req.method === 'GET') return reply.redirect('/account/two-factor?required=1', 303);
      throw new AppError('mfa_required', 403, 'errors.mfaRequired');
    }
    if (!routeAdmits(req.actor, access)) throw new AppError('forbidden', 403, 'errors.forbidden');
  });
}

export default fp(routeAccess, { name: 'ctcp-route-access' });
