// Needs and projects as link targets (platform/modules/link-targets.ts): the Compact register's actions serve them.
// A need's label only for readers who may see the need (needsVisibleTo: consent), a project's for every signed-in user;
// the pickers' search follows the same rules, so a need the reader may not read is never offered.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { can } from '../../../platform/auth/policy.ts';
import { isUuid, matchesText } from '../../../platform/db/sql.ts';
import type { LinkTarget } from '../../../platform/modules/link-targets.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import { needs, projects } from '../portfolio.schema.ts';
import { needsVisibleTo } from '../needs/needs.service.ts';

const short = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

export const needLinkTarget: LinkTarget = {
  kind: 'need',
  async labels(db, ids, locale, actor) {
    const ok = ids.filter(isUuid);
    if (!ok.length) return new Map();
    const rows = await db
      .select({ id: needs.id, descriptions: needs.descriptions })
      .from(needs)
      .where(and(inArray(needs.id, ok), needsVisibleTo(actor)));
    return new Map(rows.map((r) => [r.id, { label: short(textIn(r.descriptions, locale)), url: `/needs/${r.id}` }]));
  },
  async search({ db, actor, locale }, q, limit) {
    const rows = await db
      .select({ id: needs.id, descriptions: needs.descriptions })
      .from(needs)
      .where(and(isUuid(q) ? eq(needs.id, q) : matchesText(needs.descriptions, q), needsVisibleTo(actor)))
      .orderBy(desc(needs.createdAt), asc(needs.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, label: short(textIn(r.descriptions, locale)), url: `/needs/${r.id}` }));
  },
  pillarSql: (idColumn, pillar) =>
    sql`exists (select 1 from ta_needs pn where pn.id = ${idColumn} and ${pillar} = any(pn.pillars))`,
};

export const projectLinkTarget: LinkTarget = {
  kind: 'project',
  async labels(db, ids, locale, actor) {
    const ok = ids.filter(isUuid);
    if (!ok.length || !can(actor, 'project.read')) return new Map();
    const rows = await db
      .select({ id: projects.id, code: projects.code, titles: projects.titles })
      .from(projects)
      .where(inArray(projects.id, ok));
    return new Map(
      rows.map((r) => [
        r.id,
        {
          label: [r.code, textIn(r.titles, locale)].filter(Boolean).join(' — '),
          url: `/portfolio/${r.id}`,
        },
      ]),
    );
  },
  async search({ db, actor, locale }, q, limit) {
    if (!can(actor, 'project.read')) return [];
    const rows = await db
      .select({ id: projects.id, code: projects.code, titles: projects.titles })
      .from(projects)
      .where(
        isUuid(q)
          ? eq(projects.id, q)
          : or(matchesText(projects.titles, q), matchesText(sql`coalesce(${projects.code}, '')`, q, 'text')),
      )
      .orderBy(asc(projects.code), asc(projects.id))
      .limit(limit);
    return rows.map((r) => ({
      id: r.id,
      label: [r.code, textIn(r.titles, locale)].filter(Boolean).join(' — '),
      url: `/portfolio/${r.id}`,
    }));
  },
  pillarSql: (idColumn, pillar) =>
    sql`exists (select 1 from projects pp where pp.id = ${idColumn} and ${pillar} = any(pp.pillars))`,
};
