// `ctcp serve --demo` seeds an empty database before it builds the app: every module's seed must run without an
// app having registered anything (a seed that goes through a service meets its access rules). This file builds no
// app on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { migrateDatabase, openDatabase } from '../src/platform/db/client.ts';
import { seedAll } from '../src/seed.ts';

test('the demo seed runs on an empty embedded database before any app is built', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctcp-seed-'));
  const config = loadConfig(
    { env: 'test', logLevel: 'silent', filesDir: path.join(dir, 'files') },
    { ...process.env, DATABASE_URL: '' },
  );
  const database = await openDatabase({ databaseUrl: '', dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const counts = await seedAll(database.db, config, true);
    assert.ok((counts.news ?? 0) > 0, `demo news seeded: ${JSON.stringify(counts)}`);
    // The demo's public library documents reach anonymous visitors: published through the workflow by two people.
    const [{ n }] = await database.query<{ n: number }>(
      `select count(*)::int as n from publishing_revisions
        where subject_kind = 'library' and state = 'published' and author_id <> approver_id`,
    );
    assert.ok(n > 0, 'demo library documents published with two signatures');
    // A choice among languages (the demo roundtable's interpretation) offers their names in each language, not codes.
    type Question = { id: string; options: { value: string; label: Record<string, { text: string }> }[] };
    const [{ questions }] = await database.query<{ questions: Question[] }>(
      `select questions from events where slug = 'demo-roundtable-registration'`,
    );
    const fr = questions.find((q) => q.id === 'interpretation')?.options.find((o) => o.value === 'fr');
    assert.deepEqual(
      [fr?.label.en.text, fr?.label.fr.text, fr?.label.ar.text, fr?.label.zh.text],
      ['French', 'Français', 'الفرنسية', '法语'],
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
