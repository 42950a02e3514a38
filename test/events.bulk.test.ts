// Organizers' bulk tools: the import of registrations from CSV/XLSX (a dry run that lists every row's errors, a commit
// that stores all rows or none, idempotent re-import, people without accounts, confirmation e-mails in each person's
// language), one decision for many registrations (all or nothing against the seats), messages e-mailed once, badges
// and the printable list, the same through the API; import against online registrations for the last seats.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { mailOutbox } from '../src/platform/mail/mail.schema.ts';
import { auditLog } from '../src/platform/audit/audit.schema.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { eventOrganizers, eventRegistrations, events } from '../src/modules/events/events.schema.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { postForm, postUpload } from './events.helpers.ts';

let env: TestEnv;
let coordinator: TestUser;
let coordinatorToken = '';
before(async () => {
  env = await makeTestEnv();
  coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  coordinatorToken = await token(coordinator);
  // The first render of a page compiles its views: done here, not inside the first test's time.
  await coordinator.agent.get('/events');
});
after(async () => {
  await env?.close();
});

async function token(u: TestUser) {
  const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
  return (
    await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
}

let n = 0;
async function makeEvent(over: Partial<typeof events.$inferInsert> = {}) {
  const slug = `bulk-event-${++n}-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 14 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug,
      type: 'conference',
      title: {
        en: { text: `Fictional conference ${n}`, status: 'original' },
        fr: { text: `Conférence fictive ${n}`, status: 'reviewed' },
      },
      format: 'in_person',
      timeZone: 'UTC',
      startsAt: start,
      endsAt: new Date(start.getTime() + 8 * 3600_000),
      registrationMode: 'automatic',
      capacity: null,
      waitlist: true,
      ...over,
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  return e;
}

const regs = (eventId: string) =>
  env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));
const outboxCount = async () => (await env.database.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0].n;
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n'));
const HEADER = ['name', 'email', 'language', 'country', 'organization', 'organization_name', 'organization_type'];

async function apiUpload(url: string, file: { name: string; data: Buffer }, bearer = coordinatorToken) {
  const boundary = `----ctcp${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return env.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({
    method,
    url,
    payload: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      authorization: `Bearer ${coordinatorToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
  });

test(`import: a dry run lists every row's errors; a commit with any error stores nothing (${dbLabel()})`, async () => {
  const e = await makeEvent();
  const file = csv([
    HEADER,
    ['Amina Fictional', 'amina@import.example', 'fr', 'KEN', '', '', ''],
    ['Bad Address', 'not-an-address', '', '', '', '', ''],
    ['Unknown Country', 'uc@import.example', '', 'XYZ', '', '', ''],
    ['Amina Again', 'AMINA@import.example', '', '', '', '', ''],
    ['No Type', 'nt@import.example', '', '', '', 'Fictional Institute', ''],
    ['Bad Organization', 'bo@import.example', '', '', 'NO-SUCH-ORG', '', ''],
    ['Fine Person', 'fine@import.example', 'ar', '', 'UNODC', '', ''],
  ]);
  const outbox = await outboxCount();
  for (const mode of ['dry', 'commit']) {
    const r = await postUpload(
      env,
      coordinator.agent,
      `/events/${e.slug}/registrations/import`,
      { mode },
      {
        name: 'attendees.csv',
        data: file,
      },
    );
    assert.equal(r.statusCode, 422, mode);
    for (const [row, m] of [
      [3, /“not-an-address” is not an e-mail address/],
      [4, /No Member State has the code “XYZ”/],
      [5, /amina@import\.example is already on row 2 of this file/],
      [6, /Give the organization’s type/],
      [7, /No State or organization has the code “NO-SUCH-ORG”/],
    ] as const) {
      assert.match(r.body, m, `${mode}: row ${row}`);
      assert.match(r.body, new RegExp(`<td>${row}</td>`), `${mode}: row ${row} is named`);
    }
    assert.match(r.body, /5 rows have errors/);
    assert.match(r.body, /Nothing was stored/);
  }
  assert.equal((await regs(e.id)).length, 0, 'nothing stored');
  assert.equal(await outboxCount(), outbox, 'no e-mail');
  // The API says the same, row by row.
  const a = await apiUpload(`/api/v1/events/${e.id}/registrations/import`, { name: 'attendees.csv', data: file });
  assert.equal(a.statusCode, 422);
  const fields = (a.json() as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
  for (const f of ['row 3: email', 'row 4: country', 'row 5: email', 'row 6: organization_type', 'row 7: organization'])
    assert.ok(fields.includes(f), f);
  assert.equal((await regs(e.id)).length, 0);
  // A file that is not a table: a translated 422, never a 500.
  const junk = await postUpload(
    env,
    coordinator.agent,
    `/events/${e.slug}/registrations/import`,
    { mode: 'dry' },
    {
      name: 'attendees.xlsx',
      data: Buffer.from('PK not really a workbook'),
    },
  );
  assert.equal(junk.statusCode, 422);
  assert.match(junk.body, /must be a CSV or an Excel workbook|could not be read/);
});

test(`import: rows of a file made from the template named as a spreadsheet numbers them (${dbLabel()})`, async () => {
  const e = await makeEvent();
  // The template: the header, then its HXL row; the organizer fills the rows below (one left blank).
  const template = await coordinator.agent.get(`/events/${e.slug}/registrations/import/template.xlsx`);
  assert.equal(template.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  assert.match(String(ws.getRow(2).getCell(1).value), /^#contact\+name/);
  ws.getRow(3).values = ['Fine Person', 'fine@rows.example'];
  ws.getRow(4).values = ['Bad Address', 'not-an-address'];
  ws.getRow(6).values = ['Fine Again', 'FINE@rows.example'];
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await postUpload(
    env,
    coordinator.agent,
    `/events/${e.slug}/registrations/import`,
    { mode: 'dry' },
    {
      name: 'filled.xlsx',
      data: xlsx,
    },
  );
  assert.equal(r.statusCode, 422);
  assert.match(
    r.body,
    /<td>4<\/td>\s*<td>\s*<code>email<\/code>\s*<\/td>\s*<td>“not-an-address”/,
    'the bad address is on row 4 of the sheet',
  );
  assert.match(r.body, /<td>6<\/td>/, 'the repeated address is on row 6');
  assert.match(r.body, /fine@rows\.example is already on row 3 of this file/);
  // The CSV template the same way.
  const csvTemplate = (await coordinator.agent.get(`/events/${e.slug}/registrations/import/template.csv`)).body;
  const filled = Buffer.from(`${csvTemplate.trimEnd()}\r\nBad Address,not-an-address\r\n`);
  const c = await postUpload(
    env,
    coordinator.agent,
    `/events/${e.slug}/registrations/import`,
    { mode: 'dry' },
    {
      name: 'filled.csv',
      data: filled,
    },
  );
  assert.equal(c.statusCode, 422);
  assert.match(c.body, /<td>3<\/td>\s*<td>\s*<code>email<\/code>/, 'row 3: under the header and the hashtags');
  assert.equal((await regs(e.id)).length, 0);
});

test(
  'import: all or nothing over capacity; people without accounts; e-mails in their language; ' +
    `idempotent re-import (${dbLabel()})`,
  async () => {
    const e = await makeEvent({ capacity: 3 });
    const member = await makeUser(env, 'member_state_focal_point', { orgSlug: 'demo-state-arcadia' });
    const four = [
      HEADER,
      ['Amina Fictional', 'amina@cap.example', 'fr', 'KEN', '', '', ''],
      ['Boris Fictional', 'boris@cap.example', 'ru', '', 'UNODC', '', ''],
      ['Chen Fictional', 'chen@cap.example', 'zh', '', '', 'Fictional Institute of Studies', 'academia'],
      ['Dana Fictional', member.email, '', '', '', '', ''],
    ];
    const over = await postUpload(
      env,
      coordinator.agent,
      `/events/${e.slug}/registrations/import`,
      { mode: 'commit' },
      {
        name: 'four.csv',
        data: csv(four),
      },
    );
    assert.equal(over.statusCode, 422);
    assert.match(over.body, /The file would take 4 seats; 3 are free/);
    assert.equal((await regs(e.id)).length, 0, 'over capacity: nothing stored');

    const three = csv(four.slice(0, 4));
    const dry = await postUpload(
      env,
      coordinator.agent,
      `/events/${e.slug}/registrations/import`,
      { mode: 'dry', notify: 'on' },
      {
        name: 'three.csv',
        data: three,
      },
    );
    assert.equal(dry.statusCode, 200);
    assert.match(dry.body, /3 rows checked, no error: 3 registrations to add, 0 people already registered/);
    assert.equal((await regs(e.id)).length, 0, 'a dry run stores nothing');

    const outbox = await outboxCount();
    const ok = await postUpload(
      env,
      coordinator.agent,
      `/events/${e.slug}/registrations/import`,
      { mode: 'commit', notify: 'on' },
      {
        name: 'three.csv',
        data: three,
      },
    );
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /3 registrations added; 0 people were already registered/);
    const rows = await regs(e.id);
    assert.equal(rows.length, 3);
    for (const r of rows) {
      assert.equal(r.status, 'accepted');
      assert.equal(r.origin, 'import', 'a record the organizers own');
      assert.equal(r.userId, null, 'no account needed');
      assert.equal(r.submittedBy, coordinator.id);
    }
    const chen = rows.find((r) => r.email === 'chen@cap.example')!;
    assert.deepEqual(
      [chen.organizationId, chen.organizationName, chen.orgType],
      [null, 'Fictional Institute of Studies', 'academia'],
    );
    assert.equal(rows.find((r) => r.email === 'amina@cap.example')!.orgType, 'member_state');
    assert.equal((await env.database.db.select().from(events).where(eq(events.id, e.id)))[0].seatsTaken, 3);
    // One confirmation each, in their language, with the .ics.
    assert.equal(await outboxCount(), outbox + 3);
    const mail = async (to: string) =>
      (await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)))[0];
    const fr = await mail('amina@cap.example');
    assert.equal(fr.locale, 'fr');
    assert.match(fr.subject, /Conférence fictive/);
    assert.equal(fr.attachments.length, 1, 'the .ics');
    assert.equal((await mail('boris@cap.example')).locale, 'ru');
    assert.equal((await mail('chen@cap.example')).locale, 'zh');
    const [audit] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'event.registrations.imported'), eq(auditLog.targetId, e.id)));
    assert.equal((audit.details as { created: number }).created, 3);

    // The same file again: nothing new, no e-mail.
    const again = await postUpload(
      env,
      coordinator.agent,
      `/events/${e.slug}/registrations/import`,
      { mode: 'commit', notify: 'on' },
      {
        name: 'three.csv',
        data: three,
      },
    );
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /0 registrations added; 3 people were already registered/);
    assert.equal((await regs(e.id)).length, 3);
    assert.equal(await outboxCount(), outbox + 3, 'nobody is written to twice');

    // An XLSX file through the API: the fourth person has an account, which the registration is linked to; no seat is
    // left for an accepted row, so the file goes on the waiting list by its status column.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('people');
    ws.addRow(['name', 'email', 'status']);
    ws.addRow(['#contact+name', '#contact+email', '#status']);
    ws.addRow(['Dana Fictional', member.email.toUpperCase(), 'waitlisted']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const apiDry = await apiUpload(`/api/v1/events/${e.id}/registrations/import?dryRun=true`, {
      name: 'dana.xlsx',
      data: xlsx,
    });
    assert.equal(apiDry.statusCode, 200, apiDry.body);
    assert.deepEqual(apiDry.json(), {
      rows: 1,
      created: 1,
      unchanged: 0,
      byStatus: { accepted: 0, pending: 0, waitlisted: 1 },
      committed: false,
      mails: 1,
    });
    const apiCommit = await apiUpload(`/api/v1/events/${e.id}/registrations/import`, { name: 'dana.xlsx', data: xlsx });
    assert.equal(apiCommit.statusCode, 200);
    const dana = (await regs(e.id)).find((r) => r.email === member.email.toLowerCase())!;
    assert.deepEqual([dana.status, dana.userId], ['waitlisted', member.id]);
    // Someone without the event's management: refused.
    const other = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
    const denied = await apiUpload(
      `/api/v1/events/${e.id}/registrations/import?dryRun=true`,
      { name: 'dana.xlsx', data: xlsx },
      await token(other),
    );
    assert.equal(denied.statusCode, 403);
  },
);

