// The OpenAPI document: checked by an independent linter (Redocly CLI, the recommended ruleset in redocly.yaml) and by
// the platform's own rules — every operation has a unique readable operationId, schemas have names (no `def-N`), every
// response has a real description, `servers` and `info.license` are present — and every status an operation answers
// is one the document declares for it (each operation is called as an anonymous reader, with a read-only token, with
// a write token of a role without rights, and with unknown ids and an empty body).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; $ref?: string }>;
}
interface Document {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; responses?: Record<string, { description: string }> };
}

let env: TestEnv;
let doc: Document;
let dir = '';
const tokens: Record<string, string> = {};

before(async () => {
  // The document names this platform's address as its server (BASE_URL): a reserved test domain here.
  env = await makeTestEnv({ baseUrl: 'https://ctcp.test' });
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
  dir = await mkdtemp(path.join(tmpdir(), 'ctcp-openapi-'));
  for (const [name, role, scopes] of [
    ['observerRead', 'observer', ['read']],
    ['observerWrite', 'observer', ['write']],
    ['adminWrite', 'platform_admin', ['write']],
  ] as const) {
    const u = await makeUser(env, role, { orgSlug: 'unoct' });
    const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
    tokens[name] = (
      await createApiToken(
        { db: env.database.db, config: env.config, actor },
        { name, scopes: [...scopes], expiresInDays: 1 },
      )
    ).token;
  }
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await env?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ path: p, method: m.toUpperCase(), op })),
  );

test(`Redocly CLI lints the generated document (recommended rules): 0 errors, 0 warnings (${dbLabel()})`, async () => {
  const file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc, null, 2));
  const root = path.resolve(import.meta.dirname, '..');
  const cli = path.join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const run = await promisify(execFile)(
    process.execPath,
    [cli, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'],
    {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { stdout?: string; code?: number }) => ({ stdout: err.stdout ?? '', code: err.code }));
  const report = JSON.parse(run.stdout) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  const list = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
  console.log(
    `# redocly lint: ${operations().length} operations, ${report.totals.errors} errors, ` +
      `${report.totals.warnings} warnings`,
  );
  assert.equal(report.totals.errors, 0, list.join('\n'));
  assert.equal(report.totals.warnings, 0, list.join('\n'));
});

test(`unique readable operationIds, named schemas, no "Default Response", servers, licence (${dbLabel()})`, () => {
  const ops = operations();
  const missing = ops.filter((o) => !o.op.operationId).map((o) => `${o.method} ${o.path}`);
  assert.deepEqual(missing, [], 'operations without an operationId');
  const ids = ops.map((o) => o.op.operationId!);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dup, [], 'duplicate operationIds');
  const unreadable = ids.filter((id) => !/^[a-z][A-Za-z]{2,80}$/.test(id));
  assert.deepEqual(unreadable, [], 'operationIds that are not lower camel case words');
  const unnamed = Object.keys(doc.components.schemas ?? {}).filter((n) => /^def-\d+$/.test(n));
  assert.deepEqual(unnamed, [], 'schemas named def-N');
  const text = JSON.stringify(doc);
  assert.ok(!text.includes('Default Response'), 'a response described as "Default Response"');
  assert.ok(!text.includes('#/components/schemas/def-'), 'a reference to a def-N schema');
  assert.ok(doc.servers?.length, 'servers');
  assert.ok(doc.info.license?.name, 'info.license');
  // A sample of the names a client sees.
  const byRoute = new Map(ops.map((o) => [`${o.method} ${o.path}`, o.op.operationId]));
  assert.equal(byRoute.get('GET /api/v1/compact/meetings'), 'listMeetings');
  assert.equal(byRoute.get('GET /api/v1/compact/meetings/{id}'), 'getMeeting');
  assert.equal(byRoute.get('POST /api/v1/compact/meetings'), 'createMeeting');
  assert.equal(byRoute.get('GET /api/v1/organizations/{id}/people'), 'listOrganizationPeople');
  assert.equal(byRoute.get('POST /api/v1/events/{id}/registrations/{rid}/decision'), 'decideEventRegistration');
  console.log(`# openapi: ${ops.length} operations, ${Object.keys(doc.components.schemas ?? {}).length} named schemas`);
});

test(`every status an operation answers is declared in the document (${dbLabel()})`, async () => {
  const undeclared = new Set<string>();
  let calls = 0;
  const uuid = '00000000-0000-4000-8000-000000000000';
  for (const { path: p, method, op } of operations()) {
    const url = p.replace(/\{[^}]+\}/g, uuid);
    const declared = new Set(Object.keys(op.responses));
    for (const who of [null, 'observerRead', 'observerWrite', 'adminWrite'] as const) {
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
          ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
        },
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
      });
      calls++;
      const status = String(res.statusCode);
      if (!declared.has(status)) undeclared.add(`${method} ${p} (${who ?? 'anonymous'}) → ${status}`);
    }
  }
  console.log(`# openapi statuses: ${calls} calls, ${undeclared.size} undeclared statuses`);
  assert.deepEqual([...undeclared], []);
});
