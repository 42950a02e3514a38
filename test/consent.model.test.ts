// Consent, model-based: fast-check generates sequences of Grant / Narrow / Expire / Revoke / Read on one visit, run
// against the real app (the State's focal point through the JSON API; reads through the API, the pages, and the SQL
// condition consentCovers for the needs) and against a plain in-memory list of grants. Who is covered is worked out
// from the reference data (Compact membership, working-group members), not from the SQL under test. Every answer
// that differs from the model is a divergence; there must be none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { createApiToken, loadActor } from '../src/modules/access/access.service.ts';
import type { UserActor } from '../src/platform/auth/policy.ts';
import {
  assessmentReports,
  assessmentVisits,
  type ConsentScope,
} from '../src/modules/assessments/assessments.schema.ts';
import { consentCovers } from '../src/modules/assessments/index.ts';
import { REGIONAL_ORGS, UN_ENTITIES } from '../src/modules/directory/data/un-entities.ts';
import { WORKING_GROUPS } from '../src/modules/compact/data/working-groups.ts';
import { dbLabel, makeTestEnv, makeUser, orgId, type TestEnv, type TestUser } from './helper.ts';

const NUM_RUNS = Number(process.env.CONSENT_MODEL_RUNS ?? 40);
const MAX_COMMANDS = 24;

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

// ---------- the model ----------

type Part = 'visit' | 'report' | 'strict' | 'needs';
const PARTS: Part[] = ['visit', 'report', 'strict', 'needs'];
type Clearance = 'confidential' | 'strictly_confidential';

/** Grantees the State may name: organizations, every Compact entity, working groups. */
const GRANTEES = [
  'org:unodc',
  'org:demo-state-borealis',
  'org:eu',
  'compact',
  'wg:wg-border-management-law-enforcement',
  'wg:wg-emerging-threats-cip',
  'wg:wg-human-rights-victims',
] as const;
type Grantee = (typeof GRANTEES)[number];

/**
 * A membership this test adds (a non-Compact organization in a working group), so that group grants and Compact
 * grants differ.
 */
const EXTRA_MEMBERS: Record<string, string[]> = { 'wg-emerging-threats-cip': ['eu'] };

interface Reader {
  key: string;
  role: 'entity_focal_point' | 'member_state_focal_point' | 'coordinator';
  org: string;
  clearance: Clearance;
  ownState?: boolean;
}
const READERS: Reader[] = [
  { key: 'unodc', role: 'entity_focal_point', org: 'unodc', clearance: 'confidential' },
  { key: 'ohchr', role: 'entity_focal_point', org: 'ohchr', clearance: 'confidential' },
  { key: 'unoct', role: 'coordinator', org: 'unoct', clearance: 'confidential' },
  { key: 'eu', role: 'entity_focal_point', org: 'eu', clearance: 'confidential' },
  { key: 'au', role: 'entity_focal_point', org: 'au', clearance: 'confidential' },
  { key: 'borealis', role: 'member_state_focal_point', org: 'demo-state-borealis', clearance: 'strictly_confidential' },
  {
    key: 'arcadia',
    role: 'member_state_focal_point',
    org: 'demo-state-arcadia',
    clearance: 'strictly_confidential',
    ownState: true,
  },
];

const COMPACT = new Set([...UN_ENTITIES, ...REGIONAL_ORGS].filter((e) => e.compactMember).map((e) => e.slug));
const GROUP_MEMBERS = new Map(
  WORKING_GROUPS.map((g) => [g.slug as string, new Set<string>([...g.demoMembers, ...(EXTRA_MEMBERS[g.slug] ?? [])])]),
);

interface MGrant {
  grantee: Grantee;
  scope: ConsentScope;
  expiresOn: string | null;
  expired: boolean;
  revoked: boolean;
}
interface Model {
  grants: MGrant[];
}

const addressed = (g: Grantee, r: Reader) =>
  g === 'compact'
    ? COMPACT.has(r.org)
    : g.startsWith('org:')
      ? g.slice(4) === r.org
      : GROUP_MEMBERS.get(g.slice(3))?.has(r.org) === true;
const scopeCovers = (s: ConsentScope, part: 'report' | 'needs' | 'any') => part === 'any' || s === part || s === 'both';
const covers = (m: Model, r: Reader, part: 'report' | 'needs' | 'any') =>
  m.grants.some((g) => !g.revoked && !g.expired && scopeCovers(g.scope, part) && addressed(g.grantee, r));

