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
  /** PostgreSQL only: the address, for connections of their own (the change channel's LISTEN, the job queue). */
  url?: string;
  /** PGlite only: calls onPayload with each NOTIFY on the channel (delivered on commit); resolves to the unlisten. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** PGlite only: the embedded client itself, for a library with its own PGlite adapter (the job queue). */
  pglite?: import('@electric-sql/pglite').PGlite;
  /** PGlite only: the data directory as a gzipped tarball (backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite data, or 'memory://' for an in-memory database. */
  dataDir: string;
  poolSize?: number;
  /** PGlite only: start from this data directory tarball (a restore; the directory must not exist yet). */
  loadDataDir?: Blob;
}

/** Another process has the embedded database open. */
export class DatabaseLockedError extends Error {}

const lockPath = (dataDir: string) => path.join(dataDir, 'pgdata.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database allows one process at a time: throws DatabaseLockedError when a living process holds the
 * data directory's lock (a lock left by a process that ended is ignored).
 */
export function checkDataDirLock(dataDir: string): void {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lockPath(dataDir), 'utf8').trim());
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
    throw new DatabaseLockedError(
      `The embedded database in ${dataDir} is in use by process ${pid} (ctcp serve or another command): stop it first.`,
    );
}

function takeDataDirLock(dataDir: string): () => void {
  checkDataDirLock(dataDir);
  fs.writeFileSync(lockPath(dataDir), `${process.pid}\n`, { mode: 0o600 });
  return () => {
    try {
      if (fs.readFileSync(lockPath(dataDir), 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath(dataDir));
    } catch {
      /* already gone */
    }
  };
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
      url: opts.databaseUrl,
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
  // pg_trgm (trigram similarity: names and typos in the search) ships with PGlite as a contrib extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const memory = opts.dataDir === 'memory://';
  if (!memory) fs.mkdirSync(opts.dataDir, { recursive: true });
  const unlock = memory ? () => {} : takeDataDirLock(opts.dataDir);
  const loadDataDir = opts.loadDataDir;
  let client: InstanceType<typeof PGlite>;
  try {
    client = new PGlite({
      ...(memory ? {} : { dataDir: path.join(opts.dataDir, 'pgdata') }),
      extensions: { pg_trgm },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    await client.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    pglite: client,
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
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Applies the generated, forward-only migrations in ./drizzle. */
export async function migrateDatabase(database: Database): Promise<void> {
  const cfg = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') await migratePglite(database.db as never, cfg);
  else await migratePg(database.db as never, cfg);
}

/**
 * PostgreSQL: gives an application role what it needs (the job queue's schema too, once installed), and on audit_log
 * only SELECT and INSERT,
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
  // The job queue's schema (pg-boss: installed by `ctcp migrate`): its tables, and CREATE for a new queue's table.
  const [jobs] = await database.query<{ t: string | null }>("select to_regnamespace('pgboss')::text as t");
  if (jobs?.t)
    await database.exec(`GRANT USAGE, CREATE ON SCHEMA pgboss TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${role};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${role};`);
}
