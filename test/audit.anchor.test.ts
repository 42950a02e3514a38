// The anchored audit chain (docs/security.md, "Audit chain"): personal data that can be forgotten without breaking the
// chain; keyed rows that a database superuser cannot rewrite; anchors that reveal truncation; key rotation.
// The set-up writes three legacy rows (as rows written before migration 0014 are: unkeyed, plaintext label and IP), so
// every test runs over a chain that starts with legacy rows. Each test leaves the chain valid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  auditKeys,
  forgetAuditActor,
  forgetAuditIps,
  listAudit,
  recordAudit,
  setAuditAnchorSink,
  setAuditKeys,
  verifyAuditChain,
  writeAuditAnchor,
} from '../src/platform/audit/audit.service.ts';
import { FileAnchorSink } from '../src/platform/audit/anchor.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
const AUDIT_KEY = randomBytes(32).toString('hex');
const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctcp-anchors-'));
const sink = new FileAnchorSink(anchorDir);
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
  env = await makeTestEnv({ auditKey: AUDIT_KEY }, false);
  setAuditAnchorSink(sink); // every verification in this file also checks the anchors written here
  const [{ n }] = await env.database.query<{ n: number }>('select count(*)::int as n from audit_log');
  assert.equal(n, 0, 'the chain starts empty');
  for (let i = 0; i < 3; i++) await insertLegacy(i);
});
after(async () => {
  await env?.close();
  fs.rmSync(anchorDir, { recursive: true, force: true });
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

// ——— The attacks: a database superuser without the audit key ———

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
type Full = {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_digest: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip_digest: string | null;
  details: Record<string, unknown>;
  mac: string | null;
  key_id: string | null;
  prev_hash: string;
  hash: string;
  actor_label: string | null;
  ip: string | null;
};
const fullRows = (fromId: number) =>
  env.database.query<Full>(
    `select l.id::int as id, l.at, l.actor_id, l.actor_digest, l.action, l.target_type, l.target_id, l.ip_digest,
       l.details, l.mac, l.key_id, l.prev_hash, l.hash, p.actor_label, p.ip
     from audit_log l left join audit_personal p on p.audit_id = l.id where l.id >= $1 order by l.id`,
    [fromId],
  );
const q = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);
const setRows = (rows: Pick<Full, 'id' | 'details' | 'mac' | 'key_id' | 'prev_hash' | 'hash'>[]) =>
  asSuperuser(
    rows
      .map(
        (r) => `UPDATE audit_log SET details = ${q(JSON.stringify(r.details))}::jsonb, mac = ${q(r.mac)},
          key_id = ${q(r.key_id)}, prev_hash = ${q(r.prev_hash)}, hash = ${q(r.hash)} WHERE id = ${r.id}`,
      )
      .join(';\n'),
  );
const keyedBody = (r: Full) =>
  canonical([
    'v2',
    new Date(r.at).toISOString(),
    r.actor_id,
    r.actor_digest,
    r.action,
    r.target_type,
    r.target_id,
    r.ip_digest,
    r.details,
    r.key_id,
  ]);
const legacyBody = (r: Full) =>
  canonical([
    new Date(r.at).toISOString(),
    r.actor_id,
    r.actor_label,
    r.action,
    r.target_type,
    r.target_id,
    r.ip,
    r.details,
  ]);

/** Rewrites the target's details, then recomputes its hash and every later one with `rehash` (the chain re-linked). */
async function rewriteChain(
  targetId: number,
  rehash: (prev: string, r: Full) => Pick<Full, 'mac' | 'key_id' | 'hash'>,
) {
  const original = await fullRows(targetId);
  const [before] = await env.database.query<{ hash: string }>(
    'select hash from audit_log where id < $1 order by id desc limit 1',
    [targetId],
  );
  let prev = before?.hash ?? '0'.repeat(64);
  const forged = original.map((r) => {
    const details = r.id === targetId ? { ...r.details, forged: true } : r.details;
    const next = { ...r, details, prev_hash: prev, ...rehash(prev, { ...r, details }) };
    prev = next.hash;
    return next;
  });
  await setRows(forged);
  return () => setRows(original);
}

async function writeRows(action: string, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++)
    await recordAudit(env.database.db, {
      action,
      actor: { id: null, label: 'w@example.org' },
      ip: '192.0.2.1',
      details: { i },
    });
  const rows = await env.database.query<{ id: number }>(
    'select id::int as id from audit_log where action = $1 order by id',
    [action],
  );
  return rows.map((r) => r.id);
}

