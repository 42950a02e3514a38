// Events' iCalendar through the platform's one writer: the event's own file, the feeds of all events and of a series,
// and the personal calendar feed carry a VTIMEZONE for each TZID they use (a linked zone named as
// used), end every line with CRLF (the last one too) and carry the event's SEQUENCE, which the database raises on
// every change of time, place or status. Registrants get an update with the new .ics (METHOD:REQUEST) and a
// cancellation (METHOD:CANCEL) in their language, once per registrant and version, also under parallel edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { icsLines, icsZones } from '../src/platform/calendar/ical.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { createEvent, eventForm, postForm } from './events.helpers.ts';

let env: TestEnv;
let coord: TestUser;
let unoct: string;
before(async () => {
  env = await makeTestEnv();
  coord = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  unoct = await orgId(env, 'unoct');
});
after(async () => {
  await env?.close();
});

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const day = new Date(Date.now() + 12 * 86400_000).toISOString().slice(0, 10);
const compact = (d: string) => d.replace(/-/g, '');

/** One property of the calendar (METHOD) or of its first VEVENT, without its parameters. */
function prop(ics: string, name: string): string | null {
  const l = icsLines(ics);
  const from = name === 'METHOD' ? 0 : Math.max(0, l.indexOf('BEGIN:VEVENT'));
  return (
    l
      .slice(from)
      .find((x) => x.startsWith(`${name}:`) || x.startsWith(`${name};`))
      ?.replace(/^[^:]*:/, '') ?? null
  );
}
/** The first VEVENT's property line with its parameters (DTSTART;TZID=…:…). */
function line(ics: string, name: string): string | undefined {
  const l = icsLines(ics);
  return l.slice(l.indexOf('BEGIN:VEVENT')).find((x) => x.startsWith(`${name}:`) || x.startsWith(`${name};`));
}
/** CRLF only, a final CRLF, and exactly one VTIMEZONE for each TZID used. */
function wellFormed(ics: string) {
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'a final CRLF after END:VCALENDAR');
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  const z = icsZones(ics);
  assert.deepEqual(z.defined, z.used, 'a VTIMEZONE for each TZID, and none unused');
  for (const tz of z.defined)
    assert.equal(ics.split(`BEGIN:VTIMEZONE\r\nTZID:${tz}\r\n`).length, 2, `one VTIMEZONE for ${tz}`);
  return z;
}

interface OutMail {
  to: string;
  locale: string;
  kind: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
}
const mailsOf = async (slug: string, kind: string) =>
  rowsOf<OutMail>(
    await env.database.db.execute(
      sql`select "to", locale, kind, subject, text, attachments from mail_outbox
        where kind = ${kind} and text like ${`%/events/${slug}%`} order by id`,
    ),
  );
const sequenceOf = async (slug: string) =>
  Number(
    rowsOf<{ s: number }>(await env.database.db.execute(sql`select sequence as s from events where slug = ${slug}`))[0]
      .s,
  );

let n = 0;
/** An upcoming hybrid event in Addis Ababa (a linked zone: its VTIMEZONE must still be named Africa/Addis_Ababa). */
async function makeEvent(o: Record<string, string | string[]> = {}) {
  const slug = `ical-test-${++n}-${Math.random().toString(36).slice(2, 7)}`;
  const form = eventForm(slug, [unoct], {
    title_en: `Regional conference ${n}`,
    title_fr: `Conférence régionale ${n}`,
    title_fr_status: 'reviewed',
    timeZone: 'Africa/Addis_Ababa',
    startsAt: `${day}T09:00`,
    endsAt: `${day}T17:00`,
    format: 'hybrid',
    venue: 'UNECA Conference Centre',
    meetingUrl: 'https://meet.example.org/regional',
    capacity: '2',
    ...o,
  });
  const r = await createEvent(env, coord.agent, form);
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  return { slug, form };
}
/** A CSO's representative registers (automatic approval: the first two get seats, the third waits). */
async function registrant(slug: string, locale: string) {
  const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  await env.database.db.update(users).set({ locale }).where(eq(users.id, u.id));
  const r = await u.agent.post(`/events/${slug}/register`, { attendance: 'in_person' });
  assert.equal(r.statusCode, 303);
  return u;
}
const edit = (slug: string, form: Record<string, string | string[]>, o: Record<string, string | string[]>) =>
  postForm(env, coord.agent, `/events/${slug}/edit`, { ...form, ...o });

