// The anchored audit chain (docs/security.md, "Audit chain"): personal data that can be forgotten without breaking the
// chain; keyed rows that a database superuser cannot rewrite; anchors that reveal truncation; key rotation.
// The set-up writes three legacy rows (as rows written before migration 0014 are: unkeyed, plaintext label and IP), so
// every test runs over a chain that starts with legacy rows. Each test leaves the chain valid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  forgetAuditActor,
  forgetAuditIps,
  listAudit,
  recordAudit,
  verifyAuditChain,
} from '../src/platform/audit/audit.service.ts';
import { dbLabel, makeTestEnv, type TestEnv } from './helper.ts';

let env: TestEnv;
const LEGACY_LABEL = `legacy.${randomBytes(3).toString('hex')}@example.org`;

/** A row as the application wrote them before migration 0014: hash = sha256(prev | canonical body), no key. */
async function insertLegacy(i: number): Promise<void> {
  const [last] = await env.database.query<{ hash: string }>('select hash from audit_log order by id desc limit 1');
  const prev = last?.hash ?? '0'.repeat(64);
  const at = new Date(Date.UTC(2024, 0, 1 + i));
  const body = JSON.stringify([
    at.toISOString(),
    null,
    LEGACY_LABEL,
    'test.legacy',
    'thing',
    `t${i}`,
    '198.51.100.9',
    { i },
  ]);
  const hash = createHash('sha256').update(`${prev}|${body}`).digest('hex');
  const [{ id }] = await env.database.query<{ id: number }>(
    `insert into audit_log (at, action, target_type, target_id, details, prev_hash, hash)
     values ($1, 'test.legacy', 'thing', $2, $3::jsonb, $4, $5) returning id::int as id`,
    [at.toISOString(), `t${i}`, JSON.stringify({ i }), prev, hash],
  );
  await env.database.query(`insert into audit_personal (audit_id, actor_label, ip) values ($1, $2, '198.51.100.9')`, [
    id,
    LEGACY_LABEL,
  ]);
}

before(async () => {
  env = await makeTestEnv({}, false);
  const [{ n }] = await env.database.query<{ n: number }>('select count(*)::int as n from audit_log');
  assert.equal(n, 0, 'the chain starts empty');
  for (let i = 0; i < 3; i++) await insertLegacy(i);
});
after(async () => {
  await env?.close();
});

const tag = (name: string) => `test.${name}.${randomBytes(4).toString('hex')}`;
/** SQL as the database superuser with the append-only triggers off (what the keyed chain is there to catch). */
const asSuperuser = (statements: string) =>
  env.database.exec(
    `ALTER TABLE audit_log DISABLE TRIGGER ALL; ${statements}; ALTER TABLE audit_log ENABLE TRIGGER ALL;`,
  );
const personalOf = (id: number) =>
  env.database.query<{ actor_label: string | null; ip: string | null; legacy_seal: string | null }>(
    'select actor_label, ip, legacy_seal from audit_personal where audit_id = $1',
    [id],
  );

test(`legacy rows verify, unkeyed, before keyed ones (${dbLabel()})`, async () => {
  await recordAudit(env.database.db, { action: tag('after-legacy'), actor: { id: null, label: 'x@example.org' } });
  const check = await verifyAuditChain(env.database.db);
  assert.equal(check.ok, true, JSON.stringify(check));
  assert.equal(check.legacy, 3, 'the three legacy rows are counted as such');
});

