// `ctcp backup` / `ctcp restore`: one tar archive holding the database (PGlite: its data directory as a gzipped
// tarball; PostgreSQL: `pg_dump -Fc`), the uploaded files (FILES_DIR or the S3 bucket: platform/files/storage.ts)
// and a manifest (app version, migration level, per-table row counts and checksums, every file's SHA-256). A restore
// refuses a non-empty target unless forced, checks every part against the manifest before it touches the target, and
// verifies the result (tables, files, audit chain) after.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, open, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { checkDataDirLock, openDatabase, type Database } from '../db/client.ts';
import { verifyAuditChain, type ChainCheck } from '../audit/audit.service.ts';
import { STORAGE_KEY as KEY, type FileStore } from '../files/storage.ts';
import { readEntry, readEntryBuffer, readTarIndex, TarError, TarWriter, type TarEntry } from './tar.ts';

/** A problem the operator can act on: printed as is, without a stack trace. */
export class BackupError extends Error {}

export const BACKUP_KIND = 'ctcp-backup';
export const BACKUP_FORMAT = 1;
const MANIFEST = 'manifest.json';
const DB_ENTRY = { pglite: 'database/pgdata.tar.gz', postgres: 'database/postgres.dump' } as const;

export interface TableStat {
  /** schema.table */
  name: string;
  rows: number;
  /** MD5 over the sorted MD5s of the rows' text forms (UTC, ISO dates). */
  checksum: string;
}

export interface FileStat {
  key: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  kind: typeof BACKUP_KIND;
  format: number;
  appVersion: string;
  createdAt: string;
  database: { engine: 'pglite' | 'postgres'; entry: string; size: number; sha256: string; serverVersion: string };
  migrations: { count: number; lastCreatedAt: number | null; lastHash: string | null };
  tables: TableStat[];
  files: FileStat[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function appVersion(): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

// Fixed settings, so the text form of a row (and its checksum) does not depend on the server's or session's defaults.
const STABLE_SETTINGS = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 1',
  "set local bytea_output = 'hex'",
];

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Row counts and checksums of every table of the application (schemas public and drizzle), inside a transaction. */
async function tableStats(q: Query): Promise<TableStat[]> {
  for (const s of STABLE_SETTINGS) await q(s);
  const tables = await q(
    `select schemaname as s, tablename as t from pg_tables where schemaname in ('public', 'drizzle')
     order by schemaname::text collate "C", tablename::text collate "C"`,
  );
  const out: TableStat[] = [];
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [r] = await q(
      `select count(*)::text as n, md5(coalesce(string_agg(h, '' order by h collate "C"), '')) as c
       from (select md5(x::text) as h from ${quoteIdent(s)}.${quoteIdent(t)} x) y`,
    );
    out.push({ name: `${s}.${t}`, rows: Number(r.n), checksum: String(r.c) });
  }
  return out;
}

