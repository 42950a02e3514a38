// What the search box finds in the portfolio (platform/modules/search-sources.ts): needs, by their descriptions in each
// language, under the one needs rule (needsVisibleTo: the State, the secretariat, and whom the State's live consent
// covers — evaluated in the search's own statement over the passage's tags, the grants read live, so a revoked consent
// hides a need at once); projects and programmes by title, code and summary, for every signed-in reader
// (`project.read`).
import { inArray, sql } from 'drizzle-orm';
import { isUser } from '../../platform/auth/policy.ts';
import type { SearchSource } from '../../platform/modules/search-sources.ts';
import { languageVersions } from '../../platform/modules/search-sources.ts';
import { needs, projects } from './portfolio.schema.ts';
import { needAudience, needsAudienceSql, needsVisibleTo } from './needs/needs.service.ts';

const firstLine = (s: string) => {
  const line = s.split('\n')[0].trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

const needSource: SearchSource = {
  kind: 'need',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: needs.id,
        descriptions: needs.descriptions,
        pillars: needs.pillars,
        createdAt: needs.createdAt,
        stateOrgId: needs.stateOrgId,
        visitId: needs.visitId,
      })
      .from(needs)
      .where(ids ? inArray(needs.id, ids) : undefined);
    return rows.flatMap((n) =>
      languageVersions(null, [n.descriptions]).map((v) => ({
        subjectId: n.id,
        language: v.language,
        title: firstLine(v.body),
        body: v.body,
        date: n.createdAt.toISOString().slice(0, 10),
        pillars: n.pillars,
        url: `/needs/${n.id}`,
        audience: needAudience(n),
      })),
    );
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select ${needs.id} from ${needs} where ${needsVisibleTo(actor)})`,
  // The State and the visit are tags on the passage, written when the need is (createNeed, updateNeed re-index it).
  audienceSql: (actor, p) => needsAudienceSql(actor, p.audience),
};

const projectSource: SearchSource = {
  kind: 'project',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: projects.id,
        code: projects.code,
        titles: projects.titles,
        summary: projects.summary,
        pillars: projects.pillars,
        startDate: projects.startDate,
      })
      .from(projects)
      .where(ids ? inArray(projects.id, ids) : undefined);
    return rows.flatMap((p) =>
      languageVersions(p.titles, [p.summary, p.code ?? '']).map((v) => ({
        subjectId: p.id,
        ...v,
        date: p.startDate,
        pillars: p.pillars,
        url: `/portfolio/${p.id}`,
      })),
    );
  },
  visibleSql: (actor, idColumn) =>
    isUser(actor) ? sql`${idColumn} in (select ${projects.id} from ${projects})` : sql`false`,
  // Projects are never deleted, so every project passage is of a project: the rule needs no tag nor read of projects.
  audienceSql: (actor) => (isUser(actor) ? sql`true` : sql`false`),
};

export const portfolioSearchSources: SearchSource[] = [needSource, projectSource];