test(`a row rewritten and every later hash recomputed is detected, whatever the formula (${dbLabel()})`, async () => {
  const db = env.database.db;
  const ids = await writeRows(tag('rewrite'), 5);
  await writeAuditAnchor(db);
  await writeRows(tag('rewrite-after'), 2);
  const target = ids[2];
  const attacks: [string, (prev: string, r: Full) => Pick<Full, 'mac' | 'key_id' | 'hash'>, string][] = [
    // The old, unkeyed formula: the rows pose as legacy ones.
    [
      'old unkeyed formula',
      (prev, r) => ({ mac: null, key_id: null, hash: sha256(`${prev}|${legacyBody(r)}`) }),
      'unkeyed',
    ],
    // The new formula, keeping the MAC the attacker cannot recompute.
    [
      'new formula, old MAC',
      (prev, r) => ({ mac: r.mac, key_id: r.key_id, hash: sha256(`${prev}|${keyedBody(r)}|${r.mac}`) }),
      'mac',
    ],
    // The new formula with a MAC under a key of the attacker's own (named as the real key, or as its own).
    ...(['real', 'own'] as const).map(
      (name): [string, (prev: string, r: Full) => Pick<Full, 'mac' | 'key_id' | 'hash'>, string] => [
        `new formula, MAC under the attacker's key (${name} key id)`,
        (prev, r) => {
          const own = 'attacker-key-'.padEnd(40, 'x');
          const keyId = name === 'real' ? r.key_id : sha256(own).slice(0, 8);
          const body = keyedBody({ ...r, key_id: keyId });
          const mac = createHmac('sha256', own).update(body).digest('hex');
          return { mac, key_id: keyId, hash: sha256(`${prev}|${body}|${mac}`) };
        },
        name === 'real' ? 'mac' : 'unknown-key',
      ],
    ),
  ];
  for (const [name, rehash, problem] of attacks) {
    const restore = await rewriteChain(target, rehash);
    try {
      const check = await verifyAuditChain(db);
      assert.deepEqual([check.ok, check.firstBadId, check.problem], [false, target, problem], name);
    } finally {
      await restore();
    }
    assert.equal((await verifyAuditChain(db)).ok, true, `restored after: ${name}`);
  }
});

test(`the newest rows removed after an anchor are detected, and reported on the page (${dbLabel()})`, async () => {
  const db = env.database.db;
  const admin = await makeUser(env, 'platform_admin'); // (creating a user is audited: before the anchor)
  const ids = await writeRows(tag('truncate'), 6);
  const anchor = await writeAuditAnchor(db);
  assert.equal(anchor?.id, ids[5], 'the anchor records the head');
  const removed = await fullRows(ids[3]);
  await asSuperuser(`DELETE FROM audit_log WHERE id >= ${ids[3]}`);
  try {
    const check = await verifyAuditChain(db);
    assert.deepEqual([check.ok, check.problem, check.firstBadId, check.lastId], [false, 'truncated', ids[5], ids[2]]);
    assert.equal(check.anchor?.count, anchor?.count);
    assert.equal((await verifyAuditChain(db, { sink: null })).ok, true, 'without the anchors the chain looks intact');
    const page = await admin.agent.get('/admin/audit?verify=1');
    assert.match(page.body, /class="error-summary" role="status"/);
    assert.match(page.body, /newest entries were removed/);
  } finally {
    await asSuperuser(
      removed
        .map(
          (r) => `INSERT INTO audit_log (id, at, actor_id, actor_digest, action, target_type, target_id, ip_digest,
            details, mac, key_id, prev_hash, hash) VALUES (${r.id}, '${new Date(r.at).toISOString()}', ${q(r.actor_id)},
            ${q(r.actor_digest)}, ${q(r.action)}, ${q(r.target_type)}, ${q(r.target_id)}, ${q(r.ip_digest)},
            ${q(JSON.stringify(r.details))}::jsonb, ${q(r.mac)}, ${q(r.key_id)}, ${q(r.prev_hash)}, ${q(r.hash)})`,
        )
        .join(';\n'),
    );
  }
  assert.equal((await verifyAuditChain(db)).ok, true, 'restored');
});

