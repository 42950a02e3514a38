// What the HTTP layer knows of the process: its configuration, database, change channel, navigation and route
// table. Decorated on the Fastify instance as `app.platform`; also the small request predicates every HTTP plugin
// shares.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { NavEntry } from '../views/context.ts';
import type { ChangeChannel } from '../changes/changes.ts';

export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  /** Changes announced by any app process (platform/changes): live views, kept pages and credentials follow them. */
  changes: ChangeChannel;
  /** The main navigation's entries, in order. */
  nav: NavEntry[];
  /** Every route as registered (method, url, declared access). */
  routes: RouteInfo[];
}

export interface RouteInfo {
  method: string;
  url: string;
  access: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
}

export const FLASH_COOKIE = 'ctcp_flash';
export const LANG_COOKIE = 'ctcp_lang';

export const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');
export const wantsJson = (req: FastifyRequest) =>
  isApi(req) || (!!req.headers.accept?.includes('application/json') && !req.headers.accept.includes('text/html'));
export const isSafeMethod = (req: FastifyRequest) =>
  req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
