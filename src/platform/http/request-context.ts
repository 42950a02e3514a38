// What a route hands to a service: the database, the configuration, the reader and their address. Services take
// the part they need (their own *Context interface); routes write `svc.doSomething(ctxOf(req), …)`.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Actor } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';

export interface RequestContext {
  db: Db;
  config: Config;
  actor: Actor;
  ip: string;
}

export const ctxOf = (req: FastifyRequest): RequestContext => ({
  db: req.server.platform.db,
  config: req.server.platform.config,
  actor: req.actor,
  ip: req.ip,
});