test(`forgetting a person keeps the chain valid, on keyed and legacy rows (${dbLabel()})`, async () => {
  const db = env.database.db;
  const action = tag('forget');
  const userId = randomUUID();
  const email = `Person.${randomBytes(3).toString('hex')}@Example.org`;
  for (let i = 0; i < 3; i++)
    await recordAudit(db, { action, actor: { id: userId, label: email }, ip: '203.0.113.5', details: { i } });
  // Typed e-mail of a failed sign-in: no user id, the label only (matched ignoring case).
  await recordAudit(db, { action, actor: { id: null, label: email.toLowerCase() }, ip: '203.0.113.6' });
  await recordAudit(db, { action, actor: { id: null, label: 'someone.else@example.org' }, ip: '203.0.113.7' });

  const n = await forgetAuditActor(db, { actorId: userId, label: email, pseudonym: 'erased-user-1' });
  assert.equal(n, 4, 'the four entries of that person are changed');
  const { rows } = await listAudit(db, { action });
  assert.deepEqual(
    rows.map((r) => [r.actorLabel, r.ip]),
    [['someone.else@example.org', '203.0.113.7'], ...Array(4).fill(['erased-user-1', null])],
    'label pseudonymised and IP cleared on theirs only',
  );
  assert.equal(
    await forgetAuditActor(db, { actorId: userId, label: email, pseudonym: 'erased-user-1' }),
    0,
    'again: 0',
  );
  assert.equal(await forgetAuditActor(db, { pseudonym: 'nobody' }), 0, 'nobody named: nothing changed');
  let check = await verifyAuditChain(db);
  assert.equal(check.ok, true, JSON.stringify(check));

  // A legacy row's hash covers the plaintext: forgetting seals the rest of it with the key first.
  assert.equal(await forgetAuditActor(db, { label: LEGACY_LABEL, pseudonym: 'erased-legacy' }), 3);
  const legacy = await env.database.query<{ id: number }>(
    "select id::int as id from audit_log where action = 'test.legacy' order by id",
  );
  const [p] = await personalOf(legacy[1].id);
  assert.equal(p.actor_label, 'erased-legacy');
  assert.equal(p.ip, null);
  assert.match(p.legacy_seal ?? '', /^[0-9a-f]{8}:[0-9a-f]{64}$/, 'sealed: key id and MAC');
  check = await verifyAuditChain(db);
  assert.equal(check.ok, true, JSON.stringify(check));
  assert.equal(check.legacy, 3);

  // The seal covers the rest of the legacy row: changing it is detected.
  await asSuperuser(`UPDATE audit_log SET details = '{"i": 42}' WHERE id = ${legacy[1].id}`);
  try {
    assert.deepEqual(
      [(await verifyAuditChain(db)).firstBadId, (await verifyAuditChain(db)).problem],
      [legacy[1].id, 'seal'],
    );
  } finally {
    await asSuperuser(`UPDATE audit_log SET details = '{"i": 1}' WHERE id = ${legacy[1].id}`);
  }
  assert.equal((await verifyAuditChain(db)).ok, true, 'restored');
});

test(`IP addresses are cleared after their retention period; the chain still verifies (${dbLabel()})`, async () => {
  const db = env.database.db;
  const action = tag('ips');
  await recordAudit(db, { action, actor: { id: null, label: 'ip@example.org' }, ip: '192.0.2.44' });
  const cut = new Date(Date.now() + 1);
  await new Promise((r) => setTimeout(r, 5));
  await recordAudit(db, { action, actor: { id: null, label: 'ip@example.org' }, ip: '192.0.2.45' });
  const n = await forgetAuditIps(db, cut);
  assert.ok(n >= 1, `${n} IP addresses cleared`);
  const { rows } = await listAudit(db, { action });
  assert.deepEqual(
    rows.map((r) => [r.actorLabel, r.ip]),
    [
      ['ip@example.org', '192.0.2.45'],
      ['ip@example.org', null],
    ],
    'the older IP is gone, the label and the newer IP stay',
  );
  assert.equal(await forgetAuditIps(db, cut), 0, 'again: nothing left to clear');
  const check = await verifyAuditChain(db);
  assert.equal(check.ok, true, JSON.stringify(check));
});

test(`personal data swapped behind the application's back is detected (${dbLabel()})`, async () => {
  const db = env.database.db;
  const action = tag('swap');
  await recordAudit(db, { action, actor: { id: null, label: 'real@example.org' }, ip: '192.0.2.80' });
  const [{ id }] = await env.database.query<{ id: number }>('select id::int as id from audit_log where action = $1', [
    action,
  ]);
  for (const [column, forged, original] of [
    ['actor_label', 'framed@example.org', 'real@example.org'],
    ['ip', '192.0.2.81', '192.0.2.80'],
  ]) {
    await env.database.exec(`UPDATE audit_personal SET ${column} = '${forged}' WHERE audit_id = ${id}`);
    try {
      const check = await verifyAuditChain(db);
      assert.deepEqual([check.ok, check.firstBadId, check.problem], [false, id, 'personal'], column);
    } finally {
      await env.database.exec(`UPDATE audit_personal SET ${column} = '${original}' WHERE audit_id = ${id}`);
    }
  }
  assert.equal((await verifyAuditChain(db)).ok, true, 'restored');
});
