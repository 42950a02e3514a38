// Translatable text in the portfolio and assessments: every edit form posted back unchanged changes nothing (no
// language is lost, whatever the reader's language); list search matches the text of every language, without case or
// accents, and never the JSON keys or syntax; migration 0009 converts stored per-language strings, idempotently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { users } from '../src/platform/auth/auth.schema.ts';
import {
  needs,
  projectBeneficiaries,
  projectGovernance,
  projectPartners,
  projects,
} from '../src/modules/portfolio/portfolio.schema.ts';
import { assessmentVisits } from '../src/modules/assessments/assessments.schema.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';
import { fieldMap, formFields, postForm } from './forms.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const TIMESTAMPS = new Set(['updated_at']);
/** A stored row, all columns but the update timestamp. */
async function row(table: string, id: string) {
  const [r] = await env.database.query<Record<string, unknown>>(`select * from ${table} where id = $1`, [id]);
  assert.ok(r, `${table} ${id} exists`);
  return Object.fromEntries(Object.entries(r).filter(([k]) => !TIMESTAMPS.has(k)));
}
/** A project's relations, as sorted lists (governance rows are rewritten with new ids: compared without them). */
async function relations(projectId: string) {
  const q = async (sql: string) =>
    (await env.database.query<Record<string, unknown>>(sql, [projectId])).map((r) => JSON.stringify(r)).sort();
  return {
    partners: await q('select organization_id from project_partners where project_id = $1'),
    beneficiaries: await q('select state_org_id from project_beneficiaries where project_id = $1'),
    governance: await q('select body, organization_id, role from project_governance where project_id = $1'),
  };
}

/** GET the edit form, post its fields back unchanged (CSRF token and cookie included): a 303. */
async function resave(user: TestUser, editUrl: string, action: string) {
  const page = await user.agent.get(editUrl);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const fields = formFields(page.body, `form[action="${action}"]`);
  assert.ok(
    fields.some(([n]) => n === '_csrf'),
    'the form carries its CSRF token',
  );
  const res = await postForm(env.app, user.agent, action, fields);
  assert.equal(res.statusCode, 303, `${action}: ${res.body.slice(0, 1500)}`);
  return fields;
}

const EN_FR_TITLE = {
  en: { text: 'Border data systems (round trip)', status: 'original' as const },
  fr: { text: 'Systèmes de données frontalières (aller-retour)', status: 'reviewed' as const },
};

