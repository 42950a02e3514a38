// Reminder e-mails: once per accepted registration of an event starting within N days, in the registrant's language,
// also when two runs race; the CLI command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { and, eq, like } from 'drizzle-orm';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { eventRegistrations, events } from '../src/modules/events/events.schema.ts';
import { seedEvents, sendReminders } from '../src/modules/events/index.ts';
import { dbLabel, makeTestEnv, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
});
after(async () => {
  await env?.close();
});

test(
  "reminders: once per accepted registration, in the registrant's " +
    `language, concurrent runs included (${dbLabel()})`,
  async () => {
    const db = env.database.db;
    const [demo] = await db.select().from(events).where(eq(events.slug, 'demo-roundtable-registration'));
    const accepted = await db
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, demo.id), eq(eventRegistrations.status, 'accepted')));
    assert.ok(accepted.length >= 1);
    await db.update(eventRegistrations).set({ locale: 'ru' }).where(eq(eventRegistrations.id, accepted[0].id));
    assert.equal(await sendReminders(db, env.config, { days: 2 }), 0, 'the demo event is four weeks away');
    const [a, b] = await Promise.all([
      sendReminders(db, env.config, { days: 30, batch: 2 }),
      sendReminders(db, env.config, { days: 30, batch: 2 }),
    ]);
    assert.equal(a + b, accepted.length, 'each registration once, whichever run claimed it');
    assert.equal(await sendReminders(db, env.config, { days: 30 }), 0, 'idempotent');
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'event_reminder'));
    assert.equal(mails.length, accepted.length);
    const ru = mails.find((m) => m.to === accepted[0].email)!;
    assert.match(ru.subject, /^Напоминание: /);
    assert.match(ru.text, /Напоминаем о вашем участии/);
    const left = await db.select().from(mailOutbox).where(like(mailOutbox.subject, 'Reminder:%'));
    assert.equal(left.length, accepted.length - 1);
    await assert.rejects(sendReminders(db, env.config, { days: 0 }), RangeError);
  },
);

test('ctcp send-reminders: help and argument checking', () => {
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'send-reminders', '--help'], {
    encoding: 'utf8',
  });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: ctcp send-reminders \[--days N\]/);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'send-reminders', '--days', 'x'], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: 'memory://', DATABASE_URL: '' },
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--days must be a whole number from 1 to 60/);
});
