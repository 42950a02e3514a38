// E-mail over a real SMTP conversation: the outbox row is written with the change, the mail job delivers it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { eq, sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { MailWorker, queueMail, retryDelayMs } from '../src/platform/mail/mailer.ts';
import { CONFIRMED, dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';
import { api } from './api.helpers.ts';

let env: TestEnv;
let smtp: SMTPServer;
const received: { to: string; raw: string }[] = [];
/** While set, the SMTP server refuses every message (451, try again later). */
let refusing = false;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, cb) {
      if (!refusing) return cb();
      const err = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
      err.responseCode = 451;
      cb(err);
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d) => {
        raw += d;
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  env = await makeTestEnv({ smtpUrl: `smtp://127.0.0.1:${port}`, mailWorker: false });
});
after(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

test(`an invitation is delivered over SMTP in the invitee's language and marked sent (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const email = 'smtp.invitee@test.ctcp.localhost';
  const res = await admin.agent.post('/invitations', { email, name: 'Ли Вэй', role: 'observer', locale: 'ru' });
  assert.equal(res.statusCode, 303);
  const [row] = await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  assert.equal(row.status, 'pending');
  const worker = new MailWorker(env.database.db, env.config.smtpUrl!, env.config.mailFrom, env.app.log);
  assert.equal(await worker.tick(), 1);
  await worker.stop();
  const [sent] = await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  assert.equal(sent.status, 'sent');
  const msg = received.find((m) => m.to === email);
  assert.ok(msg, 'the SMTP server received the message');
  assert.match(msg.raw, /Content-Language: ru/);
  assert.match(msg.raw, /charset=utf-8/i);
});

test(`without SMTP the message is kept in the outbox, readable by an administrator only (${dbLabel()})`, async () => {
  const local = await makeTestEnv();
  try {
    const admin = await makeUser(local, 'platform_admin', { orgSlug: 'unoct' });
    await admin.agent.post('/invitations', {
      email: 'held@test.ctcp.localhost',
      name: 'Held',
      role: 'observer',
      locale: 'zh',
    });
    const [row] = await local.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'held@test.ctcp.localhost'));
    assert.equal(row.status, 'held');
    const page = await admin.agent.get(`/admin/outbox/${row.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(row.subject));
    assert.match(page.body, /<a href="http:\/\/localhost:3000\/invitations\/[\w-]+">/);
    assert.ok(!page.body.includes('data-testid="mail-attachments"'), 'no attachments, no such line');
    // A message with a file (a registration's calendar file) names it, with its type and size.
    await queueMail(
      local.database.db,
      {
        to: 'with.file@test.ctcp.localhost',
        locale: 'en',
        kind: 'test_mail',
        subject: 'With a file',
        text: 'See the file.',
        html: '<p>See the file.</p>',
        attachments: [
          { filename: 'event.ics', contentType: 'text/calendar; charset=utf-8', content: 'x'.repeat(2048) },
        ],
      },
      false,
    );
    const [withFile] = await local.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'with.file@test.ctcp.localhost'));
    const filePage = (await admin.agent.get(`/admin/outbox/${withFile.id}`)).body;
    assert.match(filePage, /<bdi dir="ltr">event\.ics<\/bdi> \(text\/calendar, 2 kB\)/);
    // The list narrowed by state and by part of the address (any case; % and _ are plain characters).
    const listed = async (q: string) => {
      const r = await admin.agent.get(`/admin/outbox?${q}`);
      assert.equal(r.statusCode, 200, q);
      const all = r.body.slice(r.body.indexOf('id="all"'));
      return { withFile: all.includes('With a file'), invitation: all.includes(row.subject), body: all };
    };
    const byAddress = await listed('status=held&to=WITH.FILE');
    assert.deepEqual([byAddress.withFile, byAddress.invitation], [true, false]);
    const held = await listed('status=held&to=');
    assert.deepEqual([held.withFile, held.invitation], [true, true]);
    assert.match(held.body, /<option value="held" selected/);
    const sent = await listed('status=sent');
    assert.deepEqual([sent.withFile, sent.invitation], [false, false]);
    assert.ok(sent.body.includes('No e-mail matches these filters.'));
    assert.equal((await listed('to=%25')).withFile, false, 'a % matches a % only');
    const bad = await admin.agent.get('/admin/outbox?status=lost');
    assert.equal(bad.statusCode, 400);
    // The same list through the API.
    const viaApi = await api(local, admin, 'GET', '/api/v1/outbox?status=held&to=WITH.FILE');
    assert.equal(viaApi.status, 200);
    assert.deepEqual(
      viaApi.json().items.map((m: { to: string }) => m.to),
      ['with.file@test.ctcp.localhost'],
    );
    assert.equal(viaApi.json().total, 1);
    assert.equal((await api(local, admin, 'GET', '/api/v1/outbox?status=lost')).status, 400);
    assert.equal((await api(local, await makeUser(local, 'coordinator'), 'GET', '/api/v1/outbox')).status, 403);
    const observer = await makeUser(local, 'observer');
    assert.equal((await observer.agent.get(`/admin/outbox/${row.id}`)).statusCode, 403);
  } finally {
    await local.close();
  }
});

const message = (to: string, kind = 'test_mail') => ({
  to,
  locale: 'fr',
  kind,
  subject: `Message for ${to}`,
  text: 'Bonjour',
  html: '<p>Bonjour</p>',
});
const rowOf = async (to: string) => (await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0];
const worker = (opts: { retryBaseMs?: number; maxAttempts?: number } = {}) =>
  new MailWorker(env.database.db, env.config.smtpUrl!, env.config.mailFrom, env.app.log, { leaseMs: 60_000, ...opts });

