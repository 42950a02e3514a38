// The audit log is append-only and hash-chained: the database refuses changes, and a tampered row is detected.
// Each test writes the rows it checks (under its own action name) and leaves the chain valid, so any one of them can
// run alone or in any order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { forgetAuditIps, recordAudit, recordAudits, verifyAuditChain } from '../src/platform/audit/audit.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({}, false);
});
after(async () => {
  await env?.close();
});

type Row = { id: number; prev_hash: string; hash: string };
/** An action name no other test uses. */
const tag = (name: string) => `test.${name}.${randomBytes(4).toString('hex')}`;
const rowsOf = (action: string) =>
  env.database.query<Row>('select id::int as id, prev_hash, hash from audit_log where action = $1 order by id', [
    action,
  ]);
const countAll = async () => (await env.database.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;

test(`entries chain; UPDATE, DELETE and TRUNCATE are refused by the database (${dbLabel()})`, async () => {
  const db = env.database.db;
  const action = tag('event');
  for (let i = 0; i < 5; i++) await recordAudit(db, { action, details: { i, text: 'نص عربي 中文 🙂' } });
  const mine = await rowsOf(action);
  assert.equal(mine.length, 5, 'the five entries are stored');
  const ok = await verifyAuditChain(db);
  const { lastId: _lastId, ...okRest } = ok;
  assert.deepEqual(
    okRest,
    { ok: true, checked: await countAll(), firstBadId: null, problem: null, legacy: 0, anchors: 0, anchor: null },
    'the whole chain verifies',
  );
  const id = mine[1].id;
  await assert.rejects(env.database.exec(`UPDATE audit_log SET action = 'forged' WHERE id = ${id}`), /append-only/);
  await assert.rejects(env.database.exec(`DELETE FROM audit_log WHERE id = ${id}`), /append-only/);
  // Refused by the trigger, or first by audit_personal's foreign key (migration 0014).
  await assert.rejects(env.database.exec(`TRUNCATE audit_log`), /append-only|foreign key/);
  assert.equal((await rowsOf(action)).length, 5, 'nothing was removed');
});

test(`a row changed behind the application's back is detected (${dbLabel()})`, async () => {
  const db = env.database.db;
  const action = tag('tamper');
  for (let i = 0; i < 3; i++) await recordAudit(db, { action, details: { i } });
  const mine = await rowsOf(action);
  assert.equal(mine.length, 3, 'the three entries are stored');
  assert.equal((await verifyAuditChain(db)).ok, true, 'the chain verifies before the change');
  const target = mine[1].id;
  // A superuser bypassing the trigger: what the chain is there to catch. Put back afterwards (the original details
  // are {"i": 1}), so that the chain verifies again for whatever runs next.
  const setDetails = (json: string) =>
    env.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET details = '${json}' WHERE id = ${target};
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
  await setDetails('{"i": 99}');
  try {
    const check = await verifyAuditChain(db);
    assert.equal(check.ok, false);
    assert.equal(check.firstBadId, target);
    assert.equal(check.problem, 'mac', 'the row no longer matches its keyed MAC');
    const admin = await makeUser(env, 'platform_admin');
    const page = await admin.agent.get('/admin/audit?verify=1');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /class="error-summary" role="status"/);
  } finally {
    await setDetails('{"i": 1}');
  }
  assert.equal((await verifyAuditChain(db)).ok, true, 'restored, the chain verifies again');
});

test(`concurrent writers keep one linear chain (${dbLabel()})`, async () => {
  const { database } = env;
  const action = tag('concurrent');
  await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(database.db, { action, details: { i } })));
  assert.equal((await rowsOf(action)).length, 20, 'all twenty entries are stored');
  // The whole table, in order: each row links to the one before it (no fork, however the writers interleaved).
  const rows = await database.query<Row>('select id::int as id, prev_hash, hash from audit_log order by id');
  assert.ok(rows.length >= 20, `${rows.length} rows`);
  assert.equal(rows[0].prev_hash, '0'.repeat(64), 'the first row starts the chain');
  for (let i = 1; i < rows.length; i++)
    assert.equal(rows[i].prev_hash, rows[i - 1].hash, `row ${rows[i].id} links to its predecessor`);
  assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'no two rows share a predecessor');
  const check = await verifyAuditChain(database.db);
  const { lastId, ...rest } = check;
  assert.equal(lastId, rows.at(-1)?.id);
  assert.deepEqual(rest, {
    ok: true,
    checked: rows.length,
    firstBadId: null,
    problem: null,
    legacy: 0,
    anchors: 0,
    anchor: null,
  });
});

test(`entries recorded together chain in their order, among concurrent writers (${dbLabel()})`, async () => {
  const { database } = env;
  const action = tag('together');
  const entries = (g: number) =>
    Array.from({ length: 5 }, (_, i) => ({
      action,
      actor: { id: null, label: `writer ${g}` },
      ip: '192.0.2.7',
      details: { g, i, text: 'نص عربي 中文' },
    }));
  await Promise.all([
    ...[1, 2, 3].map((g) => database.db.transaction((tx) => recordAudits(tx, entries(g)))),
    ...Array.from({ length: 5 }, (_, i) => recordAudit(database.db, { action, details: { single: i } })),
  ]);
  const mine = await database.query<{ g: number | null; i: number | null }>(
    `select (details->>'g')::int as g, (details->>'i')::int as i from audit_log where action = $1 order by id`,
    [action],
  );
  assert.equal(mine.length, 20, 'every entry is stored');
  for (const g of [1, 2, 3]) {
    const order = mine.filter((r) => r.g === g).map((r) => r.i);
    assert.deepEqual(order, [0, 1, 2, 3, 4], `group ${g} is stored in its order`);
  }
  const rows = await database.query<Row>('select id::int as id, prev_hash, hash from audit_log order by id');
  for (let i = 1; i < rows.length; i++)
    assert.equal(rows[i].prev_hash, rows[i - 1].hash, `row ${rows[i].id} links to its predecessor`);
  const check = await verifyAuditChain(database.db);
  assert.equal(check.ok, true, `the chain verifies (${check.problem} at ${check.firstBadId})`);
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
      await recordAudit(asApp.db, {
        action: 'test.as_app_role',
        actor: { id: null, label: 'app-role@example.org' },
        ip: '192.0.2.7',
      });
      // Personal data may be forgotten (UPDATE of audit_personal), never removed.
      assert.ok((await forgetAuditIps(asApp.db, new Date(Date.now() + 60_000))) >= 1, 'the IP address is cleared');
      await assert.rejects(asApp.exec(`DELETE FROM audit_personal`), /permission denied/);
      await assert.rejects(asApp.exec(`TRUNCATE audit_personal`), /permission denied/);
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