/** What the model says a reader gets. */
function expected(m: Model, r: Reader, part: Part): boolean {
  switch (part) {
    case 'visit':
      return !!r.ownState || covers(m, r, 'any');
    case 'report':
      return !!r.ownState || covers(m, r, 'report');
    case 'strict':
      return !!r.ownState || (covers(m, r, 'report') && r.clearance === 'strictly_confidential');
    case 'needs':
      return covers(m, r, 'needs'); // the consent condition alone
  }
}

// Dates: future end dates relative to today (UTC), and one in the past.
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
const EXPIRIES = { none: null, past: day(-3), d10: day(10), d20: day(20), d40: day(40) } as const;
type ExpiryKey = keyof typeof EXPIRIES;
const NARROW_EXPIRIES = { none: null, d5: day(5), d15: day(15), d30: day(30) } as const;
type NarrowExpiryKey = keyof typeof NARROW_EXPIRIES;

// ---------- the real system ----------

interface Real {
  visitId: string;
  reportId: string;
  strictId: string;
  grantIds: string[];
  decisions: string[];
}
interface Principal {
  reader: Reader;
  user: TestUser;
  token: string;
  actor: UserActor;
}

let stateFp: Principal;
let principals: Principal[];
const stats = { runs: 0, commands: 0, reads: 0, byKind: {} as Record<string, number> };
const divergences: string[] = [];
let trace: string[] = [];

function diverged(what: string) {
  divergences.push(`${what}\n    after: ${trace.slice(0, -1).join(' → ') || '(start)'}`);
}

async function principal(reader: Reader): Promise<Principal> {
  const user = await makeUser(env, reader.role, { orgSlug: reader.org, focalPoint: true });
  const actor = (await loadActor(env.database.db, user.id, 'session', true, []))!.actor;
  const token = (
    await createApiToken(
      { db: env.database.db, config: env.config, actor },
      { name: 'model', scopes: ['write'], expiresInDays: 1 },
    )
  ).token;
  return { reader, user, token, actor };
}

const bearer = (p: Principal) => ({ authorization: `Bearer ${p.token}` });
const post = (url: string, payload?: object) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(stateFp), ...(payload ? { 'content-type': 'application/json' } : {}) },
    ...(payload ? { payload } : {}),
  });

async function grantTarget(g: Grantee): Promise<Record<string, string>> {
  if (g === 'compact') return { granteeKind: 'compact' };
  if (g.startsWith('org:')) return { granteeKind: 'organization', granteeOrgId: await orgId(env, g.slice(4)) };
  const [row] = await env.database.query<{ id: string }>('select id from working_groups where slug = $1', [g.slice(3)]);
  return { granteeKind: 'working_group', granteeGroupId: row.id };
}

/** One read through the real app: HTTP (API or page) for the visit and the reports, the SQL condition for the needs. */
async function realRead(p: Principal, part: Part, real: Real, via: 'api' | 'page'): Promise<boolean | string> {
  if (part === 'needs') {
    const [r] = await env.database.db
      .select({ ok: consentCovers(p.actor, assessmentVisits.id, 'needs').mapWith(Boolean) })
      .from(assessmentVisits)
      .where(eq(assessmentVisits.id, real.visitId));
    return r.ok;
  }
  const url =
    part === 'visit'
      ? via === 'api'
        ? `/api/v1/assessments/visits/${real.visitId}`
        : `/assessments/visits/${real.visitId}`
      : `${via === 'api' ? '/api/v1' : ''}/assessments/reports/${part === 'report' ? real.reportId : real.strictId}`;
  const res =
    via === 'api' ? await env.app.inject({ method: 'GET', url, headers: bearer(p) }) : await p.user.agent.get(url);
  if (res.statusCode === 200) return true;
  if (res.statusCode === 404) return false;
  return `HTTP ${res.statusCode}`;
}

// ---------- commands ----------

type Cmd = fc.AsyncCommand<Model, Real>;
const count = (kind: string) => {
  stats.commands++;
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
};
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];

