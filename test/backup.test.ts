// Backup and restore: demo data and uploaded files survive a round trip into an empty target (every table's row
// count and checksum, every file's hash, the audit chain); a non-empty target, a damaged archive, a missing file and
// an archive of the other kind of database are refused with a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/platform/db/client.ts';
import { recordAudit, setAuditKeys } from '../src/platform/audit/audit.service.ts';
import { diskStore } from '../src/platform/files/storage.ts';
import { seedAll } from '../src/seed.ts';
import {
  BackupError,
  createBackup,
  inspectBackup,
  restoreBackup,
  verifyAgainst,
} from '../src/platform/backup/backup.ts';
import { dbLabel } from './helper.ts';

const url = process.env.TEST_DATABASE_URL;

/** A database of its own on the server (or an in-memory PGlite), and its URL. */
async function freshDatabase(): Promise<{ database?: Database; url?: string; drop: () => Promise<void> }> {
  if (!url) return { drop: async () => {} };
  const name = `ctcp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

const rejects = (p: Promise<unknown>, re: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof BackupError && re.test(e.message));

test(`backup and restore round trip (${dbLabel()})`, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctcp-backup-test-'));
  const config = loadConfig({ env: 'test', logLevel: 'silent' }, { ...process.env, DATABASE_URL: '' });
  setAuditKeys(config.auditKey, config.auditKeyPrevious);
  const source = await freshDatabase();
  const target = await freshDatabase();
  const blank = await freshDatabase();
  const database = await openDatabase({ databaseUrl: source.url, dataDir: 'memory://' });
  t.after(async () => {
    await database.close();
    await source.drop();
    await target.drop();
    await blank.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  await migrateDatabase(database);
  await seedAll(database.db, config, true);
  for (let i = 0; i < 3; i++)
    await recordAudit(database.db, {
      action: 'test.backup',
      actor: { id: null, label: `tester ${i}` },
      ip: '192.0.2.1',
      details: { i },
    });
  const filesDir = path.join(tmp, 'files');
  const stored = [];
  for (const text of ['first file', 'second file', randomBytes(70_000).toString('base64')])
    stored.push(await diskStore(filesDir).put(Buffer.from(text)));

  const out = path.join(tmp, 'ctcp.tar');
  const { manifest } = await createBackup({ database, databaseUrl: source.url, files: diskStore(filesDir), out });
  assert.equal(manifest.database.engine, dbLabel());
  assert.ok(manifest.migrations.count > 0);
  assert.ok(manifest.tables.length > 20, 'every table is listed');
  const rows = new Map(manifest.tables.map((x) => [x.name, x.rows]));
  assert.ok((rows.get('public.users') ?? 0) > 0 && (rows.get('public.organizations') ?? 0) > 100);
  assert.ok((rows.get('public.audit_log') ?? 0) >= 3);
  assert.deepEqual(manifest.files.map((f) => [f.key, f.sha256]).sort(), stored.map((f) => [f.key, f.sha256]).sort());
  // The source still matches its own manifest (the checksums are stable).
  assert.equal((await verifyAgainst(database, diskStore(filesDir), manifest)).ok, true);
  // A tar any tool can list.
  const listed = spawnSync('tar', ['-tf', out], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /^manifest\.json\n/);
  assert.equal((await inspectBackup(out)).createdAt, manifest.createdAt);

  const into = { databaseUrl: target.url, dataDir: path.join(tmp, 'target'), filesDir: path.join(tmp, 'target-files') };
  const r = await restoreBackup(out, { ...into, files: diskStore(into.filesDir) });
  assert.equal(r.verification.ok, true, JSON.stringify(r.verification));
  assert.equal(r.verification.tables.checked, manifest.tables.length);
  assert.deepEqual(r.verification.tables.mismatched, []);
  assert.deepEqual(r.verification.files, { checked: 3, mismatched: [] });
  assert.equal(r.verification.audit.ok, true);
  assert.equal(r.verification.audit.checked, rows.get('public.audit_log'));
  for (const f of stored)
    assert.deepEqual(fs.readFileSync(path.join(into.filesDir, f.key)), fs.readFileSync(path.join(filesDir, f.key)));

  // The restored database is a working one: open it again and compare with the manifest independently.
  const restored = await openDatabase({ databaseUrl: target.url, dataDir: into.dataDir });
  try {
    const [{ n }] = await restored.query<{ n: number }>('select count(*)::int as n from users');
    assert.equal(n, rows.get('public.users'));
    const again = await verifyAgainst(restored, diskStore(into.filesDir), manifest);
    assert.equal(again.ok, true);
    // A changed row is seen.
    await restored.exec(
      `update organizations set slug = slug || '-changed' where id = (select id from organizations limit 1)`,
    );
    assert.deepEqual((await verifyAgainst(restored, diskStore(into.filesDir), manifest)).tables.mismatched, [
      'public.organizations',
    ]);
  } finally {
    await restored.close();
  }

  // A non-empty target is refused without --force, and replaced with it.
  await rejects(restoreBackup(out, { ...into, files: diskStore(into.filesDir) }), /not empty.*--force/s);
  const forced = await restoreBackup(out, { ...into, files: diskStore(into.filesDir) }, { force: true });
  assert.equal(forced.verification.ok, true, JSON.stringify(forced.verification));

  // Bad input: a clear message each time, before the target is touched.
  const neverFiles = path.join(tmp, 'never-files');
  const empty = { databaseUrl: blank.url, dataDir: path.join(tmp, 'never'), files: diskStore(neverFiles) };
  await rejects(restoreBackup(path.join(tmp, 'missing.tar'), empty), /no such file/);
  const bytes = fs.readFileSync(out);
  const damaged = Buffer.from(bytes);
  let header = 0;
  while (bytes.toString('ascii', header, header + 9) !== 'database/') header += 512;
  const at = header + 512 + 700;
  damaged[at] ^= 0xff;
  fs.writeFileSync(path.join(tmp, 'damaged.tar'), damaged);
  await rejects(restoreBackup(path.join(tmp, 'damaged.tar'), empty), /damaged backup: database\/.*SHA-256/);
  fs.writeFileSync(path.join(tmp, 'truncated.tar'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await rejects(restoreBackup(path.join(tmp, 'truncated.tar'), empty), /truncated/);
  fs.writeFileSync(path.join(tmp, 'text.tar'), 'just some text, not an archive at all\n'.repeat(40));
  await rejects(restoreBackup(path.join(tmp, 'text.tar'), empty), /not a readable backup archive/);
  const otherKind = url
    ? { dataDir: path.join(tmp, 'never'), files: empty.files }
    : { ...empty, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' };
  await rejects(restoreBackup(out, otherKind), /This archive holds/);
  assert.equal(fs.existsSync(neverFiles), false, 'nothing written for a refused archive');

  // PostgreSQL without its client programs: said so, no archive left behind.
  if (url) {
    const saved = process.env.PATH;
    process.env.PATH = path.join(tmp, 'no-bin');
    try {
      await rejects(
        createBackup({ database, databaseUrl: source.url, files: diskStore(filesDir), out: path.join(tmp, 'x.tar') }),
        /pg_dump was not found on PATH/,
      );
    } finally {
      process.env.PATH = saved;
    }
    assert.deepEqual(
      fs.readdirSync(tmp).filter((f) => f.startsWith('x.tar')),
      [],
    );
  }

  // The command line: a message and a non-zero exit, never a stack trace.
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'restore', path.join(tmp, 'text.tar')], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: path.join(tmp, 'cli'), DATABASE_URL: target.url ?? '' },
  });
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /not a readable backup archive/);
  assert.doesNotMatch(cli.stderr, /\n\s+at /);
});
