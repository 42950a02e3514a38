// computeStats: every figure of the participation statistics, from a small event whose registrations are known one
// by one (categories, States and their regional groups, in person / online, check-in, gender declarations, women- and
// youth-led CSOs). Registrations that are not accepted, and those of another event, must not count.
// The expected numbers are written out by hand, not derived from the rows.
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { organizations, type OrgType, type RegionalGroup } from '../src/modules/directory/directory.schema.ts';
import {
  eventRegistrations,
  events,
  type AttendanceMode,
  type Gender,
  type RegistrationStatus,
} from '../src/modules/events/events.schema.ts';
import {
  computeStats,
  GENDER_MIN,
  participationSentence,
  recordedFigures,
  type Stats,
} from '../src/modules/events/public/stats.service.ts';
import { dbLabel, makeTestEnv, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({}, false);
});
after(async () => {
  await env?.close();
});

interface Org {
  type: OrgType;
  group?: RegionalGroup;
  womenLed?: boolean;
  youthLed?: boolean;
}
// Fictional organizations, made for this test only.
const ORGS = {
  stateA: { type: 'member_state', group: 'african' },
  stateB: { type: 'member_state', group: 'african' },
  stateC: { type: 'member_state', group: 'asia_pacific' },
  stateD: { type: 'member_state', group: 'western_european_others' },
  stateE: { type: 'member_state', group: 'eastern_european' },
  stateF: { type: 'member_state', group: 'latin_american_caribbean' },
  regional: { type: 'regional_org' },
  international: { type: 'international_org' },
  un1: { type: 'un_entity' },
  un2: { type: 'un_entity' },
  un3: { type: 'un_entity' },
  csoWomen: { type: 'cso', womenLed: true },
  csoBoth: { type: 'cso', womenLed: true, youthLed: true },
  csoPlain: { type: 'cso' },
  csoBothWaitlisted: { type: 'cso', womenLed: true, youthLed: true },
  csoYouth: { type: 'cso', youthLed: true },
  csoWomen2: { type: 'cso', womenLed: true },
  // The flags of a non-CSO do not make it a women- or youth-led CSO.
  academia: { type: 'academia', womenLed: true, youthLed: true },
  academiaPending: { type: 'academia' },
  privateSector: { type: 'private_sector' },
  faithBased: { type: 'faith_based' },
  other: { type: 'other' },
} satisfies Record<string, Org>;
type OrgKey = keyof typeof ORGS;

type Row = [
  org: OrgKey | null,
  status: RegistrationStatus,
  attendance: AttendanceMode,
  gender: Gender | null,
  checkedIn?: 'checked in',
];

async function makeEvent(slug: string, rows: Row[], orgIds: Record<OrgKey, string>) {
  const db = env.database.db;
  const [e] = await db
    .insert(events)
    .values({
      slug,
      type: 'conference',
      format: 'hybrid',
      timeZone: 'UTC',
      startsAt: new Date('2030-03-04T09:00:00Z'),
      endsAt: new Date('2030-03-04T17:00:00Z'),
      title: { en: { text: `Statistics test ${slug} (fictional)`, status: 'original' } },
    })
    .returning();
  await adoptPublishedEvents(db); // a row written behind the services: as an upgrade
  if (rows.length)
    await db.insert(eventRegistrations).values(
      rows.map(([org, status, attendance, gender, checkedIn], i) => ({
        eventId: e.id,
        fullName: `Participant ${i + 1} (fictional)`,
        email: `p${i + 1}.${slug}@stats.example`,
        organizationId: org ? orgIds[org] : null,
        orgType: org ? ORGS[org].type : null,
        status,
        attendance,
        gender,
        checkedInAt: checkedIn ? new Date('2030-03-04T08:30:00Z') : null,
      })),
    );
  return e.id;
}

const zeroCategories = {
  member_state: 0,
  un_entity: 0,
  regional_org: 0,
  international_org: 0,
  cso: 0,
  academia: 0,
  private_sector: 0,
  faith_based: 0,
  other: 0,
  none: 0,
};
const zeroGroups = {
  african: 0,
  asia_pacific: 0,
  eastern_european: 0,
  latin_american_caribbean: 0,
  western_european_others: 0,
};

