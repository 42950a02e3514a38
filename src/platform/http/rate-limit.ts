// Rate limits: none globally; routes that need one (sign-in, password reset, invitations…) declare
// `config.rateLimit`, counted by @fastify/rate-limit.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';

async function rateLimits(app: FastifyInstance) {
  await app.register(rateLimit, { global: false });
}

export default fp(rateLimits, { name: 'ctcp-rate-limit' });