test(`held e-mails (no SMTP yet) go out when the mail job starts with SMTP (${dbLabel()})`, async () => {
  const to = 'held.then.sent@test.ctcp.localhost';
  await queueMail(env.database.db, message(to), false);
  assert.equal((await rowOf(to)).status, 'held');
  const w = worker();
  // The held → pending move is the job's start; a tick alone does not send held messages.
  assert.equal(await w.tick(), 0);
  await w.start();
  try {
    assert.equal((await rowOf(to)).status, 'pending');
    assert.ok((await w.tick()) >= 1);
  } finally {
    await w.stop();
  }
  const row = await rowOf(to);
  assert.equal(row.status, 'sent');
  assert.equal(row.claimedUntil, null);
  assert.match(row.messageId ?? '', /^<[0-9a-f-]{36}@ctcp\.localhost>$/);
  const msg = received.find((m) => m.to === to);
  assert.ok(msg);
  assert.ok(msg.raw.includes(`Message-ID: ${row.messageId}`), 'sent with its Message-ID');
});

test(`SMTP refusing: backoff, failed after the last attempt, resent by an administrator (${dbLabel()})`, async () => {
  const to = 'dead.letter@test.ctcp.localhost';
  await queueMail(env.database.db, message(to), true);
  const w = worker({ retryBaseMs: 60_000, maxAttempts: 3 });
  refusing = true;
  try {
    assert.equal(await w.tick(), 0);
    const first = await rowOf(to);
    assert.equal(first.status, 'pending');
    assert.equal(first.attempts, 1);
    assert.equal(first.claimedUntil, null, 'the claim is released');
    assert.match(first.lastError ?? '', /451/);
    const wait = first.nextAttemptAt.getTime() - Date.now();
    assert.ok(wait > 50_000 && wait <= 60_000, `first retry in about a minute (${wait} ms)`);
    // Not due yet: not tried again.
    await w.tick();
    assert.equal((await rowOf(to)).attempts, 1);
    const due = () =>
      env.database.db
        .update(mailOutbox)
        .set({ nextAttemptAt: sql`now() - interval '1 second'` })
        .where(eq(mailOutbox.to, to));
    await due();
    await w.tick();
    const second = await rowOf(to);
    assert.equal(second.attempts, 2);
    assert.equal(second.status, 'pending');
    const wait2 = second.nextAttemptAt.getTime() - Date.now();
    assert.ok(wait2 > 110_000 && wait2 <= 120_000, `then in about two minutes (${wait2} ms)`);
    assert.equal(second.messageId, first.messageId, 'one Message-ID for every attempt');
    await due();
    await w.tick();
    const dead = await rowOf(to);
    assert.equal(dead.status, 'failed');
    assert.equal(dead.attempts, 3);
    await due();
    await w.tick();
    assert.equal((await rowOf(to)).attempts, 3, 'a failed message is not tried again');
  } finally {
    refusing = false;
  }
  assert.equal(retryDelayMs(30, 30_000), 30_000 * 720, 'the backoff is capped');

  // The administrator sees it among the failed e-mails, with its last error and attempts, and resends it.
  const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const { id, messageId } = await rowOf(to);
  const page = await admin.agent.get('/admin/outbox');
  assert.equal(page.statusCode, 200);
  const failedSection = page.body.slice(
    page.body.indexOf('id="failed"'),
    page.body.indexOf('<h2', page.body.indexOf('id="failed"') + 5),
  );
  assert.ok(failedSection.includes(`/admin/outbox/${id}/resend`), 'a Resend action');
  assert.ok(failedSection.includes('Mailbox busy'), 'its last error');
  assert.ok(failedSection.includes('<td>3</td>') || />\s*3\s*</.test(failedSection), 'its attempts');
  const unconfirmed = await admin.agent.post(`/admin/outbox/${id}/resend`, {});
  assert.equal(unconfirmed.statusCode, 303);
  assert.equal((await rowOf(to)).status, 'failed', 'nothing happens before the confirmation');
  const confirmPage = await admin.agent.get(`/admin/outbox/${id}/resend`);
  assert.equal(confirmPage.statusCode, 200);
  assert.ok(confirmPage.body.includes(to));
  const done = await admin.agent.post(`/admin/outbox/${id}/resend`, CONFIRMED);
  assert.equal(done.statusCode, 303);
  const back = await rowOf(to);
  assert.equal(back.status, 'pending');
  assert.equal(back.attempts, 0);
  const [audit] = await env.database.query<{ n: number }>(
    "select count(*)::int as n from audit_log where action = 'mail.resent' and target_id = $1",
    [id],
  );
  assert.equal(audit.n, 1, 'audited');
  // A queued message cannot be resent (translated 409), here through the JSON API.
  const queued = await api(env, admin, 'POST', `/api/v1/outbox/${id}/resend`);
  assert.equal(queued.status, 409);
  const before = received.length;
  assert.equal(await w.tick(), 1);
  const sent = await rowOf(to);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.messageId, messageId);
  assert.equal(received.length, before + 1);
  // Sent messages can be resent too, through the JSON API; the failed list is there as well.
  const again = await api(env, admin, 'POST', `/api/v1/outbox/${id}/resend`);
  assert.equal(again.status, 200);
  assert.equal(again.json().status, 'pending');
  assert.equal(again.json().attempts, 0);
  const list = await api(env, admin, 'GET', '/api/v1/outbox/failed');
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(list.json().items));
  const observer = await makeUser(env, 'observer');
  assert.equal((await api(env, observer, 'POST', `/api/v1/outbox/${id}/resend`)).status, 403);
  assert.equal((await observer.agent.get(`/admin/outbox/${id}/resend`)).statusCode, 403);
  await w.stop();
});