test(`a row removed mid-chain, the chain re-linked (MACs still valid): caught by anchors (${dbLabel()})`, async () => {
  const db = env.database.db;
  const ids = await writeRows(tag('relink'), 4);
  await writeAuditAnchor(db);
  const all = await fullRows(ids[1]);
  const [removed, ...later] = all;
  // Re-link: each later row keeps its body and MAC (valid), only prev_hash and hash are recomputed.
  let prev = removed.prev_hash;
  const relinked = later.map((r) => {
    const hash = sha256(`${prev}|${keyedBody(r)}|${r.mac}`);
    const x = { ...r, prev_hash: prev, hash };
    prev = hash;
    return x;
  });
  await asSuperuser(`DELETE FROM audit_log WHERE id = ${removed.id}`);
  await setRows(relinked);
  try {
    const check = await verifyAuditChain(db, { sink: null });
    assert.equal(check.ok, true, 'row by row, the re-linked chain verifies: only an anchor can tell');
    const anchored = await verifyAuditChain(db);
    assert.deepEqual([anchored.ok, anchored.problem], [false, 'anchor-mismatch']);
  } finally {
    await setRows(later);
    await asSuperuser(
      `INSERT INTO audit_log (id, at, actor_id, actor_digest, action, target_type, target_id, ip_digest, details, mac,
        key_id, prev_hash, hash) VALUES (${removed.id}, '${new Date(removed.at).toISOString()}', ${q(removed.actor_id)},
        ${q(removed.actor_digest)}, ${q(removed.action)}, ${q(removed.target_type)}, ${q(removed.target_id)},
        ${q(removed.ip_digest)}, ${q(JSON.stringify(removed.details))}::jsonb, ${q(removed.mac)}, ${q(removed.key_id)},
        ${q(removed.prev_hash)}, ${q(removed.hash)})`,
    );
  }
  assert.equal((await verifyAuditChain(db)).ok, true, 'restored');
});

test(`a forged anchor line is detected (${dbLabel()})`, async () => {
  const db = env.database.db;
  const a = await writeAuditAnchor(db);
  assert.ok(a);
  const file = path.join(anchorDir, 'anchors.jsonl');
  const text = fs.readFileSync(file, 'utf8');
  fs.appendFileSync(file, `${JSON.stringify({ ...a, id: a.id + 1000, count: a.count + 1000 })}\n`);
  try {
    const check = await verifyAuditChain(db);
    assert.deepEqual([check.ok, check.problem, check.firstBadId], [false, 'anchor-forged', a.id + 1000]);
  } finally {
    fs.writeFileSync(file, text);
  }
  const check = await verifyAuditChain(db);
  assert.equal(check.ok, true);
  assert.ok(check.anchors >= 1 && check.anchor?.id === a.id, 'the latest anchor is reported');
});

test('parallel writers on several connections keep a chain that verifies against the anchors', {
  skip: process.env.TEST_DATABASE_URL ? false : 'PGlite is one connection in one process',
}, async () => {
  const [{ db: dbName }] = await env.database.query<{ db: string }>('select current_database() as db');
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${dbName}`;
  const pools = await Promise.all(
    Array.from({ length: 4 }, () => openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://', poolSize: 3 })),
  );
  try {
    const action = tag('parallel');
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        recordAudit(pools[i % 4].db, {
          action,
          actor: { id: null, label: `p${i}@example.org` },
          ip: '192.0.2.9',
          details: { i },
        }),
      ),
    );
    await Promise.all(pools.map((p) => writeAuditAnchor(p.db)));
    const check = await verifyAuditChain(env.database.db);
    assert.equal(check.ok, true, JSON.stringify(check));
    const [{ n }] = await env.database.query<{ n: number }>(
      'select count(*)::int as n from audit_log where action = $1',
      [action],
    );
    assert.equal(n, 60);
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
});

test(`after a key rotation, rows under the previous key verify only while it is listed (${dbLabel()})`, async () => {
  const db = env.database.db;
  const old = auditKeys().current.secret;
  const before = await writeRows(tag('old-key'), 2);
  await writeAuditAnchor(db);
  const rotated = randomBytes(32).toString('hex');
  setAuditKeys(rotated, [old]);
  try {
    await writeRows(tag('new-key'), 2);
    await writeAuditAnchor(db);
    const check = await verifyAuditChain(db);
    assert.equal(check.ok, true, JSON.stringify(check));
    const ids = await env.database.query<{ key_id: string }>(
      'select distinct key_id from audit_log where key_id is not null',
    );
    assert.equal(ids.length, 2, 'rows under two keys');
    setAuditKeys(rotated); // the previous key forgotten
    const rows = await verifyAuditChain(db, { sink: null });
    assert.equal(rows.ok, false);
    assert.equal(rows.problem, 'unknown-key');
    assert.ok(rows.firstBadId !== null && rows.firstBadId <= before[0], 'at the first row under the old key');
    const anchors = await verifyAuditChain(db);
    assert.deepEqual([anchors.ok, anchors.problem], [false, 'anchor-forged'], 'anchors under the old key fail too');
  } finally {
    setAuditKeys(rotated, [old]);
  }
  assert.equal((await verifyAuditChain(db)).ok, true);
});