test(`edit forms posted back unchanged change nothing: project, needs, visit (${dbLabel()})`, async () => {
  const { db } = env.database;
  const unoct = await orgId(env, 'unoct');
  const cted = await orgId(env, 'cted');
  const icao = await orgId(env, 'icao');
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });

  // A project whose title has English and French, edited with an English interface (then a French one).
  const [p] = await db
    .insert(projects)
    .values({
      kind: 'project',
      code: 'RT-001',
      titles: EN_FR_TITLE,
      summary: 'First line.\nSecond line & <more>.',
      leadOrgId: unoct,
      themes: ['theme-border-security', 'theme-cft'], // a set, in the framework's (the form's) order
      pillars: ['pillar-2'],
      regions: ['african'],
      budgetUsd: 1_200_000,
      fundsReceivedUsd: 450_000,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      status: 'active',
    })
    .returning({ id: projects.id });
  await db.insert(projectPartners).values({ projectId: p.id, organizationId: icao });
  await db.insert(projectBeneficiaries).values({ projectId: p.id, stateOrgId: arcadia });
  await db
    .insert(projectGovernance)
    .values({ projectId: p.id, body: 'Steering committee', organizationId: cted, role: 'chair' });
  const beforeProject = await row('projects', p.id);
  const beforeRelations = await relations(p.id);
  const fields = await resave(coordinator, `/portfolio/${p.id}/edit`, `/portfolio/${p.id}`);
  assert.equal(fieldMap(fields).title_en, EN_FR_TITLE.en.text, 'the English form shows the English title');
  assert.ok(!('title_fr' in fieldMap(fields)), 'the French title is not in the English form');
  assert.deepEqual(await row('projects', p.id), beforeProject, 'English interface: the project row is unchanged');
  assert.deepEqual(await relations(p.id), beforeRelations);
  const [stored] = await db.select({ titles: projects.titles }).from(projects).where(eq(projects.id, p.id));
  assert.deepEqual(stored.titles, EN_FR_TITLE, 'the French title survives the English form');

  await db.update(users).set({ locale: 'fr' }).where(eq(users.id, coordinator.id));
  await resave(coordinator, `/portfolio/${p.id}/edit`, `/portfolio/${p.id}`);
  assert.deepEqual(await row('projects', p.id), beforeProject, 'French interface: unchanged');
  assert.deepEqual(await relations(p.id), beforeRelations);

  // A project with an English title only, edited with a French interface: the empty French field adds nothing.
  const [q] = await db
    .insert(projects)
    .values({ kind: 'programme', titles: { en: EN_FR_TITLE.en }, leadOrgId: unoct, status: 'pipeline' })
    .returning({ id: projects.id });
  const beforeQ = await row('projects', q.id);
  await resave(coordinator, `/portfolio/${q.id}/edit`, `/portfolio/${q.id}`);
  assert.deepEqual(await row('projects', q.id), beforeQ);

  // Needs: an internal one in English and French, and one from a visit written in Arabic with a machine translation.
  const [visit] = await db
    .insert(assessmentVisits)
    .values({
      stateOrgId: arcadia,
      type: 'focused',
      status: 'conducted',
      startDate: '2026-04-01',
      endDate: '2026-04-03',
      team: 'Team A\nTeam B',
      onBehalfOfCtc: false,
    })
    .returning({ id: assessmentVisits.id });
  const [n1] = await db
    .insert(needs)
    .values({
      stateOrgId: arcadia,
      source: 'other',
      sourceNote: 'Request of the State (round trip)',
      themes: ['theme-cft'],
      pillars: ['pillar-2'],
      resolutions: ['S/RES/1373 (2001)'],
      priority: 'high',
      status: 'validated',
      descriptions: {
        en: { text: 'Training of the financial intelligence unit.\n\nSecond paragraph.', status: 'original' },
        fr: { text: 'Formation de la cellule de renseignement financier.', status: 'reviewed' },
      },
    })
    .returning({ id: needs.id });
  const [n2] = await db
    .insert(needs)
    .values({
      stateOrgId: arcadia,
      source: 'assessment_visit',
      visitId: visit.id,
      themes: ['theme-border-security'],
      priority: 'medium',
      status: 'identified',
      descriptions: {
        ar: { text: 'أنظمة بيانات المسافرين', status: 'original' },
        en: { text: 'Passenger data systems', status: 'machine' },
      },
    })
    .returning({ id: needs.id });
  for (const id of [n1.id, n2.id]) {
    const before = await row('ta_needs', id);
    await resave(analyst, `/needs/${id}/edit`, `/needs/${id}`);
    assert.deepEqual(await row('ta_needs', id), before, `need ${id} unchanged`);
  }

  // Pages show the reader's language, or the original with a visible note.
  const machine = await analyst.agent.get(`/needs/${n2.id}`);
  assert.match(machine.body, /Passenger data systems/);
  assert.match(machine.body, /Machine translation, not yet reviewed\./);
  await db.update(users).set({ locale: 'es' }).where(eq(users.id, analyst.id));
  const fallback = await analyst.agent.get(`/needs/${n1.id}`);
  assert.match(fallback.body, /lang="en"[^>]*>[\s\S]*Training of the financial intelligence unit/);
  assert.ok(fallback.body.includes('Second paragraph.'));
  assert.ok(fallback.body.includes('Aún no disponible en su idioma'), 'the fallback is said');
  const projectFr = await coordinator.agent.get(`/portfolio/${p.id}`);
  assert.ok(projectFr.body.includes(EN_FR_TITLE.fr.text), 'a French reader gets the French title');
  await db.update(users).set({ locale: 'en' }).where(eq(users.id, analyst.id));

  // The visit (its "on behalf of the CTC" box unchecked, a team on two lines).
  const beforeVisit = await row('assessment_visits', visit.id);
  await resave(analyst, `/assessments/visits/${visit.id}/edit`, `/assessments/visits/${visit.id}`);
  assert.deepEqual(await row('assessment_visits', visit.id), beforeVisit);
});

