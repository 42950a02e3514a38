// Uploaded files in either store, through the application: an event document's file uploaded with the API is
// stored under a server-made key, downloads with the same bytes (SHA-256), disappears from the store when a new
// version replaces it, and `ctcp backup` carries it. The same test runs against local disk (FILES_DIR) and against
// an S3-compatible server (s3rver, started here on a free port, path-style addressing as MinIO and most servers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { loadConfig, ConfigError, type Config } from '../src/config.ts';
import { diskStore, fileStore, s3Store } from '../src/platform/files/storage.ts';
import { createBackup, inspectBackup, restoreBackup, verifyAgainst } from '../src/platform/backup/backup.ts';
import { dbLabel, makeTestEnv, makeUser, openTestDatabase, orgId, type TestEnv } from './helper.ts';
import { createPublishedEvent } from './events.helpers.ts';
import { apiUpload } from './api.helpers.ts';
import { PDF } from './events.helpers.ts';

let tmp = '';
let server: S3rver | undefined;
let endpoint = '';
const BUCKET = 'ctcp-files';
const RESTORED = 'ctcp-restored';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'ctcp-storage-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(tmp, 's3'),
    configureBuckets: [{ name: BUCKET }, { name: RESTORED }],
  });
  endpoint = `http://127.0.0.1:${(await server.run()).port}`;
});
after(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const s3Settings = (): NonNullable<Config['s3']> => ({
  bucket: BUCKET,
  endpoint,
  region: 'us-east-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
});

for (const backend of ['disk', 's3'] as const) {
  test(`an event document's file: upload, download, replace, backup (${backend}, ${dbLabel()})`, async (t) => {
    const filesDir = path.join(tmp, `files-${backend}`);
    const env: TestEnv = await makeTestEnv(backend === 's3' ? { filesDir, s3: s3Settings() } : { filesDir });
    t.after(() => env.close());
    const store = fileStore(env.config);
    assert.equal(store.kind, backend);
    const unodc = await orgId(env, 'unodc');
    const focal = await makeUser(env, 'entity_focal_point', { orgId: unodc, focalPoint: true });
    const slug = `storage-${backend}`;
    const created = await createPublishedEvent(env, focal, {
      slug,
      type: 'conference',
      status: 'published',
      format: 'in_person',
      visibility: 'public',
      title: { en: { text: `Storage ${backend}`, status: 'original' } },
      timeZone: 'America/New_York',
      startsAt: `${day}T09:00`,
      endsAt: `${day}T18:00`,
      openTo: ['un_entity'],
      registrationMode: 'automatic',
      waitlist: false,
      participantList: 'organizers',
      organizers: [unodc],
    });
    assert.equal(created.status, 201, created.body);

    const url = `/api/v1/events/${slug}/documents`;
    const fields = { kind: 'concept_note', title: 'Concept note', titleLanguage: 'en', language: 'en' };
    const first = Buffer.concat([PDF, Buffer.from(`% ${backend} first\n`)]);
    const up = await apiUpload(env, focal, url, { ...fields, status: 'original' }, { name: 'note.pdf', data: first });
    assert.equal(up.status, 201, up.body);
    const doc = up.json();
    // The file is revision 1 of its language in the library document the event document points at.
    const revision = (n: number) =>
      env.database.query<{ file: { key: string; sha256: string; size: number } }>(
        `select json_build_object('key', f.file_key, 'sha256', f.sha256, 'size', f.size) as file
           from library_files f join event_documents e on e.library_document_id = f.document_id
          where e.id = '${doc.id}' and f.language = 'en' and f.revision = ${n}`,
      );
    const [row] = await revision(1);
    const firstKey = row.file.key;
    assert.match(firstKey, /^[0-9a-f]{2}\/[0-9a-f-]{36}$/, 'a server-made key');
    assert.equal(row.file.sha256, sha256(first));
    assert.equal(row.file.size, first.length);
    assert.ok((await store.list()).includes(firstKey), `the object is in the ${backend} store`);
    assert.equal(sha256(await store.read(firstKey)), sha256(first));

    // The download goes through the application (no public URL of the store is ever handed out).
    const href = new URL(doc.versions.en.file.href).pathname;
    assert.doesNotMatch(doc.versions.en.file.href, new RegExp(endpoint.replace(/[.:/]/g, '\\$&')));
    const down = await env.app.inject({ method: 'GET', url: href });
    assert.equal(down.statusCode, 200);
    assert.equal(sha256(down.rawPayload), sha256(first));

    // A new version of the same language is its next revision: the page serves it, the earlier one is kept.
    const second = Buffer.concat([PDF, Buffer.from(`% ${backend} second\n`)]);
    const again = await apiUpload(
      env,
      focal,
      `${url}/${doc.id}/versions`,
      { language: 'en', status: 'original', title: 'Concept note' },
      { name: 'note-2.pdf', data: second },
    );
    assert.equal(again.status, 201, again.body);
    assert.equal(sha256(await store.read(firstKey)), sha256(first), 'revision 1 is kept');
    const down2 = await env.app.inject({ method: 'GET', url: href });
    assert.equal(down2.statusCode, 200);
    assert.equal(sha256(down2.rawPayload), sha256(second));

    // The backup carries the store's objects, each with its SHA-256, and verifies against the store.
    const out = path.join(tmp, `backup-${backend}.tar`);
    const { manifest } = await createBackup({
      database: env.database,
      databaseUrl: env.databaseUrl,
      files: store,
      out,
    });
    const now = (await revision(2))[0].file;
    const entry = manifest.files.find((f) => f.key === now.key);
    assert.deepEqual(entry, { key: now.key, size: second.length, sha256: sha256(second) });
    assert.ok(
      manifest.files.some((f) => f.key === firstKey),
      'both revisions are in the backup',
    );
    assert.equal((await inspectBackup(out)).files.length, manifest.files.length);
    const v = await verifyAgainst(env.database, store, manifest);
    assert.deepEqual(v.files, { checked: manifest.files.length, mismatched: [] });

    // Restored into an empty database and an empty store of the same kind: the same bytes under the same key.
    const into = backend === 's3' ? s3Store({ ...s3Settings(), bucket: RESTORED }) : diskStore(path.join(tmp, 'into'));
    const target = env.databaseUrl ? await openTestDatabase() : undefined;
    try {
      const r = await restoreBackup(out, {
        databaseUrl: target?.databaseUrl,
        dataDir: path.join(tmp, `restored-${backend}`),
        files: into,
      });
      assert.equal(r.verification.ok, true, JSON.stringify(r.verification));
      assert.deepEqual(await into.list(), manifest.files.map((f) => f.key).sort());
      assert.equal(sha256(await into.read(now.key)), sha256(second));
    } finally {
      await target?.drop();
    }
  });
}

test('a missing bucket is told before anything uses it', async () => {
  await fileStore({ filesDir: tmp, s3: s3Settings() }).check();
  await assert.rejects(
    s3Store({ ...s3Settings(), bucket: 'no-such-bucket' }).check(),
    /S3 bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ cannot be used: it does not exist/,
  );
});

test('S3 settings are validated', () => {
  const env = { NODE_ENV: 'test' } as NodeJS.ProcessEnv;
  const s3 = loadConfig({}, { ...env, S3_BUCKET: 'ctcp-files', S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3;
  assert.deepEqual(s3, {
    bucket: 'ctcp-files',
    endpoint: 'http://127.0.0.1:9000',
    region: 'us-east-1',
    forcePathStyle: true,
  });
  assert.equal(loadConfig({}, { ...env, S3_BUCKET: 'ctcp-files' }).s3?.forcePathStyle, false);
  assert.equal(loadConfig({}, env).s3, undefined, 'local disk by default');
  const bad = (e: NodeJS.ProcessEnv, re: RegExp) =>
    assert.throws(
      () => loadConfig({}, { ...env, ...e }),
      (x: unknown) => x instanceof ConfigError && re.test(String(x)),
    );
  bad({ S3_ENDPOINT: 'http://127.0.0.1:9000' }, /without S3_BUCKET/);
  bad({ S3_BUCKET: 'ctcp-files', S3_ACCESS_KEY_ID: 'a' }, /go together/);
  bad({ S3_BUCKET: 'Not A Bucket' }, /s3\/bucket/);
  bad({ S3_BUCKET: 'ctcp-files', S3_ENDPOINT: 'ftp://x' }, /s3\/endpoint/);
});
