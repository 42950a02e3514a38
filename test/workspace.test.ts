// The per-person workspace: notifications (platform/notify), the modules' tasks, the home page, the personal
// iCalendar feed. Through app.inject on both databases; concurrency on PostgreSQL uses real parallel connections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { notifications } from '../src/platform/notify/notify.schema.ts';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { notify, notifyAndMail, resolveNotifications, unreadCount } from '../src/platform/notify/notify.service.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;

before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

test(`notify: one notification and one e-mail for one dedupe key under concurrency (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const key = `test:concurrency:${u.id}`;
  const results = await Promise.all(
    Array.from({ length: 8 }, () =>
      env.database.db.transaction((tx) =>
        notifyAndMail(tx, {
          userId: u.id,
          kind: 'test',
          messageKey: 'notifications.test',
          values: {},
          url: '/account',
          dedupeKey: key,
          mail: { subjectKey: 'notifications.test', kind: 'test_notify', baseUrl: 'http://x', smtpConfigured: false },
        }),
      ),
    ),
  );
  assert.equal(results.filter((r) => r.created).length, 1);
  assert.equal(results.filter((r) => r.mailed).length, 1);
  const rows = await env.database.db.select().from(notifications).where(eq(notifications.dedupeKey, key));
  assert.equal(rows.length, 1);
  const mails = await env.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, u.email), eq(mailOutbox.kind, 'test_notify')));
  assert.equal(mails.length, 1);
});

test('notify without a dedupe key always creates; resolve settles a key family by segment prefix', async () => {
  const u = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const db = env.database.db;
  assert.equal((await notify(db, { userId: u.id, kind: 'x', messageKey: 'notifications.test' })).created, true);
  assert.equal((await notify(db, { userId: u.id, kind: 'x', messageKey: 'notifications.test' })).created, true);
  await notify(db, { userId: u.id, kind: 'x', messageKey: 'notifications.test', dedupeKey: `fam:1:${u.id}` });
  await notify(db, { userId: u.id, kind: 'x', messageKey: 'notifications.test', dedupeKey: `fam:10:${u.id}` });
  assert.equal(await unreadCount(db, u.id), 4);
  assert.equal(await resolveNotifications(db, 'fam:1'), 1);
  assert.equal(await unreadCount(db, u.id), 3);
  const left = await db.select().from(notifications).where(like(notifications.dedupeKey, 'fam:10:%'));
  assert.equal(left[0].resolvedAt, null);
});
