// The one iCalendar writer: wall-clock times with TZID and a VTIMEZONE per zone used (linked zones named as used),
// UTC when there is no zone, DATE values for all-day items, SEQUENCE and METHOD, CRLF line ends and a final CRLF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { icsLines as lines, icsZones, mailbox, vtimezone, writeIcs } from './ical.ts';

test('timed items in their zones: TZID wall-clock times, one VTIMEZONE per zone, CRLF everywhere', () => {
  const text = writeIcs({
    method: 'publish',
    locale: 'en',
    name: 'Feed',
    items: [
      {
        uid: 'a@ctcp',
        sequence: 3,
        // 10:00 in New York on the day after the change to daylight-saving time (UTC−4).
        start: new Date('2027-03-15T14:00:00Z'),
        end: new Date('2027-03-15T15:30:00Z'),
        timeZone: 'America/New_York',
        summary: 'Meeting',
      },
      {
        uid: 'b@ctcp',
        start: new Date('2027-01-10T07:00:00Z'),
        end: new Date('2027-01-10T08:00:00Z'),
        timeZone: 'Africa/Addis_Ababa',
        summary: 'Linked zone',
      },
      {
        uid: 'c@ctcp',
        start: new Date('2027-01-10T07:00:00Z'),
        end: new Date('2027-01-10T08:00:00Z'),
        timeZone: 'America/New_York',
        summary: 'Same zone again',
      },
      { uid: 'd@ctcp', start: new Date('2027-01-10T07:00:00Z'), end: new Date('2027-01-10T08:00:00Z'), summary: 'UTC' },
      {
        uid: 'e@ctcp',
        start: new Date('2027-01-10T00:00:00Z'),
        end: new Date('2027-01-11T00:00:00Z'),
        allDay: true,
        timeZone: 'Europe/Vienna',
        summary: 'All day',
      },
    ],
  });
  assert.ok(text.endsWith('END:VCALENDAR\r\n'), 'a final CRLF');
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  const l = lines(text);
  assert.ok(l.includes('DTSTART;TZID=America/New_York:20270315T100000'));
  assert.ok(l.includes('DTEND;TZID=America/New_York:20270315T113000'));
  assert.ok(l.includes('DTSTART;TZID=Africa/Addis_Ababa:20270110T100000'));
  assert.ok(l.includes('DTSTART:20270110T070000Z'), 'no zone: UTC');
  assert.ok(l.includes('DTSTART;VALUE=DATE:20270110'), 'all-day: a DATE');
  assert.ok(l.includes('SEQUENCE:3'));
  assert.ok(l.includes('METHOD:PUBLISH'));
  assert.deepEqual(icsZones(text), {
    used: ['Africa/Addis_Ababa', 'America/New_York'],
    defined: ['Africa/Addis_Ababa', 'America/New_York'],
  });
  assert.equal((text.match(/BEGIN:VTIMEZONE/g) ?? []).length, 2, 'once per zone');
  assert.ok(l.includes('X-LIC-LOCATION:Africa/Addis_Ababa'), 'the linked zone keeps its own name');
});

test('the process zone does not matter: wall-clock times come from the item zone', () => {
  const before = process.env.TZ;
  try {
    process.env.TZ = 'Europe/Paris';
    // 02:30 on 28 March 2027 does not exist in Paris; it does in New York.
    const text = writeIcs({
      method: 'publish',
      locale: 'en',
      items: [
        {
          uid: 'x@ctcp',
          start: new Date('2027-03-28T06:30:00Z'),
          end: new Date('2027-03-28T07:30:00Z'),
          timeZone: 'America/New_York',
          summary: 'x',
        },
      ],
    });
    assert.ok(lines(text).includes('DTSTART;TZID=America/New_York:20270328T023000'));
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});

test('REQUEST and CANCEL: organizer, attendee, STATUS:CANCELLED; unknown zones fall back to UTC', () => {
  const item = {
    uid: 'm@ctcp',
    sequence: 2,
    start: new Date('2027-05-01T08:00:00Z'),
    end: new Date('2027-05-01T09:00:00Z'),
    timeZone: 'Nowhere/Atlantis',
    summary: 'Meeting',
    organizer: mailbox('Counter-Terrorism Coordination Platform <no-reply@ctcp.localhost>'),
    attendees: [{ name: 'Ana', email: 'ana@example.org' }],
  };
  const req = writeIcs({ method: 'request', locale: 'fr', items: [item] });
  assert.ok(lines(req).includes('METHOD:REQUEST'));
  assert.ok(lines(req).includes('STATUS:CONFIRMED'));
  assert.ok(lines(req).includes('DTSTART:20270501T080000Z'), 'an unknown zone: UTC, no TZID');
  assert.ok(
    lines(req).includes('ORGANIZER;CN="Counter-Terrorism Coordination Platform":mailto:no-reply@ctcp.localhost'),
  );
  assert.ok(lines(req).some((l) => /^ATTENDEE;.*CN="Ana":MAILTO:ana@example\.org$/.test(l)));
  assert.doesNotMatch(req, /BEGIN:VTIMEZONE/);
  const cancel = writeIcs({ method: 'cancel', locale: 'fr', items: [{ ...item, sequence: 3 }] });
  assert.ok(lines(cancel).includes('METHOD:CANCEL'));
  assert.ok(lines(cancel).includes('STATUS:CANCELLED'));
  assert.ok(lines(cancel).includes('SEQUENCE:3'));
  assert.equal(vtimezone('Nowhere/Atlantis'), null);
});

test('every zone the forms offer has a VTIMEZONE named as the zone', () => {
  const zones = (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone');
  const missing = zones.filter((z) => !vtimezone(z)?.includes(`\r\nTZID:${z}\r\n`));
  assert.deepEqual(missing, []);
});