const tokenOf = async (u: TestUser) =>
  (
    await createApiToken(
      {
        db: env.database.db,
        config: env.config,
        actor: (await loadActor(env.database.db, u.id, 'session', true, []))!.actor,
      },
      { name: 't', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;

test(
  'search matches the text of every language, without case or accents, never JSON keys or syntax ' + `(${dbLabel()})`,
  async () => {
    const { db } = env.database;
    const arcadia = await orgId(env, 'demo-state-arcadia');
    const unodc = await orgId(env, 'unodc');
    const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
    const token = await tokenOf(analyst);
    const [a, b] = await db
      .insert(needs)
      .values([
        {
          stateOrgId: arcadia,
          source: 'other',
          themes: ['theme-cft'],
          descriptions: { fr: { text: 'Sécurité des frontières (recherche)', status: 'original' } },
        },
        {
          stateOrgId: arcadia,
          source: 'other',
          themes: ['theme-cft'],
          descriptions: {
            en: { text: 'Border training (search)', status: 'original' },
            zh: { text: '边境培训', status: 'reviewed' },
          },
        },
      ])
      .returning({ id: needs.id });
    const [p] = await db
      .insert(projects)
      .values({
        kind: 'project',
        code: 'SRCH-1',
        titles: {
          en: { text: 'Café network (search)', status: 'original' },
          ar: { text: 'شبكة المقهى', status: 'draft' },
        },
        leadOrgId: unodc,
        status: 'active',
      })
      .returning({ id: projects.id });

    const api = async (url: string) => {
      const r = await env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { data: { id: string }[]; total: number }).data.map((x) => x.id);
    };
    const page = async (url: string) => {
      const r = await analyst.agent.get(url);
      assert.equal(r.statusCode, 200);
      return r.body;
    };
    const q = (s: string) => encodeURIComponent(s);

    // JSON keys and syntax match nothing (before: "zh" and '":' matched every need and project).
    for (const s of ['zh', 'fr":', '":', '{"', '"text"', 'text', 'status', 'original', 'reviewed', '}']) {
      assert.deepEqual(await api(`/api/v1/needs?q=${q(s)}`), [], `needs q=${s}`);
      assert.deepEqual(await api(`/api/v1/projects?q=${q(s)}`), [], `projects q=${s}`);
      const needsPage = await page(`/needs?q=${q(s)}`);
      assert.ok(!needsPage.includes(a.id) && !needsPage.includes(b.id), `needs page q=${s}`);
      assert.ok(!(await page(`/portfolio?q=${q(s)}`)).includes(p.id), `portfolio page q=${s}`);
    }
    // Composed and decomposed accents, any case, find the same row; every language is searched.
    for (const s of ['sécurité', 'Se\u0301curite\u0301', 'SECURITE', 'securite des']) {
      assert.deepEqual(await api(`/api/v1/needs?q=${q(s)}`), [a.id], `needs q=${s}`);
      assert.ok((await page(`/needs?q=${q(s)}`)).includes(`/needs/${a.id}`), `needs page q=${s}`);
    }
    assert.deepEqual(await api(`/api/v1/needs?q=${q('边境')}`), [b.id]);
    assert.deepEqual(await api(`/api/v1/needs?q=${q('BORDER')}`), [b.id]);
    for (const s of ['café', 'Cafe\u0301', 'CAFE', 'المقهى', 'srch-1']) {
      assert.deepEqual(await api(`/api/v1/projects?q=${q(s)}`), [p.id], `projects q=${s}`);
      assert.ok((await page(`/portfolio?q=${q(s)}`)).includes(`/portfolio/${p.id}`), `portfolio page q=${s}`);
    }
    // LIKE wildcards are literal.
    assert.deepEqual(await api(`/api/v1/needs?q=${q('%')}`), []);
    assert.deepEqual(await api(`/api/v1/projects?q=${q('_')}`), []);
  },
);

test(`the JSON API takes and gives translatable text (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const analyst = await makeUser(env, 'analyst', { orgSlug: 'cted' });
  const token = await tokenOf(analyst);
  const post = (payload: unknown) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/needs',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  const base = { stateOrgId: arcadia, source: 'other', themes: ['theme-cft'] };
  const twoOriginals = await post({
    ...base,
    descriptions: { en: { text: 'a', status: 'original' }, fr: { text: 'b', status: 'original' } },
  });
  assert.equal(twoOriginals.statusCode, 422);
  assert.equal((await post({ ...base, descriptions: { en: 'plain' } })).statusCode, 400, 'the old shape is refused');
  const ok = await post({
    ...base,
    descriptions: { fr: { text: ' Cafe\u0301 ', status: 'original' }, en: { text: 'Coffee', status: 'reviewed' } },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const got = await env.app.inject({
    method: 'GET',
    url: `/api/v1/needs/${ok.json().id}`,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.deepEqual(got.json().need.descriptions, {
    fr: { text: 'Café', status: 'original' },
    en: { text: 'Coffee', status: 'reviewed' },
  });
});

test(`migration 0009 converts per-language strings, once (${dbLabel()})`, async () => {
  const arcadia = await orgId(env, 'demo-state-arcadia');
  const unodc = await orgId(env, 'unodc');
  const sqlFile = readFileSync(new URL('../drizzle/0009_translatable_portfolio.sql', import.meta.url), 'utf8');
  const run = async () => {
    for (const stmt of sqlFile.split('--> statement-breakpoint')) await env.database.exec(stmt);
  };
  const ins = async (descriptions: unknown) =>
    (
      await env.database.query<{ id: string }>(
        'insert into ta_needs (state_org_id, source, themes, descriptions) ' +
          "values ($1, 'other', '{theme-cft}', $2::jsonb) returning id",
        [arcadia, JSON.stringify(descriptions)],
      )
    )[0].id;
  const insP = async (titles: unknown) =>
    (
      await env.database.query<{ id: string }>(
        `insert into projects (kind, lead_org_id, titles) values ('project', $1, $2::jsonb) returning id`,
        [unodc, JSON.stringify(titles)],
      )
    )[0].id;
  const cases: [string, unknown, unknown][] = [
    [
      await ins({ en: 'x', fr: 'y' }),
      null,
      { en: { text: 'x', status: 'original' }, fr: { text: 'y', status: 'reviewed' } },
    ],
    [await ins({ ru: 'только' }), null, { ru: { text: 'только', status: 'original' } }],
    [
      await ins({ fr: 'b', es: 'a' }),
      null,
      { es: { text: 'a', status: 'original' }, fr: { text: 'b', status: 'reviewed' } },
    ],
    [
      await ins({ ar: { text: 'ن', status: 'original' }, en: { text: 'n', status: 'machine' } }),
      null,
      { ar: { text: 'ن', status: 'original' }, en: { text: 'n', status: 'machine' } },
    ],
  ];
  const projectId = await insP({ zh: '项目', en: 'Project' });
  await run();
  for (const [id, , expected] of cases) {
    const [r] = await env.database.query<{ descriptions: unknown }>('select descriptions from ta_needs where id = $1', [
      id,
    ]);
    assert.deepEqual(r.descriptions, expected);
  }
  const title = async () =>
    (await env.database.query<{ titles: unknown }>('select titles from projects where id = $1', [projectId]))[0].titles;
  assert.deepEqual(await title(), {
    en: { text: 'Project', status: 'original' },
    zh: { text: '项目', status: 'reviewed' },
  });
  await run(); // idempotent
  assert.deepEqual(await title(), {
    en: { text: 'Project', status: 'original' },
    zh: { text: '项目', status: 'reviewed' },
  });
  for (const [id, , expected] of cases) {
    const [r] = await env.database.query<{ descriptions: unknown }>('select descriptions from ta_needs where id = $1', [
      id,
    ]);
    assert.deepEqual(r.descriptions, expected);
  }
});

test(`an import gives the importer's language as the original (${dbLabel()})`, async () => {
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  const token = await tokenOf(coordinator);
  const csv = [
    'iso3,source,themes,description_en,description_fr',
    'XAR,other,theme-victims,Support to victims (import),Soutien aux victimes (import)',
    'XAR,other,theme-victims,Only in English (import),',
  ].join('\r\n');
  const upload = async (lang: string) => {
    const boundary = `----ctcp${Math.random().toString(16).slice(2)}`;
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/import/needs',
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': lang,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
            'filename="needs.csv"\r\nContent-Type: text/csv\r\n\r\n',
        ),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    assert.equal(r.statusCode, 200, r.body);
    const ids = (r.json() as { ids: string[] }).ids;
    return Promise.all(
      ids.map(
        async (id) =>
          (await env.database.query<{ d: unknown }>('select descriptions as d from ta_needs where id = $1', [id]))[0].d,
      ),
    );
  };
  assert.deepEqual(await upload('fr'), [
    {
      en: { text: 'Support to victims (import)', status: 'reviewed' },
      fr: { text: 'Soutien aux victimes (import)', status: 'original' },
    },
    { en: { text: 'Only in English (import)', status: 'original' } },
  ]);
  assert.deepEqual((await upload('en'))[0], {
    en: { text: 'Support to victims (import)', status: 'original' },
    fr: { text: 'Soutien aux victimes (import)', status: 'reviewed' },
  });
});