test(`bulk decisions: all or nothing against the seats, e-mails, promotion; page and API (${dbLabel()})`, async () => {
  const e = await makeEvent({ capacity: 4, registrationMode: 'moderated' });
  const rows = [
    ['name', 'email', 'language'],
    ...Array.from({ length: 6 }, (_, i) => [`Person ${i} (fictional)`, `p${i}@bulk.example`, i % 2 ? 'es' : 'en']),
  ];
  const imp = await postUpload(
    env,
    coordinator.agent,
    `/events/${e.slug}/registrations/import`,
    { mode: 'commit' },
    {
      name: 'six.csv',
      data: csv(rows),
    },
  );
  assert.equal(imp.statusCode, 200);
  assert.equal((await regs(e.id)).filter((r) => r.status === 'pending').length, 6, 'moderated: pending by default');
  // Every pending one (6) for 4 seats: refused, nothing changed.
  const tooMany = await postForm(env, coordinator.agent, `/events/${e.slug}/registrations/bulk`, {
    scope: 'status',
    status: 'pending',
    decision: 'accept',
  });
  assert.equal(tooMany.statusCode, 409);
  assert.match(tooMany.body, /6 people were picked for 4 free seats/);
  assert.match(tooMany.body, /Nothing was changed/);
  assert.equal((await regs(e.id)).filter((r) => r.status === 'accepted').length, 0);
  // Four picked: accepted, each told in their language.
  const ids = (await regs(e.id)).sort((a, b) => a.email.localeCompare(b.email)).map((r) => r.id);
  const outbox = await outboxCount();
  const ok = await postForm(env, coordinator.agent, `/events/${e.slug}/registrations/bulk`, {
    scope: 'picked',
    ids: ids.slice(0, 4),
    decision: 'accept',
  });
  assert.equal(ok.statusCode, 303);
  const after1 = await regs(e.id);
  assert.equal(after1.filter((r) => r.status === 'accepted').length, 4);
  assert.equal(await outboxCount(), outbox + 4);
  const es = (await env.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'p1@bulk.example'))).at(-1)!;
  assert.equal(es.locale, 'es');
  // The API: the two others to the waiting list; one picked registration of another event → 404, nothing changed.
  const foreign = await makeEvent();
  await env.database.db.insert(eventRegistrations).values({
    eventId: foreign.id,
    fullName: 'Elsewhere (fictional)',
    email: 'elsewhere@bulk.example',
    status: 'pending',
  });
  const foreignId = (await regs(foreign.id))[0].id;
  const mixed = await api('POST', `/api/v1/events/${e.id}/registrations/decisions`, {
    decision: 'waitlist',
    registrationIds: [ids[4], foreignId],
  });
  assert.equal(mixed.statusCode, 404);
  assert.equal((await regs(e.id)).filter((r) => r.status === 'waitlisted').length, 0);
  const wl = await api('POST', `/api/v1/events/${e.id}/registrations/decisions`, {
    decision: 'waitlist',
    registrationIds: [ids[4], ids[5]],
  });
  assert.equal(wl.statusCode, 200, wl.body);
  assert.deepEqual(wl.json(), { decision: 'waitlist', changed: 2, unchanged: 0 });
  const both = await api('POST', `/api/v1/events/${e.id}/registrations/decisions`, { decision: 'accept' });
  assert.equal(both.statusCode, 422, 'either the registrations or a status');
  // Declining two accepted people frees two seats; accepting the waiting list (2) then fits.
  const decl = await api('POST', `/api/v1/events/${e.id}/registrations/decisions`, {
    decision: 'decline',
    registrationIds: ids.slice(0, 2),
  });
  assert.equal(decl.statusCode, 200);
  const acc = await api('POST', `/api/v1/events/${e.id}/registrations/decisions`, {
    decision: 'accept',
    status: 'waitlisted',
  });
  assert.equal(acc.statusCode, 200);
  assert.deepEqual(acc.json(), { decision: 'accept', changed: 2, unchanged: 0 });
  const final = await regs(e.id);
  assert.equal(final.filter((r) => r.status === 'accepted').length, 4);
  assert.equal((await env.database.db.select().from(events).where(eq(events.id, e.id)))[0].seatsTaken, 4);
  // Badges and the printable list show the accepted participants to the organizers only.
  const badges = await coordinator.agent.get(`/events/${e.slug}/badges`);
  assert.equal(badges.statusCode, 200);
  assert.equal((badges.body.match(/class="badge-card"/g) ?? []).length, 4);
  const list = await coordinator.agent.get(`/events/${e.slug}/participants/print`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Person 2 \(fictional\)/);
  // Six columns: labelled rows on a phone, never a page wider than the screen.
  assert.match(list.body, /<table class="stack">/);
  assert.match(list.body, /<td data-label="Name" dir="auto">\s*Person 2 \(fictional\)/);
  assert.doesNotMatch(list.body, /Person 0 \(fictional\)/, 'declined: not on the list');
  const stranger = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  assert.equal((await stranger.agent.get(`/events/${e.slug}/badges`)).statusCode, 403);
});