test(`the event's files: TZID in the event's zone with its VTIMEZONE, CRLF, SEQUENCE (${dbLabel()})`, async () => {
  const { slug } = await makeEvent();
  const one = await env.app.inject({ method: 'GET', url: `/events/${slug}/calendar.ics` });
  assert.equal(one.statusCode, 200);
  assert.deepEqual(wellFormed(one.body), { used: ['Africa/Addis_Ababa'], defined: ['Africa/Addis_Ababa'] });
  assert.equal(prop(one.body, 'METHOD'), 'PUBLISH');
  assert.equal(line(one.body, 'DTSTART'), `DTSTART;TZID=Africa/Addis_Ababa:${compact(day)}T090000`);
  assert.equal(line(one.body, 'DTEND'), `DTEND;TZID=Africa/Addis_Ababa:${compact(day)}T170000`);
  assert.equal(prop(one.body, 'SEQUENCE'), '0');
  assert.match(one.body, /\r\nX-LIC-LOCATION:Africa\/Addis_Ababa\r\n/);
  assert.doesNotMatch(one.body, /meet\.example\.org/, 'no meeting link in a public file');
  // All events (several zones, an all-day one as DATE values): one VTIMEZONE per zone used.
  await makeEvent({ timeZone: 'America/New_York' });
  await makeEvent({ timeZone: 'Europe/Vienna', allDay: 'on', startsAt: `${day}T00:00`, endsAt: `${day}T23:59` });
  const all = await env.app.inject({ method: 'GET', url: '/events/calendar.ics' });
  const z = wellFormed(all.body);
  assert.deepEqual(z.used, ['Africa/Addis_Ababa', 'America/New_York'], 'the all-day event uses no zone');
  assert.ok(icsLines(all.body).includes(`DTSTART;VALUE=DATE:${compact(day)}`), 'the all-day event');
});

