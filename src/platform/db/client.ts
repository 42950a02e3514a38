// One database handle for the whole process: PGlite (embedded, default) or node-postgres (DATABASE_URL).
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
/**
 * The database as the platform sees it: schema-agnostic (no relational `db.query.<table>` API; modules query their
 * own tables with `db.select()`). `src/schema.ts` gathers every table for drizzle-kit only.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction or the database: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs SQL text that may hold several statements. */
  exec(text: string): Promise<void>;
  /** Plain parameterised query returning rows (benchmarks, health checks, bulk loads). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** True when the database answers (readiness checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite data, or 'memory://' for an in-memory database. */
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pg = await import('pg');
    // JIT compilation costs tens of milliseconds per query and only pays off on long analytical scans: off for the app.
    const pool = new pg.default.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: '-c jit=off',
    });
    pool.on('error', () => {
      /* idle client errors are reported by the next query */
    });
    const db = drizzlePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      exec: async (text) => {
        await pool.query(text);
      },
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      ping: async () =>
        pool.query('select 1').then(
          () => true,
          () => false,
        ),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (opts.dataDir !== 'memory://') fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir === 'memory://' ? new PGlite() : new PGlite(path.join(opts.dataDir, 'pgdata'));
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    exec: async (text) => {
      await client.exec(text);
    },
    query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
    ping: async () =>
      client.query('select 1').then(
        () => true,
        () => false,
      ),
    close: () => client.close(),
  };
}

/** Applies the generated, forward-only migrations in ./drizzle. */
export async function migrateDatabase(database: Database): Promise<void> {
  const cfg = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') await migratePglite(database.db as never, cfg);
  else await migratePg(database.db as never, cfg);
}

/**
 * PostgreSQL: gives an application role what it needs, and on audit_log only SELECT and INSERT,
 * so the running application cannot change or remove audit entries even without the triggers. On audit_personal
 * (the entries' forgettable personal data) SELECT, INSERT and UPDATE: forgetting a person or old IP addresses.
 */
export async function grantAppRole(database: Database, role: string): Promise<void> {
  if (database.kind !== 'postgres') throw new Error('grantAppRole needs PostgreSQL');
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('the role must be a plain lower-case name');
  await database.exec(`GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${role};
    REVOKE DELETE, TRUNCATE ON audit_personal FROM ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};`);
}