test(`messages: each participant once, in their language, through the outbox; API (${dbLabel()})`, async () => {
  const e = await makeEvent();
  const people = [
    ['name', 'email', 'language', 'status'],
    ['Ana (fictional)', 'ana@msg.example', 'es', 'accepted'],
    ['Omar (fictional)', 'omar@msg.example', 'ar', 'accepted'],
    ['Lee (fictional)', 'lee@msg.example', 'en', 'accepted'],
    ['Pending (fictional)', 'pending@msg.example', 'en', 'pending'],
  ];
  assert.equal(
    (
      await postUpload(
        env,
        coordinator.agent,
        `/events/${e.slug}/registrations/import`,
        { mode: 'commit' },
        {
          name: 'people.csv',
          data: csv(people),
        },
      )
    ).statusCode,
    200,
  );
  const page = await coordinator.agent.get(`/events/${e.slug}/messages`);
  assert.equal(page.statusCode, 200);
  const key = /name="key" value="([^"]+)"/.exec(page.body)![1];
  const form = {
    key,
    statuses: ['accepted'],
    subject_en: 'Room change',
    subject_en_status: 'original',
    body_en: 'The plenary moves to Room B.\n\nSee you there.',
    body_en_status: 'original',
    subject_es: 'Cambio de sala',
    subject_es_status: 'reviewed',
    body_es: 'La plenaria se traslada a la sala B.',
    body_es_status: 'reviewed',
  };
  const sent = (to: string) =>
    env.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, to), eq(mailOutbox.kind, 'event_message')));
  const first = await postForm(env, coordinator.agent, `/events/${e.slug}/messages`, form);
  assert.equal(first.statusCode, 303);
  const ana = await sent('ana@msg.example');
  assert.equal(ana.length, 1);
  assert.match(ana[0].subject, /Cambio de sala/);
  assert.match(ana[0].text, /La plenaria se traslada/);
  const omar = await sent('omar@msg.example');
  assert.equal(omar.length, 1);
  assert.equal(omar[0].locale, 'ar');
  assert.match(omar[0].subject, /Room change/, 'no Arabic version: the original');
  assert.match(omar[0].html, /dir="rtl"/);
  assert.equal((await sent('pending@msg.example')).length, 0, 'not in the audience');
  // The same form again, and twice at once: nothing more.
  const [again1, again2] = await Promise.all([
    postForm(env, coordinator.agent, `/events/${e.slug}/messages`, form),
    postForm(env, coordinator.agent, `/events/${e.slug}/messages`, form),
  ]);
  assert.deepEqual([again1.statusCode, again2.statusCode], [303, 303]);
  for (const to of ['ana@msg.example', 'omar@msg.example', 'lee@msg.example'])
    assert.equal((await sent(to)).length, 1, `${to}: once`);
  // Missing text: 422 with the form again, nothing sent.
  const empty = await postForm(env, coordinator.agent, `/events/${e.slug}/messages`, {
    key: randomUUID(),
    statuses: ['accepted'],
    subject_en: '',
    body_en: '',
  });
  assert.equal(empty.statusCode, 422);
  // The API: the Idempotency-Key decides; concurrent replays send nothing more.
  const body = {
    subject: { en: { text: 'Reminder', status: 'original' } },
    body: { en: { text: 'Bring your badge.', status: 'original' } },
    statuses: ['accepted', 'pending'],
  };
  const headers = { 'idempotency-key': `msg-${randomUUID()}` };
  const replies = await Promise.all([1, 2, 3].map(() => api('POST', `/api/v1/events/${e.id}/messages`, body, headers)));
  assert.deepEqual(replies.map((r) => r.statusCode).sort(), [200, 200, 201]);
  assert.equal(
    replies.reduce((s, r) => s + (r.json() as { sent: number }).sent, 0),
    4,
  );
  for (const to of ['ana@msg.example', 'omar@msg.example', 'lee@msg.example', 'pending@msg.example'])
    assert.equal((await sent(to)).filter((m) => /Reminder/.test(m.subject)).length, 1, `${to}: once`);
  const list = await api('GET', `/api/v1/events/${e.id}/messages`);
  assert.equal((list.json() as { data: { recipients: number }[] }).data.map((m) => m.recipients).join(), '4,3');
  assert.equal((await api('POST', `/api/v1/events/${e.id}/messages`, body)).statusCode, 400, 'no key: refused');
});