test(`computeStats counts each figure from accepted registrations only (${dbLabel()})`, async () => {
  const db = env.database.db;
  const orgIds = {} as Record<OrgKey, string>;
  for (const [key, o] of Object.entries(ORGS) as [OrgKey, Org][]) {
    const [row] = await db
      .insert(organizations)
      .values({
        slug: `stats-test-${key.toLowerCase()}`,
        type: o.type,
        names: { en: `Stats test ${key} (fictional)` },
        regionalGroup: o.group ?? null,
        womenLed: o.womenLed ?? false,
        youthLed: o.youthLed ?? false,
      })
      .returning({ id: organizations.id });
    orgIds[key] = row.id;
  }

  const main = await makeEvent(
    'stats-main',
    [
      // Member States: 7 accepted people from 4 States (2 African, 1 Asia-Pacific, 1 WEOG).
      ['stateA', 'accepted', 'in_person', 'woman', 'checked in'],
      ['stateA', 'accepted', 'in_person', 'man'],
      ['stateA', 'accepted', 'virtual', null],
      ['stateB', 'accepted', 'virtual', 'undisclosed'],
      ['stateC', 'accepted', 'in_person', 'woman', 'checked in'],
      ['stateC', 'accepted', 'in_person', null],
      ['stateD', 'accepted', 'in_person', 'man'],
      ['stateE', 'declined', 'in_person', 'woman', 'checked in'],
      ['stateF', 'pending', 'virtual', 'man'],
      // Regional and international organizations, UN entities.
      ['regional', 'accepted', 'virtual', 'other'],
      ['international', 'accepted', 'in_person', null],
      ['un1', 'accepted', 'in_person', null, 'checked in'],
      ['un1', 'accepted', 'in_person', null],
      ['un2', 'accepted', 'virtual', null],
      ['un3', 'cancelled', 'in_person', 'woman', 'checked in'],
      // Civil society: 6 accepted people from 5 CSOs (3 women-led, 2 youth-led); one waitlisted CSO.
      ['csoWomen', 'accepted', 'in_person', 'undisclosed'],
      ['csoBoth', 'accepted', 'virtual', null],
      ['csoBoth', 'accepted', 'in_person', null],
      ['csoPlain', 'accepted', 'in_person', null],
      ['csoYouth', 'accepted', 'virtual', null],
      ['csoWomen2', 'accepted', 'in_person', null],
      ['csoBothWaitlisted', 'waitlisted', 'virtual', 'woman'],
      // Other institutions, and a participant without an organization.
      ['academia', 'accepted', 'virtual', null],
      ['academiaPending', 'pending', 'in_person', null],
      ['privateSector', 'accepted', 'in_person', null],
      ['faithBased', 'accepted', 'in_person', null],
      ['other', 'accepted', 'virtual', null],
      [null, 'accepted', 'in_person', null],
    ],
    orgIds,
  );
  // Another event with the same organizations: none of it counts for the first, and its four declarations (a fifth
  // one is declined) are fewer than GENDER_MIN, so no gender figure at all.
  const small = await makeEvent(
    'stats-small',
    [
      ['stateE', 'accepted', 'in_person', 'woman'],
      ['stateE', 'accepted', 'virtual', 'man'],
      ['un1', 'accepted', 'in_person', 'other'],
      ['csoPlain', 'accepted', 'virtual', 'woman'],
      [null, 'accepted', 'in_person', 'undisclosed'],
      ['stateA', 'declined', 'in_person', 'man'],
    ],
    orgIds,
  );
  const empty = await makeEvent('stats-empty', [], orgIds);
  assert.equal(GENDER_MIN, 5, 'the threshold these rows were written for');

  assert.deepEqual(await computeStats(db, main), {
    participants: 23,
    byCategory: {
      member_state: 7,
      un_entity: 3,
      regional_org: 1,
      international_org: 1,
      cso: 6,
      academia: 1,
      private_sector: 1,
      faith_based: 1,
      other: 1,
      none: 1,
    },
    memberStates: 4,
    regionalGroups: {
      african: 2,
      asia_pacific: 1,
      eastern_european: 0,
      latin_american_caribbean: 0,
      western_european_others: 1,
    },
    regionalAndInternationalOrgs: 2,
    unEntities: 2,
    // 5 CSOs, academia, the private sector, a faith-based organization and one other.
    institutions: 9,
    institutionKinds: ['academia', 'cso', 'private_sector', 'faith_based', 'other'],
    csos: 5,
    womenLedCsos: 3,
    youthLedCsos: 2,
    attendance: { in_person: 15, virtual: 8 },
    checkedIn: 3,
    // Exactly GENDER_MIN declarations (undisclosed is not one): shown.
    gender: { woman: 2, man: 2, other: 1 },
  } satisfies Stats);
  // The recorded sentence names the institutions' kinds, as the published ones do.
  assert.equal(
    participationSentence('en', recordedFigures(await computeStats(db, main))!),
    '23 participants representing 4 Member States, 2 regional and international organizations, 2 United Nations ' +
      'entities and 9 institutions from academia, civil society, the private sector, faith-based organizations and ' +
      'other sectors',
  );
  assert.equal(
    participationSentence('en', recordedFigures(await computeStats(db, small))!),
    '5 participants representing 1 Member State, 1 United Nations entity and 1 institution from civil society',
  );

  assert.deepEqual(await computeStats(db, small), {
    participants: 5,
    byCategory: { ...zeroCategories, member_state: 2, un_entity: 1, cso: 1, none: 1 },
    memberStates: 1,
    regionalGroups: { ...zeroGroups, eastern_european: 1 },
    regionalAndInternationalOrgs: 0,
    unEntities: 1,
    institutions: 1,
    institutionKinds: ['cso'],
    csos: 1,
    womenLedCsos: 0,
    youthLedCsos: 0,
    attendance: { in_person: 3, virtual: 2 },
    checkedIn: 0,
    gender: null,
  } satisfies Stats);

  assert.deepEqual(await computeStats(db, empty), {
    participants: 0,
    byCategory: zeroCategories,
    memberStates: 0,
    regionalGroups: zeroGroups,
    regionalAndInternationalOrgs: 0,
    unEntities: 0,
    institutions: 0,
    institutionKinds: [],
    csos: 0,
    womenLedCsos: 0,
    youthLedCsos: 0,
    attendance: { in_person: 0, virtual: 0 },
    checkedIn: 0,
    gender: null,
  } satisfies Stats);
});