class Grant implements Cmd {
  constructor(
    readonly grantee: Grantee,
    readonly scope: ConsentScope,
    readonly expiry: ExpiryKey,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    count('grant');
    trace.push(this.toString());
    const expiresOn = EXPIRIES[this.expiry];
    const res = await post(`/api/v1/assessments/visits/${r.visitId}/consent`, {
      ...(await grantTarget(this.grantee)),
      scope: this.scope,
      ...(expiresOn ? { expiresOn } : {}),
    });
    const want = this.expiry === 'past' ? 422 : 201;
    if (res.statusCode !== want)
      return diverged(`${this}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (res.statusCode === 201) {
      m.grants.push({ grantee: this.grantee, scope: this.scope, expiresOn, expired: false, revoked: false });
      r.grantIds.push(res.json().id);
      r.decisions.push('granted');
    }
  }
  toString() {
    return `Grant(${this.grantee}, ${this.scope}, ${this.expiry})`;
  }
}

class Narrow implements Cmd {
  constructor(
    readonly i: number,
    readonly scope: ConsentScope,
    readonly expiry: NarrowExpiryKey,
  ) {}
  check = (m: Readonly<Model>) => m.grants.length > 0;
  async run(m: Model, r: Real) {
    count('narrow');
    trace.push(this.toString());
    const k = this.i % m.grants.length;
    const g = m.grants[k];
    const expiresOn = NARROW_EXPIRIES[this.expiry];
    const res = await post(`/api/v1/assessments/consent/${r.grantIds[k]}/narrow`, {
      scope: this.scope,
      ...(expiresOn ? { expiresOn } : {}),
    });
    let want: number;
    if (g.revoked) want = 409;
    else {
      const narrower = g.scope === this.scope || g.scope === 'both';
      // an expired grant ends in the past: any end date given now would be later, i.e. wider
      const earlier = !expiresOn || (!g.expired && (g.expiresOn === null || expiresOn <= g.expiresOn));
      want = narrower && earlier ? 204 : 422;
    }
    if (res.statusCode !== want)
      return diverged(
        `${this} on #${k} ${JSON.stringify(g)}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 300)}`,
      );
    if (want === 204) {
      g.scope = this.scope;
      if (expiresOn) g.expiresOn = expiresOn;
      r.decisions.push('narrowed');
    }
  }
  toString() {
    return `Narrow(#${this.i}, ${this.scope}, ${this.expiry})`;
  }
}

/** Time passes: the grant's end is moved into the past directly in SQL. */
class Expire implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.grants.length > 0;
  async run(m: Model, r: Real) {
    count('expire');
    trace.push(this.toString());
    const k = this.i % m.grants.length;
    await env.database.query(`update consent_grants set expires_at = now() - interval '1 second' where id = $1`, [
      r.grantIds[k],
    ]);
    m.grants[k].expired = true;
  }
  toString() {
    return `Expire(#${this.i})`;
  }
}