test(
  'import and online registrations race for the last seats: never over capacity, the import all or nothing ' +
    `(${dbLabel()})`,
  async () => {
    const e = await makeEvent({ capacity: 20, openTo: ['cso'] });
    // Ten seats taken already.
    await env.database.db.insert(eventRegistrations).values(
      Array.from({ length: 10 }, (_, i) => ({
        eventId: e.id,
        fullName: `Earlier ${i} (fictional)`,
        email: `earlier${i}@race.example`,
        status: 'accepted' as const,
      })),
    );
    const online = await Promise.all(
      Array.from({ length: 10 }, () => makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' })),
    );
    const tokens = await Promise.all(online.map(token));
    const file = csv([
      ['name', 'email'],
      ...Array.from({ length: 10 }, (_, i) => [`Imported ${i} (fictional)`, `imp${i}@race.example`]),
    ]);
    const [imp, ...regsDone] = await Promise.all([
      apiUpload(`/api/v1/events/${e.id}/registrations/import?notify=false`, { name: 'race.csv', data: file }),
      ...tokens.map((t) =>
        env.app.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/registrations`,
          payload: '{}',
          headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        }),
      ),
    ]);
    const all = await regs(e.id);
    const accepted = all.filter((r) => r.status === 'accepted').length;
    const imported = all.filter((r) => r.origin === 'import').length;
    const seats = (await env.database.db.select().from(events).where(eq(events.id, e.id)))[0].seatsTaken;
    console.log(
      `# race (${dbLabel()}): import ${imp.statusCode}, online ${regsDone.map((r) => r.statusCode).join(' ')}, ` +
        `accepted ${accepted}, imported ${imported}`,
    );
    assert.ok(accepted <= 20, `accepted ${accepted} ≤ capacity`);
    assert.equal(seats, accepted, 'the counter agrees with the rows');
    assert.ok(imported === 0 || imported === 10, `the import is all or nothing (${imported})`);
    assert.equal(imp.statusCode === 200 ? 10 : 0, imported);
    if (imp.statusCode !== 200) assert.ok([409, 422].includes(imp.statusCode), imp.body);
    for (const r of regsDone) assert.ok([201, 409].includes(r.statusCode), r.body);
    assert.equal(
      all.filter((r) => r.origin === 'self').length - 10,
      regsDone.filter((r) => r.statusCode === 201).length,
      'every online registration answered 201 is stored',
    );
  },
);
