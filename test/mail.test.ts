// E-mail over a real SMTP conversation: the outbox row is written with the change, the mail job delivers it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { MailWorker } from '../src/platform/mail/mailer.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
let smtp: SMTPServer;
const received: { to: string; raw: string }[] = [];

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
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
    const observer = await makeUser(local, 'observer');
    assert.equal((await observer.agent.get(`/admin/outbox/${row.id}`)).statusCode, 403);
  } finally {
    await local.close();
  }
});
