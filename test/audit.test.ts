// The audit log is append-only and hash-chained: the database refuses changes, and a tampered row is detected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { recordAudit, verifyAuditChain } from '../src/platform/audit/audit.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({}, false);
});
after(async () => {
  await env?.close();
});

test(`entries chain; UPDATE, DELETE and TRUNCATE are refused by the database (${dbLabel()})`, async () => {
  const db = env.database.db;
  for (let i = 0; i < 5; i++) await recordAudit(db, { action: 'test.event', details: { i, text: 'نص عربي 中文 🙂' } });
  const ok = await verifyAuditChain(db);
  assert.equal(ok.ok, true);
  assert.ok(ok.checked >= 5);
  await assert.rejects(env.database.exec(`UPDATE audit_log SET action = 'forged' WHERE id = 2`), /append-only/);
  await assert.rejects(env.database.exec(`DELETE FROM audit_log WHERE id = 2`), /append-only/);
  await assert.rejects(env.database.exec(`TRUNCATE audit_log`), /append-only/);
});

test(`a row changed behind the application's back is detected (${dbLabel()})`, async () => {
  const db = env.database.db;
  await recordAudit(db, { action: 'test.before_tamper' });
  // A superuser bypassing the trigger: what the chain is there to catch.
  await env.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
    UPDATE audit_log SET details = '{"i": 99}' WHERE id = 3;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
  const check = await verifyAuditChain(db);
  assert.equal(check.ok, false);
  assert.equal(check.firstBadId, 3);
  const admin = await makeUser(env, 'platform_admin');
  const page = await admin.agent.get('/admin/audit?verify=1');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /class="error-summary" role="status"/);
  void sql;
});

test(`concurrent writers keep one linear chain (${dbLabel()})`, async () => {
  const { database } = env;
  const fresh = await verifyAuditChain(database.db);
  void fresh;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => recordAudit(database.db, { action: 'test.concurrent', details: { i } })),
  );
  const rows = await database.query<{ id: number; prev_hash: string; hash: string }>(
    'select id, prev_hash, hash from audit_log where id > 3 order by id',
  );
  for (let i = 1; i < rows.length; i++)
    assert.equal(rows[i].prev_hash, rows[i - 1].hash, `row ${rows[i].id} links to its predecessor`);
});

test('on PostgreSQL the application role cannot UPDATE, DELETE or TRUNCATE the audit log', {
  skip: process.env.TEST_DATABASE_URL
    ? false
    : 'PGlite has a single superuser and no roles to separate; the triggers (tested above) guard it there',
}, async () => {
  const { grantAppRole, openDatabase } = await import('../src/platform/db/client.ts');
  const role = `ctcp_app_${Math.random().toString(36).slice(2, 8)}`;
  await env.database.exec(`CREATE ROLE ${role} LOGIN`);
  try {
    await grantAppRole(env.database, role);
    const [{ db: dbName }] = await env.database.query<{ db: string }>('select current_database() as db');
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.username = role;
    u.pathname = `/${dbName}`;
    const asApp = await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://', poolSize: 1 });
    try {
      await recordAudit(asApp.db, { action: 'test.as_app_role' });
      await assert.rejects(asApp.exec(`UPDATE audit_log SET action = 'x'`), /permission denied/);
      await assert.rejects(asApp.exec(`DELETE FROM audit_log`), /permission denied/);
      await assert.rejects(asApp.exec(`TRUNCATE audit_log`), /permission denied/);
    } finally {
      await asApp.close();
    }
  } finally {
    await env.database.exec(`REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}; DROP ROLE ${role}`);
  }
});