test(`registrants: an update with the new .ics on a new time or place; a cancellation (${dbLabel()})`, async () => {
  const { slug, form } = await makeEvent();
  const fr = await registrant(slug, 'fr');
  const ar = await registrant(slug, 'ar');
  const waiting = await registrant(slug, 'en');
  const confirmations = await mailsOf(slug, 'event_accepted');
  assert.deepEqual(confirmations.map((m) => m.locale).sort(), ['ar', 'fr']);
  for (const m of confirmations) {
    wellFormed(m.attachments[0].content);
    assert.equal(prop(m.attachments[0].content, 'SEQUENCE'), '0');
  }
  // The title alone: no new version, nobody written to.
  assert.equal((await edit(slug, form, { title_en: 'Regional conference (renamed)' })).statusCode, 303);
  assert.equal(await sequenceOf(slug), 0);
  assert.equal((await mailsOf(slug, 'event_update')).length, 0);
  // The time: version 1 to each accepted participant, in their language, with the new .ics.
  assert.equal(
    (await edit(slug, form, { title_en: 'Regional conference (renamed)', startsAt: `${day}T10:00` })).statusCode,
    303,
  );
  assert.equal(await sequenceOf(slug), 1);
  let updates = await mailsOf(slug, 'event_update');
  assert.deepEqual(updates.map((m) => m.to).sort(), [ar.email, fr.email].sort(), 'not the waiting list');
  const toFr = updates.find((m) => m.to === fr.email)!;
  assert.match(toFr.subject, /^Modification : Conférence régionale/);
  assert.match(toFr.text, /meet\.example\.org\/regional/, 'the link, for an accepted participant');
  assert.match(updates.find((m) => m.to === ar.email)!.subject, /^تغيير في الفعالية: /);
  for (const m of updates) {
    const ics = m.attachments[0].content;
    assert.match(m.attachments[0].contentType, /method=REQUEST/);
    assert.deepEqual(wellFormed(ics).used, ['Africa/Addis_Ababa']);
    assert.equal(prop(ics, 'METHOD'), 'REQUEST');
    assert.equal(prop(ics, 'SEQUENCE'), '1');
    assert.equal(line(ics, 'DTSTART'), `DTSTART;TZID=Africa/Addis_Ababa:${compact(day)}T100000`);
    assert.ok(icsLines(ics).some((l) => l.startsWith('ATTENDEE;') && l.endsWith(`:MAILTO:${m.to}`)));
    assert.ok(icsLines(ics).some((l) => l.startsWith('ORGANIZER;')));
  }
  const uid = prop(updates[0].attachments[0].content, 'UID');
  assert.equal(uid, prop(confirmations[0].attachments[0].content, 'UID'), 'the same UID');
  // The place: version 2.
  await edit(slug, form, { startsAt: `${day}T10:00`, venue: 'Africa Hall' });
  assert.equal(await sequenceOf(slug), 2);
  updates = await mailsOf(slug, 'event_update');
  assert.equal(updates.length, 4);
  assert.deepEqual(updates.map((m) => prop(m.attachments[0].content, 'SEQUENCE')).sort(), ['1', '1', '2', '2']);
  // The database keeps the SEQUENCE whatever writes the row: a raw change of time raises it, of the title not.
  await env.database.db.execute(sql`update events set title = title where slug = ${slug}`);
  assert.equal(await sequenceOf(slug), 2);
  // Cancelled: METHOD:CANCEL to accepted participants; the waiting list is told, without a calendar file.
  assert.equal(
    (await edit(slug, form, { startsAt: `${day}T10:00`, venue: 'Africa Hall', status: 'cancelled' })).statusCode,
    303,
  );
  assert.equal(await sequenceOf(slug), 3);
  const cancels = await mailsOf(slug, 'event_called_off');
  assert.deepEqual(cancels.map((m) => m.to).sort(), [ar.email, fr.email, waiting.email].sort());
  for (const m of cancels.filter((x) => x.to !== waiting.email)) {
    const ics = m.attachments[0].content;
    assert.match(m.attachments[0].contentType, /method=CANCEL/);
    wellFormed(ics);
    assert.equal(prop(ics, 'METHOD'), 'CANCEL');
    assert.equal(prop(ics, 'STATUS'), 'CANCELLED');
    assert.equal(prop(ics, 'SEQUENCE'), '3');
    assert.equal(prop(ics, 'UID'), uid);
  }
  assert.equal(cancels.find((m) => m.to === waiting.email)!.attachments.length, 0);
  assert.match(cancels.find((m) => m.to === fr.email)!.subject, /^Événement annulé : /);
  // The public file says so too, with the same SEQUENCE.
  const pub = await env.app.inject({ method: 'GET', url: `/events/${slug}/calendar.ics` });
  assert.equal(prop(pub.body, 'STATUS'), 'CANCELLED');
  assert.equal(prop(pub.body, 'SEQUENCE'), '3');
  const audit = rowsOf<{ details: unknown }>(
    await env.database.db.execute(
      sql`select details from audit_log where action = 'event.updated' and target_id = (select id::text from events
        where slug = ${slug}) order by id`,
    ),
  ).map(
    (r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as { sequence: number; mailed: number },
  );
  assert.deepEqual(
    audit.map((d) => [d.sequence, d.mailed]),
    [
      [0, 0],
      [1, 2],
      [2, 2],
      [3, 3],
    ],
  );
});

test(`the personal calendar feed: the event in its zone with its VTIMEZONE and SEQUENCE (${dbLabel()})`, async () => {
  const { slug, form } = await makeEvent({
    timeZone: 'Asia/Kolkata',
    startsAt: `${day}T09:30`,
    endsAt: `${day}T12:00`,
  });
  const u = await registrant(slug, 'en');
  await edit(slug, form, { timeZone: 'Asia/Kolkata', startsAt: `${day}T10:30`, endsAt: `${day}T12:00` });
  const created = await u.agent.post('/account/calendar', {});
  const url = /\/calendar\/ctcpcal_[A-Za-z0-9_-]{43}\.ics/.exec(created.body)?.[0];
  assert.ok(url);
  const feed = await env.app.inject({ method: 'GET', url: url! });
  assert.equal(feed.statusCode, 200);
  assert.ok(wellFormed(feed.body).used.includes('Asia/Kolkata'));
  const block = feed.body.slice(feed.body.indexOf('BEGIN:VEVENT'));
  assert.equal(line(block, 'DTSTART'), `DTSTART;TZID=Asia/Kolkata:${compact(day)}T103000`);
  assert.equal(prop(block, 'SEQUENCE'), '1');
});

test(`parallel edits: one e-mail per registrant and version (${dbLabel()})`, async () => {
  const { slug, form } = await makeEvent();
  const a = await registrant(slug, 'en');
  const b = await registrant(slug, 'es');
  // Six edits at once through the page form: three move the event to 11:00, three to 14:00.
  const res = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((i) => edit(slug, form, { startsAt: `${day}T${i % 2 ? '11' : '14'}:00` })),
  );
  assert.deepEqual(
    res.map((r) => r.statusCode),
    Array(6).fill(303),
  );
  const versions = await sequenceOf(slug);
  assert.ok(versions >= 1 && versions <= 6);
  const updates = await mailsOf(slug, 'event_update');
  const seen = new Map<string, number>();
  for (const m of updates) {
    const k = `${prop(m.attachments[0].content, 'SEQUENCE')}|${m.to}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  assert.ok(
    [...seen.values()].every((x) => x === 1),
    'never the same version twice to the same registrant',
  );
  assert.equal(updates.length, 2 * versions, 'each version to each accepted registrant');
  assert.deepEqual([...new Set(updates.map((m) => m.to))].sort(), [a.email, b.email].sort());
  const claims = rowsOf<{ n: number }>(
    await env.database.db.execute(sql`select count(*)::int as n from event_update_mails
      where event_id = (select id from events where slug = ${slug})`),
  );
  assert.equal(Number(claims[0].n), updates.length);
});
