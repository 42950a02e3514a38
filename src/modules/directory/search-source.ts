// What the search box finds in the directory (platform/modules/search-sources.ts): organizations by their names in
// each language, acronym and description; people by name and job title (never their e-mail address). Each follows
// the directory's own rule: visibleTo (hidden CSOs only for administrators, coordinators and their members) and
// personVisibleSql (a membership of an organization the reader sees).
import { inArray, sql } from 'drizzle-orm';
import type { SearchSource } from '../../platform/modules/search-sources.ts';
import { languageVersions } from '../../platform/modules/search-sources.ts';
import { organizations, people } from './directory.schema.ts';
import { personVisibleSql, visibleTo } from './directory.service.ts';

const organizationSource: SearchSource = {
  kind: 'organization',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: organizations.id,
        slug: organizations.slug,
        names: organizations.names,
        acronym: organizations.acronym,
        description: organizations.description,
      })
      .from(organizations)
      .where(ids ? inArray(organizations.id, ids) : undefined);
    return rows.flatMap((o) =>
      languageVersions(o.names, [o.description, o.acronym ?? '']).map((v) => ({
        subjectId: o.id,
        ...v,
        date: null,
        pillars: [],
        url: `/directory/organizations/${o.slug}`,
      })),
    );
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select ${organizations.id} from ${organizations} where ${visibleTo(actor)})`,
};

const personSource: SearchSource = {
  kind: 'person',
  async passages(db, ids) {
    const rows = await db
      .select({ id: people.id, name: people.fullName, jobTitle: people.jobTitle })
      .from(people)
      .where(ids ? inArray(people.id, ids) : undefined);
    return rows.map((p) => ({
      subjectId: p.id,
      language: null,
      title: p.name,
      body: p.jobTitle ?? '',
      date: null,
      pillars: [],
      url: `/directory/people/${p.id}`,
    }));
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select ${people.id} from ${people} where ${personVisibleSql(actor)})`,
};

export const directorySearchSources: SearchSource[] = [organizationSource, personSource];