class Revoke implements Cmd {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.grants.length > 0;
  async run(m: Model, r: Real) {
    count('revoke');
    trace.push(this.toString());
    const k = this.i % m.grants.length;
    const res = await post(`/api/v1/assessments/consent/${r.grantIds[k]}/revoke`);
    const want = m.grants[k].revoked ? 409 : 204;
    if (res.statusCode !== want)
      return diverged(`${this}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (want === 204) r.decisions.push('revoked');
    m.grants[k].revoked = true;
  }
  toString() {
    return `Revoke(#${this.i})`;
  }
}

class Read implements Cmd {
  constructor(
    readonly who: number,
    readonly part: Part,
    readonly via: 'api' | 'page',
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    count('read');
    stats.reads++;
    trace.push(this.toString());
    const p = pick(principals, this.who);
    const want = expected(m, p.reader, this.part);
    const got = await realRead(p, this.part, r, this.via);
    if (got !== want) diverged(`${this} by ${p.reader.key}: model ${want}, real ${got}`);
  }
  toString() {
    return `Read(${pick(READERS, this.who).key}, ${this.part}, ${this.via})`;
  }
}

const scopeArb = fc.constantFrom<ConsentScope>('report', 'needs', 'both');
const commandArbs = [
  fc
    .tuple(
      fc.constantFrom(...GRANTEES),
      scopeArb,
      fc.constantFrom<ExpiryKey>('none', 'none', 'past', 'd10', 'd20', 'd40'),
    )
    .map(([g, s, e]) => new Grant(g, s, e) as Cmd),
  fc
    .tuple(fc.nat(), scopeArb, fc.constantFrom<NarrowExpiryKey>('none', 'none', 'd5', 'd15', 'd30'))
    .map(([i, s, e]) => new Narrow(i, s, e) as Cmd),
  fc.nat().map((i) => new Expire(i) as Cmd),
  fc.nat().map((i) => new Revoke(i) as Cmd),
  fc
    .tuple(
      fc.nat({ max: READERS.length - 1 }),
      fc.constantFrom(...PARTS),
      fc.constantFrom<'api' | 'page'>('api', 'api', 'page'),
    )
    .map(([w, p, v]) => new Read(w, p, v) as Cmd),
  fc
    .tuple(
      fc.nat({ max: READERS.length - 1 }),
      fc.constantFrom(...PARTS),
      fc.constantFrom<'api' | 'page'>('api', 'page'),
    )
    .map(([w, p, v]) => new Read(w, p, v) as Cmd),
];

test(
  'consent, model-based: grant / narrow / expire / revoke / read agree with an in-memory model ' + `(${dbLabel()})`,
  async () => {
    const db = env.database.db;
    const arcadia = await orgId(env, 'demo-state-arcadia');
    // the demo working-group memberships the oracle assumes, plus the one this test adds
    for (const g of WORKING_GROUPS) {
      for (const slug of GROUP_MEMBERS.get(g.slug)!) {
        await env.database.query(
          "insert into compact_body_members (body_id, organization_id, role) select b.id, o.id, 'member' from " +
            'compact_bodies b, organizations o where b.slug = $1 and o.slug = $2 on conflict do nothing',
          [g.slug, slug],
        );
      }
    }
    const inDb = await env.database.query<{ g: string; o: string }>(
      'select g.slug as g, o.slug as o from compact_body_members m join compact_bodies b on b.id = m.body_id ' +
        'join working_groups g on g.id = b.working_group_id join organizations o on o.id = m.organization_id',
    );
    assert.deepEqual(
      inDb.map((x) => `${x.g}/${x.o}`).sort(),
      [...GROUP_MEMBERS].flatMap(([g, os]) => [...os].map((o) => `${g}/${o}`)).sort(),
      'working-group members as the model assumes',
    );
    const compactInDb = await env.database.query<{ slug: string }>(
      'select slug from organizations where compact_member',
    );
    assert.deepEqual(
      compactInDb.map((x) => x.slug).sort(),
      [...COMPACT].sort(),
      'Compact members as the model assumes',
    );

    stateFp = await principal({
      key: 'state',
      role: 'member_state_focal_point',
      org: 'demo-state-arcadia',
      clearance: 'strictly_confidential',
      ownState: true,
    });
    principals = [];
    for (const r of READERS) principals.push(await principal(r));

    let last: { m: Model; r: Real } | null = null;
    const setup = async () => {
      stats.runs++;
      trace = [];
      // a fresh visit per run, with a confidential and a strictly confidential report (rows only: reads need no file)
      const [v] = await db
        .insert(assessmentVisits)
        .values({
          stateOrgId: arcadia,
          type: 'focused',
          startDate: '2026-01-12',
          endDate: '2026-01-14',
          status: 'report_adopted',
        })
        .returning({ id: assessmentVisits.id });
      const [rep] = await db
        .insert(assessmentReports)
        .values({ visitId: v.id, title: 'Model report', classification: 'confidential' })
        .returning({ id: assessmentReports.id });
      const [strict] = await db
        .insert(assessmentReports)
        .values({ visitId: v.id, title: 'Model report (strict)', classification: 'strictly_confidential' })
        .returning({ id: assessmentReports.id });
      last = {
        m: { grants: [] },
        r: { visitId: v.id, reportId: rep.id, strictId: strict.id, grantIds: [], decisions: [] },
      };
      return { model: last.m, real: last.r };
    };

    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
        // at the end of each run, every reader and every part, against the model
        const { m, r } = last!;
        trace.push('(final sweep)');
        for (const p of principals) {
          for (const part of PARTS) {
            const want = expected(m, p.reader, part);
            const got = await realRead(p, part, r, 'api');
            stats.reads++;
            if (got !== want)
              diverged(
                `final sweep: ${p.reader.key} ${part}: model ${want}, real ${got} (grants ${JSON.stringify(m.grants)})`,
              );
          }
        }
        // the consent history has one event per decision the app accepted, in order
        const events = (
          await env.database.query<{ action: string }>(
            'select action from consent_events where visit_id = $1 order by at, id',
            [r.visitId],
          )
        ).map((e) => e.action);
        if (events.join() !== r.decisions.join())
          diverged(`history: ${events.join()} vs decisions ${r.decisions.join()}`);
      }),
      {
        numRuns: NUM_RUNS,
        ...(process.env.CONSENT_MODEL_SEED ? { seed: Number(process.env.CONSENT_MODEL_SEED) } : {}),
      },
    );

    const kinds = Object.entries(stats.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `# consent model: ${stats.runs} runs, ${stats.commands} commands (${kinds}; ${stats.reads} reads in ` +
        `all), ${divergences.length} divergences (${dbLabel()}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    assert.equal(
      divergences.length,
      0,
      `divergences between the model and the app:\n  ${divergences.slice(0, 10).join('\n  ')}`,
    );
    assert.ok(
      stats.byKind.grant && stats.byKind.narrow && stats.byKind.revoke && stats.byKind.expire && stats.byKind.read,
      'every kind of command ran',
    );
  },
);