async function migrationLevel(q: Query): Promise<Manifest['migrations']> {
  const [t] = await q(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!t.ok) return { count: 0, lastCreatedAt: null, lastHash: null };
  const [r] = await q(
    `select (select count(*) from drizzle.__drizzle_migrations)::int as n, created_at::text as at, hash
     from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  return r
    ? { count: Number(r.n), lastCreatedAt: Number(r.at), lastHash: String(r.hash) }
    : { count: 0, lastCreatedAt: null, lastHash: null };
}

async function sha256Of(chunks: AsyncIterable<Uint8Array>): Promise<{ size: number; sha256: string }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const c of chunks) {
    h.update(c);
    size += c.length;
  }
  return { size, sha256: h.digest('hex') };
}
const sha256File = (p: string) => sha256Of(fs.createReadStream(p));
const sha256Stored = async (files: FileStore, key: string) => sha256Of(await files.stream(key));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', (e) => {
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new BackupError(
              `${cmd} was not found on PATH: install the PostgreSQL client programs ` +
                '(the same major version as the server, or newer).',
            )
          : e,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${cmd} failed (exit code ${code}): ${err.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

export interface BackupResult {
  file: string;
  manifest: Manifest;
}

/**
 * Writes the archive. PGlite: the caller holds the embedded database (one process at a time), so nothing writes
 * while it is taken. PostgreSQL: the dump and the manifest's counts read one exported snapshot while the application
 * keeps running; the files are copied after it (a file uploaded meanwhile is included, unreferenced). The files are
 * every key of the store — a directory or an S3 bucket — read twice: once for the manifest's SHA-256, once into the
 * archive (checked again, so an object that changed in between fails the backup).
 */
export async function createBackup(opts: {
  database: Database;
  databaseUrl?: string;
  files: FileStore;
  out: string;
}): Promise<BackupResult> {
  const { database, files: store, out } = opts;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ctcp-backup-'));
  const partial = `${out}.partial`;
  try {
    const dumpPath = path.join(tmp, 'database');
    let tables: TableStat[];
    let migrations: Manifest['migrations'];
    let serverVersion: string;
    if (database.kind === 'pglite') {
      if (!database.dumpDataDir) throw new BackupError('this embedded database cannot be dumped');
      const q: Query = (text) => database.query(text);
      await q('begin isolation level repeatable read');
      try {
        tables = await tableStats(q);
        migrations = await migrationLevel(q);
        serverVersion = String((await q('show server_version'))[0].server_version);
      } finally {
        await q('commit');
      }
      const blob = await database.dumpDataDir();
      await writeFile(dumpPath, Buffer.from(await blob.arrayBuffer()));
    } else {
      if (!opts.databaseUrl) throw new BackupError('a PostgreSQL backup needs DATABASE_URL');
      const client = new pg.Client({ connectionString: opts.databaseUrl });
      await client.connect();
      try {
        const q: Query = async (text) => (await client.query(text)).rows;
        await q('begin isolation level repeatable read read only');
        const [{ snap }] = await q('select pg_export_snapshot() as snap');
        tables = await tableStats(q);
        migrations = await migrationLevel(q);
        serverVersion = String((await q('show server_version'))[0].server_version);
        // The dump reads the same snapshot while this transaction stays open.
        await run('pg_dump', ['-Fc', `--snapshot=${snap}`, '-f', dumpPath, '-d', opts.databaseUrl]);
        await q('commit');
      } finally {
        await client.end();
      }
    }
    const dump = await sha256File(dumpPath);
    const files: FileStat[] = [];
    for (const key of await store.list()) files.push({ key, ...(await sha256Stored(store, key)) });
    const manifest: Manifest = {
      kind: BACKUP_KIND,
      format: BACKUP_FORMAT,
      appVersion: appVersion(),
      createdAt: new Date().toISOString(),
      database: { engine: database.kind, entry: DB_ENTRY[database.kind], ...dump, serverVersion },
      migrations,
      tables,
      files,
    };
    const fh = await open(partial, 'wx', 0o600).catch((e: NodeJS.ErrnoException) => {
      throw new BackupError(`cannot write ${partial}: ${e.code === 'EEXIST' ? 'it exists' : e.message}`);
    });
    try {
      const tar = new TarWriter(fh);
      await tar.add(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      const src = await open(dumpPath, 'r');
      try {
        await tar.addFile(manifest.database.entry, src, dump.size);
      } finally {
        await src.close();
      }
      for (const f of files) {
        const h = createHash('sha256');
        async function* hashed(chunks: AsyncIterable<Uint8Array>) {
          for await (const c of chunks) {
            h.update(c);
            yield c;
          }
        }
        await tar.addStream(`files/${f.key}`, hashed(await store.stream(f.key)), f.size).catch((e) => {
          throw e instanceof TarError ? new BackupError(`file ${f.key} changed during the backup: ${e.message}`) : e;
        });
        if (h.digest('hex') !== f.sha256) throw new BackupError(`file ${f.key} changed during the backup`);
      }
      await tar.end();
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (fs.existsSync(out)) throw new BackupError(`${out} exists: choose another name`);
    await rename(partial, out);
    return { file: out, manifest };
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function parseManifest(buf: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(buf.toString('utf8'));
  } catch {
    throw new BackupError('not a platform backup: its manifest.json is not valid JSON');
  }
  if (m?.kind !== BACKUP_KIND) throw new BackupError('not a platform backup: manifest.json is of another kind');
  if (m.format !== BACKUP_FORMAT)
    throw new BackupError(`backup format ${m.format} is not supported by this version (format ${BACKUP_FORMAT})`);
  const engine = m.database?.engine;
  if ((engine !== 'pglite' && engine !== 'postgres') || m.database.entry !== DB_ENTRY[engine])
    throw new BackupError('not a platform backup: the manifest names no database');
  if (!Array.isArray(m.tables) || !Array.isArray(m.files) || m.files.some((f) => !KEY.test(String(f?.key))))
    throw new BackupError('not a platform backup: the manifest is incomplete');
  return m;
}

/** Opens an archive and checks its shape and manifest (no data read yet). */
export async function readBackup(file: string) {
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(
      e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.code ?? e.message}`,
    );
  });
  try {
    let entries: TarEntry[];
    try {
      entries = await readTarIndex(fh);
    } catch (e) {
      if (e instanceof TarError) throw new BackupError(`${file} is not a readable backup archive: ${e.message}`);
      throw e;
    }
    if (entries[0]?.name !== MANIFEST) throw new BackupError(`${file} is not a platform backup (no manifest.json)`);
    const manifest = parseManifest(await readEntryBuffer(fh, entries[0]));
    const byName = new Map(entries.map((e) => [e.name, e]));
    const expected = new Set([MANIFEST, manifest.database.entry, ...manifest.files.map((f) => `files/${f.key}`)]);
    for (const e of entries)
      if (!expected.has(e.name)) throw new BackupError(`damaged backup: unexpected entry ${e.name}`);
    for (const n of expected) if (!byName.has(n)) throw new BackupError(`damaged backup: ${n} is missing`);
    return { fh, manifest, entry: (name: string) => byName.get(name)! };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Copies an entry to a file, checking its size and SHA-256 against the manifest. */
async function extract(
  fh: Awaited<ReturnType<typeof open>>,
  e: TarEntry,
  dest: string,
  want: { size: number; sha256: string },
) {
  if (e.size !== want.size) throw new BackupError(`damaged backup: ${e.name} has the wrong size`);
  const h = createHash('sha256');
  const out = await open(dest, 'wx', 0o600);
  try {
    for await (const c of readEntry(fh, e)) {
      h.update(c);
      await out.write(c);
    }
  } finally {
    await out.close();
  }
  if (h.digest('hex') !== want.sha256) throw new BackupError(`damaged backup: ${e.name} does not match its SHA-256`);
}

export interface RestoreTarget {
  /** postgres://… or undefined for the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** The store of uploaded files: FILES_DIR or the S3 bucket. */
  files: FileStore;
}

export interface Verification {
  tables: { checked: number; mismatched: string[] };
  files: { checked: number; mismatched: string[] };
  audit: ChainCheck;
  ok: boolean;
}

/** Compares a database and a store of files with a manifest, and verifies the audit chain (without anchors). */
export async function verifyAgainst(database: Database, files: FileStore, m: Manifest): Promise<Verification> {
  const q: Query = (text) => database.query(text);
  let now: TableStat[];
  if (database.kind === 'postgres') {
    // One connection for the transaction: the pool would spread the statements.
    now = await database.db.transaction(async (tx) => {
      const rows = async (text: string) =>
        ((await tx.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
      return tableStats(rows);
    });
  } else {
    await q('begin');
    try {
      now = await tableStats(q);
    } finally {
      await q('commit');
    }
  }
  const byName = new Map(now.map((t) => [t.name, t]));
  const tableBad = m.tables
    .filter((t) => {
      const n = byName.get(t.name);
      return !n || n.rows !== t.rows || n.checksum !== t.checksum;
    })
    .map((t) => t.name);
  const fileBad: string[] = [];
  for (const f of m.files) {
    const got = await sha256Stored(files, f.key).catch(() => null);
    if (!got || got.sha256 !== f.sha256 || got.size !== f.size) fileBad.push(f.key);
  }
  const audit = await verifyAuditChain(database.db, { sink: null });
  return {
    tables: { checked: m.tables.length, mismatched: tableBad },
    files: { checked: m.files.length, mismatched: fileBad },
    audit,
    ok: tableBad.length === 0 && fileBad.length === 0 && audit.ok,
  };
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new BackupError(`cannot connect to the target database: ${(e as Error).message}`);
  }
  try {
    const r = await client.query(`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`);
    return r.rows[0].n === 0;
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  verification: Verification;
  /** PGlite with --force: where the previous data directory was moved. */
  movedAside: string | null;
}

/**
 * Restores an archive into the target. Everything in the archive is checked before the target is touched; the
 * target must be empty (no tables, no uploaded files) unless `force`.
 */
export async function restoreBackup(file: string, target: RestoreTarget, opts: { force?: boolean } = {}) {
  const engine = target.databaseUrl ? 'postgres' : 'pglite';
  const { fh, manifest, entry } = await readBackup(file);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ctcp-restore-'));
  try {
    if (manifest.database.engine !== engine)
      throw new BackupError(
        manifest.database.engine === 'pglite'
          ? 'This archive holds an embedded (PGlite) database, but the target is PostgreSQL (DATABASE_URL is set): ' +
              'restore it with DATABASE_URL unset, into DATA_DIR.'
          : 'This archive holds a PostgreSQL database, but the target is the embedded database (DATABASE_URL is ' +
              'unset): set DATABASE_URL to the target PostgreSQL database.',
      );
    if (target.dataDir === 'memory://' && engine === 'pglite')
      throw new BackupError('DATA_DIR is memory://: restore into a directory on disk.');
    // The target: empty, unless forced.
    const pgdata = path.join(target.dataDir, 'pgdata');
    if (engine === 'pglite') checkDataDirLock(target.dataDir);
    const dbEmpty =
      engine === 'postgres'
        ? await postgresIsEmpty(target.databaseUrl!)
        : !fs.existsSync(pgdata) || fs.readdirSync(pgdata).length === 0;
    const existingFiles = await target.files.list();
    if (!opts.force && (!dbEmpty || existingFiles.length > 0))
      throw new BackupError(
        `The target is not empty (${[
          dbEmpty ? '' : engine === 'postgres' ? 'the database has tables' : `${pgdata} holds a database`,
          existingFiles.length ? `${existingFiles.length} uploaded file(s) in ${target.files.location}` : '',
        ]
          .filter(Boolean)
          .join('; ')}). Restore into an empty target, or add --force to replace what is there.`,
      );
    // Every part checked against the manifest before anything is written to the target.
    const dumpPath = path.join(tmp, 'database');
    await extract(fh, entry(manifest.database.entry), dumpPath, manifest.database);
    const staged = path.join(tmp, 'files');
    for (const f of manifest.files) {
      await mkdir(path.join(staged, f.key.slice(0, 2)), { recursive: true });
      await extract(fh, entry(`files/${f.key}`), path.join(staged, f.key), f);
    }
    let movedAside: string | null = null;
    let database: Database;
    if (engine === 'postgres') {
      await run('pg_restore', [
        '--no-owner',
        '--no-acl',
        '--exit-on-error',
        '--single-transaction',
        ...(dbEmpty ? [] : ['--clean', '--if-exists']),
        '-d',
        target.databaseUrl!,
        dumpPath,
      ]);
      database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize: 2 });
    } else {
      if (!dbEmpty) {
        movedAside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await rename(pgdata, movedAside);
      } else if (fs.existsSync(pgdata)) await rm(pgdata, { recursive: true });
      const blob = await fs.openAsBlob(dumpPath);
      database = await openDatabase({ dataDir: target.dataDir, loadDataDir: blob });
    }
    try {
      for (const f of manifest.files) await target.files.write(f.key, await readFile(path.join(staged, f.key)));
      const verification = await verifyAgainst(database, target.files, manifest);
      return { manifest, verification, movedAside } satisfies RestoreResult;
    } finally {
      await database.close();
    }
  } finally {
    await fh.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The manifest of an archive, checked (for `ctcp restore --check`). */
export async function inspectBackup(file: string): Promise<Manifest> {
  const { fh, manifest, entry } = await readBackup(file);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ctcp-check-'));
  try {
    await extract(fh, entry(manifest.database.entry), path.join(tmp, 'database'), manifest.database);
    for (const f of manifest.files) {
      const e = entry(`files/${f.key}`);
      const h = createHash('sha256');
      for await (const c of readEntry(fh, e)) h.update(c);
      if (e.size !== f.size || h.digest('hex') !== f.sha256)
        throw new BackupError(`damaged backup: files/${f.key} does not match its SHA-256`);
    }
    return manifest;
  } finally {
    await fh.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
