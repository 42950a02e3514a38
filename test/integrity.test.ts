// The pre-publish check of public text: the defacement corpus is flagged in full (each entry with its kind), and the
// platform's own texts are not: every message of the six catalogues in its language, and every translatable text
// and name the demo seeds, in every language it has, with the named exceptions a caller passes (acronyms).
import { adoptPublishedEvents } from '../src/modules/events/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, LOCALES, type Locale } from '../src/platform/i18n/index.ts';
import {
  checkFields,
  checkName,
  checkText,
  findingId,
  nameErrors,
  skeleton,
  type Finding,
} from '../src/platform/integrity/index.ts';
import { seedEvents } from '../src/modules/events/events.seed.ts';
import { DEFACEMENT_CORPUS, INJECTED } from './fixtures/defacement.ts';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../src/platform/auth/auth.schema.ts';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import { events, eventOrganizers, eventRegistrations } from '../src/modules/events/events.schema.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv } from './helper.ts';

const show = (fs: Finding[]) => fs.map((f) => `${f.lang}/${f.field} ${f.kind} ${JSON.stringify(f.match)}`).join('\n');

test('every entry of the defacement corpus is flagged with its kind (100 %)', () => {
  const missed = DEFACEMENT_CORPUS.filter((c) => !checkText(c.lang, c.text).some((f) => f.kind === c.expectKind));
  assert.deepEqual(
    missed.map((c) => c.name),
    [],
  );
  // and as a name (no language): everything but foreign scripts is refused
  for (const c of DEFACEMENT_CORPUS.filter((c) => c.expectKind !== 'script'))
    assert.ok(checkName(c.text).length > 0, c.name);
});

test('the injected string is found exactly, with its place and script; the language of the text decides', () => {
  const text = `Collaboration at the heart of ${INJECTED}counter-terrorism efforts`;
  const [f, ...rest] = checkText('en', text, { field: 'title' });
  assert.equal(rest.length, 0);
  assert.equal(f!.kind, 'script');
  assert.equal(f!.script, 'Hani');
  assert.equal(text.slice(f!.start, f!.end), INJECTED);
  assert.equal(f!.field, 'title');
  assert.equal(f!.id, findingId({ kind: 'script', lang: 'en', field: 'title', match: INJECTED }));
  // Han is the Chinese version's own script
  assert.deepEqual(checkText('zh', `反恐${INJECTED}`), []);
});

test('named exceptions, URLs, e-mail addresses and UN document symbols are not findings', () => {
  const ar =
    'رحب مكتب UNOCT بالقرار S/RES/2178 (2014) والقرار A/RES/60/288، ' +
    'انظر https://www.un.org/counterterrorism/ أو اكتب إلى info@un.org';
  assert.deepEqual(checkText('ar', ar, { allow: ['UNOCT'] }), []);
  // without the exception, the acronym is a finding (and only it)
  assert.deepEqual(
    checkText('ar', ar).map((f) => f.match),
    ['UNOCT'],
  );
  assert.deepEqual(checkText('zh', '安全理事会第2178(2014)号决议（S/RES/2178 (2014)）'), []);
  assert.deepEqual(checkText('ru', 'резолюция A/RES/60/288 и E/CN.15/2019/L.1/Rev.1'), []);
  // a word glued to an exception is still seen
  assert.deepEqual(
    checkText('ar', 'مكتب UNOCTcasino', { allow: ['UNOCT'] }).map((f) => f.match),
    ['UNOCTcasino'],
  );
  assert.deepEqual(checkText('zh', '联合国反恐怖主义办公室（UNOCT）与UNOCT合作', { allow: ['UNOCT'] }), []);
  assert.deepEqual(checkText('ru', 'столп IV и глава VII'), []);
  // Common characters: digits, punctuation, emoji, CJK punctuation
  assert.deepEqual(checkText('zh', '2026年第3次会议：“反恐”、《战略》…… 👩‍💻'), []);
  // a run of one foreign script takes the spaces between its words
  assert.deepEqual(
    checkText('ar', 'يسر المكتب buy cheap pills أن يعلن').map((f) => f.match),
    ['buy cheap pills'],
  );
});

test('bidi marks are allowed in Arabic only; joiners only where a script needs them', () => {
  assert.deepEqual(checkText('ar', 'القرار\u200F 2178'), []);
  assert.deepEqual(
    checkText('en', 'resolution\u200F 2178').map((f) => f.kind),
    ['bidi'],
  );
  assert.deepEqual(
    checkText('ar', 'تقرير\u202Eالاجتماع').map((f) => f.kind),
    ['bidi'],
  );
  assert.deepEqual(checkText('ar', 'لا\u200Cإله'), []);
  assert.deepEqual(checkName('مهدی\u200Cزاده'), []);
  assert.deepEqual(checkName('क्\u200Dष'), []);
  assert.deepEqual(
    checkName('Ann\u200Ca').map((f) => f.kind),
    ['invisible'],
  );
  assert.deepEqual(checkText('en', 'Team 👩\u200D💻 ready'), []);
});

