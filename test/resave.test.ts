// Every edit form of the directory, access and admin modules, posted back unchanged, changes nothing stored:
// no field is lost (languages the form does not show, statuses, flags), none is rewritten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { organizations, people } from '../src/modules/directory/directory.schema.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import { dbLabel, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';
import { formFields } from './forms.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

/** Posts a page's form back as served (same fields, same values, the page's own CSRF token). */
async function resubmit(u: TestUser, pageUrl: string, formAction: string) {
  const page = await u.agent.get(pageUrl);
  assert.equal(page.statusCode, 200, pageUrl);
  const fields = formFields(page.body, `form[action="${formAction}"]`);
  assert.ok(
    fields.some(([k]) => k === '_csrf'),
    `${formAction} carries a form token`,
  );
  const res = await env.app.inject({
    method: 'POST',
    url: formAction,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      cookie: [...u.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
    },
  });
  assert.equal(res.statusCode, 303, `${formAction}: ${res.statusCode} ${res.body.slice(0, 500)}`);
}

const without = <T extends Record<string, unknown>>(r: T, ...keys: string[]) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));

test(`re-saving every edit form unchanged changes no stored row (${dbLabel()})`, async () => {
  const admin = await makeUser(env, 'platform_admin', { orgSlug: 'unoct' });
  const db = env.database.db;

  // An organization with every kind of field set, a description in three languages (two not shown by default).
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'demo-youth-voices'));
  await db
    .update(organizations)
    .set({
      names: { ...org.names, fr: 'Voix des jeunes', ar: 'أصوات الشباب' },
      description: {
        fr: { text: 'Réseau de jeunes', status: 'original' },
        en: { text: 'A youth network', status: 'reviewed' },
        zh: { text: '青年网络', status: 'machine' },
      },
      countriesOfOperation: ['JOR', 'LBN'],
      website: 'https://example.org/yv',
      acronym: 'YV',
      youthLed: true,
      publicListing: true,
    })
    .where(eq(organizations.id, org.id));
  const [france] = await db.select().from(organizations).where(eq(organizations.iso3, 'FRA'));
  for (const slug of ['demo-youth-voices', 'unodc', france.slug]) {
    const [before] = await db.select().from(organizations).where(eq(organizations.slug, slug));
    await resubmit(admin, `/directory/organizations/${slug}/edit`, `/directory/organizations/${slug}`);
    const [after] = await db.select().from(organizations).where(eq(organizations.slug, slug));
    assert.deepEqual(without(after, 'updatedAt'), without(before, 'updatedAt'), `organization ${slug}`);
  }

  // A person (the person page's edit form).
  const [p] = await db.select().from(people).limit(1);
  await db.update(people).set({ jobTitle: 'Adviser', email: 'adviser@example.org' }).where(eq(people.id, p.id));
  const [pBefore] = await db.select().from(people).where(eq(people.id, p.id));
  await resubmit(admin, `/directory/people/${p.id}`, `/directory/people/${p.id}`);
  const [pAfter] = await db.select().from(people).where(eq(people.id, p.id));
  assert.deepEqual(pAfter, pBefore, 'person');

  // The user's own settings (language, time zone, name).
  for (const u of [admin, await makeUser(env, 'observer')]) {
    // (Accounts that answered the first sign-in's time-zone question: saving the form would otherwise answer it.)
    await db.update(users).set({ timeZoneConfirmedAt: new Date() }).where(eq(users.id, u.id));
    const [uBefore] = await db.select().from(users).where(eq(users.id, u.id));
    await resubmit(u, '/account', '/account/settings');
    const [uAfter] = await db.select().from(users).where(eq(users.id, u.id));
    assert.deepEqual(without(uAfter, 'updatedAt'), without(uBefore, 'updatedAt'), `settings of ${u.role}`);
  }

  // An administrator's role form for another user, posted back with the same role: no change, no sign-out.
  const other = await makeUser(env, 'analyst', { orgSlug: 'unoct' });
  const [oBefore] = await db.select().from(users).where(eq(users.id, other.id));
  let found = false;
  for (let page = 1; page <= 20 && !found; page++) {
    const list = await admin.agent.get(`/admin/users?page=${page}`);
    if (!list.body.includes(`/admin/users/${other.id}/role`)) continue;
    found = true;
    await resubmit(admin, `/admin/users?page=${page}`, `/admin/users/${other.id}/role`);
  }
  assert.ok(found, 'the user is listed');
  const [oAfter] = await db.select().from(users).where(eq(users.id, other.id));
  assert.deepEqual(without(oAfter, 'updatedAt'), without(oBefore, 'updatedAt'), 'user after the role form');
  assert.equal((await other.agent.get('/account')).statusCode, 200, 'still signed in');
});
