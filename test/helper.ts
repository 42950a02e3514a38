// Test harness: one database per test file (in-memory PGlite, or a fresh database on TEST_DATABASE_URL),
// the real app through app.inject, and factories for users with sessions and CSRF tokens.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp, type BuildOptions } from '../src/app.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/platform/db/client.ts';
import { createSession, sessionCookieName } from '../src/platform/auth/session.ts';
import { seal } from '../src/platform/auth/secrets.ts';
import { users, type Role } from '../src/platform/auth/auth.schema.ts';
import { requiresMfa } from '../src/platform/auth/classification.ts';
import { createUserDirect } from '../src/modules/access/access.service.ts';
import { seedDirectory } from '../src/modules/directory/directory.seed.ts';
import { seedFramework } from '../src/modules/framework/framework.service.ts';
import { seedCompact } from '../src/modules/compact/compact.seed.ts';
import { organizations } from '../src/modules/directory/directory.schema.ts';
import { eq } from 'drizzle-orm';

export const TEST_PASSWORD = 'correct horse battery staple 42';
/** The field the confirmation page's form adds to a destructive action's POST (platform/views/confirm.tsx). */
export const CONFIRMED = { confirmed: 'yes' };
export const TEST_TOTP = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** The test database's postgres:// address (PostgreSQL only): other processes can open the same database. */
  databaseUrl?: string;
  close(): Promise<void>;
}

export const dbLabel = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');

export async function openTestDatabase(): Promise<{
  database: Database;
  databaseUrl?: string;
  drop: () => Promise<void>;
}> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return {
      database,
      drop: async () => {
        await database.close();
      },
    };
  }
  const name = `ctcp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://' });
  return {
    database,
    databaseUrl: u.toString(),
    drop: async () => {
      await database.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export async function makeTestEnv(
  overrides: Partial<Config> = {},
  seed = true,
  build: Pick<BuildOptions, 'logStream'> = {},
): Promise<TestEnv> {
  const { database, databaseUrl, drop } = await openTestDatabase();
  let app: FastifyInstance | undefined;
  try {
    await migrateDatabase(database);
    if (seed) {
      await seedDirectory(database.db, { demo: true });
      await seedCompact(database.db, { demo: true });
      await seedFramework(database.db);
    }
    const config = loadConfig(
      {
        env: 'test',
        logLevel: process.env.TEST_LOG ?? 'silent',
        signInRateLimit: 1000,
        baseUrl: 'http://localhost:3000',
        ...overrides,
      },
      { ...process.env, DATABASE_URL: '' },
    );
    app = await buildApp(config, { database, migrate: false, ...build });
    await app.ready();
    const ready = app;
    return {
      app: ready,
      database,
      config,
      databaseUrl,
      close: async () => {
        try {
          await ready.close();
        } finally {
          await drop();
        }
      },
    };
  } catch (err) {
    // Nothing left open when the set-up fails (an open pool or server would keep the test process alive).
    try {
      await app?.close();
    } finally {
      await drop();
    }
    throw err;
  }
}

export async function orgId(env: TestEnv, slug: string): Promise<string> {
  const r = await env.database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!r[0]) throw new Error(`no organization ${slug}`);
  return r[0].id;
}

export async function orgIdByIso3(env: TestEnv, iso3: string): Promise<string> {
  const r = await env.database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.iso3, iso3))
    .limit(1);
  if (!r[0]) throw new Error(`no State ${iso3}`);
  return r[0].id;
}

let counter = 0;

/** A browser-like client: keeps cookies, fetches CSRF tokens from forms. */
export class Agent {
  cookies = new Map<string, string>();
  constructor(private app: FastifyInstance) {}
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers },
    });
    this.keep(res);
    return res;
  }
  async csrf(): Promise<string> {
    const res = await this.get('/');
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) return m[1];
    const p = await this.get('/sign-in');
    const m2 = /name="_csrf" value="([^"]+)"/.exec(p.body);
    if (!m2) throw new Error('no CSRF token on the page');
    return m2[1];
  }
  async post(
    url: string,
    form: Record<string, string>,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams(form);
    if (opts.csrf !== false) body.set('_csrf', await this.csrf());
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        ...opts.headers,
      },
    });
    this.keep(res);
    return res;
  }
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  agent: Agent;
  sessionToken: string;
}

/** A user of the given role with a live session (second factor verified where the role requires it). */
export async function makeUser(
  env: TestEnv,
  role: Role,
  opts: { orgSlug?: string; orgId?: string; focalPoint?: boolean; mfa?: boolean } = {},
): Promise<TestUser> {
  const email = `${role}.${++counter}.${randomBytes(3).toString('hex')}@test.ctcp.localhost`;
  const organizationId = opts.orgId ?? (opts.orgSlug ? await orgId(env, opts.orgSlug) : null);
  const withMfa = opts.mfa ?? requiresMfa(role);
  const id = await createUserDirect(env.database.db, {
    email,
    name: `Test ${role} ${counter}`,
    role,
    password: TEST_PASSWORD,
    organizationId,
    focalPoint: opts.focalPoint ?? false,
    totpSecret: withMfa ? TEST_TOTP : undefined,
    sessionSecret: env.config.sessionSecret,
  });
  const token = await createSession(env.database.db, id, withMfa, { idleMinutes: 60, maxHours: 1 });
  const agent = new Agent(env.app);
  agent.cookies.set(sessionCookieName(env.config.secureCookies), token);
  return { id, email, role, agent, sessionToken: token };
}

export async function setTotp(env: TestEnv, userId: string, secret: string) {
  await env.database.db
    .update(users)
    .set({ totpSecret: seal(env.config.sessionSecret, 'totp', secret), totpEnabledAt: new Date() })
    .where(eq(users.id, userId));
}

export const location = (res: LightMyRequestResponse) => String(res.headers.location ?? '');