test('a mixed-script word is one confusable finding, not also a script one; its skeleton shows the imitated', () => {
  const fs = checkText('en', 'UN\u041E\u0421\u0422 and CTED');
  assert.deepEqual(
    fs.map((f) => [f.kind, f.match]),
    [['confusable', 'UN\u041E\u0421\u0422']],
  );
  assert.equal(skeleton(fs[0]!.match), 'UNOCT');
  // a whole Cyrillic word in Russian is Russian; a whole Latin word in English is English
  assert.deepEqual(checkText('ru', 'Контртеррористический комитет'), []);
  assert.deepEqual(checkName('Иван Петров'), []);
  assert.deepEqual(checkName('王小明'), []);
  assert.deepEqual(checkName('Zoë Ñúñez-O’Brien'), []);
});

test('mojibake patterns do not catch ordinary punctuation in French, Spanish and URLs', () => {
  for (const [lang, text] of [
    ['fr', 'Qu’est-ce que « l’été » ? Où\u00A0? Déjà\u00A0!'],
    ['es', '¿Qué es? ¡Sí! Año, señora, ESPAÑA'],
    ['en', 'What?? See https://example.org/search?q=un&page=2'],
    ['fr', 'L’ÉTÉ\u00A0» et CAFÉ\u00A0: été\u00A0»'],
  ] as [Locale, string][])
    assert.deepEqual(checkText(lang, text), [], `${lang}: ${text}\n${show(checkText(lang, text))}`);
});

test('checkFields checks every language version of every field', () => {
  const fs = checkFields({
    title: { en: { text: 'Fran?ais', status: 'original' }, fr: { text: 'Français', status: 'reviewed' } },
    summary: { ru: { text: `Резюме ${INJECTED}`, status: 'original' } },
    empty: null,
  });
  assert.deepEqual(
    fs.map((f) => [f.field, f.lang, f.kind]),
    [
      ['title', 'en', 'mojibake'],
      ['summary', 'ru', 'script'],
    ],
  );
});

/** The literal text of an ICU message (its placeholders and plural keywords are not text). */
function literals(message: string, locale: Locale): string[] {
  interface El {
    type: number;
    value?: string;
    options?: Record<string, { value: El[] }>;
    children?: El[];
  }
  const out: string[] = [];
  const walk = (els: El[]) => {
    for (const el of els) {
      if (el.type === 0 && el.value) out.push(el.value);
      for (const o of Object.values(el.options ?? {})) walk(o.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as El[]);
  return out;
}

/**
 * Names and terms the catalogues write in Latin letters in every language: products, formats and standards a reader
 * meets under these names (the exceptions an editor would name).
 */
const CATALOGUE_EXCEPTIONS: string[] = [
  // standards, formats, products and their abbreviations
  ...[
    'API',
    'OpenAPI',
    'JSON',
    'CSV',
    'XLSX',
    'xlsx',
    'Excel',
    'DOCX',
    'docx',
    'Word',
    'PDF',
    'pdf',
    'HXL',
    'UTF',
    'SHA',
    'SMTP',
  ],
  ...['iCalendar', 'ics', 'cron', 'https', 'JavaScript', 'QR', 'IP', 'ISO', 'IANA', 'UTC', 'WCAG', 'AA', 'axe', 'MB'],
  ...['Cookie', 'cookie', 'Ctrl', 'Cmd', 'A4', 'A6', 'Idempotency-Key', 'Europe/Vienna', 'HH:MM', 'YYYY-MM-DD'],
  // examples: an organization's acronym, country codes, a record reference
  ...['UNODC', 'KEN', 'TZA', 'need:0b6f', 'demo-roundtable-registration'],
  // the suffixes of UN document symbols, written in Latin letters in every language (Rev.1, Add.1, Corr.1)
  ...['Rev', 'Add', 'Corr'],
  // the values an import file or a form's syntax takes, which are typed as they are in every language
  ...['ar', 'en', 'es', 'fr', 'ru', 'zh', 'id', 'text', 'choice', 'yes_no', 'required', 'optional'],
  ...['keynote', 'speaker', 'statement', 'remarks', 'need', 'project', 'event', 'output'],
  ...['regional_org', 'international_org', 'cso', 'academia', 'private_sector', 'faith_based', 'other'],
  ...['in_person', 'virtual', 'accepted', 'pending', 'waitlisted', 'woman', 'man', 'undisclosed'],
];

test('0 findings in the six catalogues, each message checked in its language', () => {
  const all: Finding[] = [];
  for (const lang of LOCALES)
    for (const [key, message] of Object.entries(CATALOGUES[lang]))
      for (const text of literals(message, lang))
        all.push(...checkText(lang, text, { field: key, allow: CATALOGUE_EXCEPTIONS }));
  assert.equal(all.length, 0, show(all));
});

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
  await seedEvents(env.database.db, { demo: true });
});
after(async () => {
  await env?.close();
});

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));

