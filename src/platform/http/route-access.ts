// Route access, declared on every route as `config.access`. No declaration = deny (403). Anonymous page requests go
// to sign-in; a pending second factor reaches only the two-factor step; a missing required enrolment goes to it.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { can, isUser, type RouteAccess } from '../auth/policy.ts';
import { AppError } from './errors.ts';
import { isApi } from './platform.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable while a role's required second factor is not yet enrolled (the enrolment pages, sign-out). */
    duringMfa?: boolean;
  }
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
    if (access === 'signed_in') return;
    if (!can(req.actor, access.action)) throw new AppError('forbidden', 403, 'errors.forbidden');
  });
}

export default fp(routeAccess, { name: 'ctcp-route-access' });