test('0 findings in the texts and names the demo seeds, in every language they have', async () => {
  // the exceptions a caller passes: the organizations' acronyms, and the terms the interface itself uses
  const acronyms = await q<{ acronym: string }>(
    sql`SELECT DISTINCT acronym FROM organizations WHERE acronym IS NOT NULL`,
  );
  const allow = [...acronyms.map((r) => r.acronym), ...CATALOGUE_EXCEPTIONS];
  // every JSON column whose values are per-language texts ({en: {text…}} or {en: '…'})
  const columns = await q<{ table_name: string; column_name: string }>(
    sql`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'jsonb' ORDER BY table_name, column_name`,
  );
  const all: Finding[] = [];
  let checked = 0;
  for (const { table_name, column_name } of columns) {
    const rows = await q<{ v: unknown }>(
      sql`SELECT ${sql.identifier(column_name)} AS v FROM ${sql.identifier(table_name)}`,
    );
    for (const { v } of rows) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      for (const [lang, entry] of Object.entries(v)) {
        if (!(LOCALES as readonly string[]).includes(lang)) continue;
        const text = typeof entry === 'string' ? entry : (entry as { text?: unknown })?.text;
        if (typeof text !== 'string' || !text) continue;
        checked++;
        all.push(...checkText(lang as Locale, text, { field: `${table_name}.${column_name}`, allow }));
      }
    }
  }
  assert.ok(checked > 100, `${checked} texts checked`);
  assert.equal(all.length, 0, show(all));
});

test('nameErrors: one translated error per field, naming the code point or the word', () => {
  assert.deepEqual(nameErrors({ a: 'Ann Smith', b: '王小明', c: 'محمد' }), []);
  assert.deepEqual(nameErrors({ name: 'Ann\u202ESmith', org: 'UN\u041E\u0421\u0422' }), [
    { field: 'name', messageKey: 'integrity.refused.bidi', values: { match: '\u202E', code: 'U+202E' } },
    {
      field: 'org',
      messageKey: 'integrity.refused.confusable',
      values: { match: 'UN\u041E\u0421\u0422', code: 'U+0055 U+004E U+041E U+0421 U+0422' },
    },
  ]);
});

async function openEvent() {
  const start = new Date(Date.now() + 7 * 86400_000);
  const [e] = await env.database.db
    .insert(events)
    .values({
      slug: `integrity-${randomUUID().slice(0, 8)}`,
      type: 'roundtable',
      title: { en: { text: 'Integrity roundtable', status: 'original' } },
      format: 'virtual',
      timeZone: 'UTC',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      registrationMode: 'automatic',
      capacity: 10,
      openTo: ['cso', 'member_state', 'un_entity', 'academia'],
    })
    .returning();
  await adoptPublishedEvents(env.database.db); // a row written behind the services: as an upgrade
  await env.database.db
    .insert(eventOrganizers)
    .values({ eventId: e!.id, organizationId: await orgId(env, 'unoct'), role: 'organizer' });
  return e!;
}
const regs = async (eventId: string) =>
  env.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));

test(`a name with a direction override is refused (page, API), nothing stored (${dbLabel()})`, async () => {
  const e = await openEvent();
  const u = await makeUser(env, 'cso_representative', { orgSlug: 'demo-coastal-peacebuilders' });
  await env.database.db.update(users).set({ name: 'Ann \u202Eevil' }).where(eq(users.id, u.id));
  const page = await u.agent.post(`/events/${e.slug}/register`, {});
  assert.equal(page.statusCode, 422);
  assert.match(page.body, /error-summary/);
  assert.match(page.body, /hidden text-direction control \(U\+202E\)/);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page.body)![0];
  assert.ok(!summary.includes('\u202E'), 'the error does not echo the override');
  const actor = (await loadActor(env.database.db, u.id, 'session', true, []))!.actor;
  const { token } = await createApiToken(
    { db: env.database.db, config: env.config, actor },
    { name: 't', scopes: ['write'], expiresInDays: 1 },
  );
  const api = await env.app.inject({
    method: 'POST',
    url: `/api/v1/events/${e.id}/registrations`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { answers: {} },
  });
  assert.equal(api.statusCode, 422);
  assert.equal(api.json().error.fields[0].field, 'name');
  assert.equal((await regs(e.id)).length, 0, 'nothing stored');
  // the account's settings refuse such a name too (in French), and keep the old one
  await env.database.db.update(users).set({ locale: 'fr' }).where(eq(users.id, u.id));
  const settings = await u.agent.post('/account/settings', {
    name: 'Ann UN\u041E\u0421\u0422',
    locale: 'fr',
    timeZone: 'UTC',
  });
  assert.equal(settings.statusCode, 422);
  assert.match(settings.body, /mêle des lettres latines/);
  const [row] = await env.database.db.select({ name: users.name }).from(users).where(eq(users.id, u.id));
  assert.equal(row!.name, 'Ann \u202Eevil');
  // a clean name in any script registers
  await env.database.db.update(users).set({ name: '王小明' }).where(eq(users.id, u.id));
  assert.equal((await u.agent.post(`/events/${e.slug}/register`, {})).statusCode, 303);
  assert.equal((await regs(e.id)).length, 1);
});
