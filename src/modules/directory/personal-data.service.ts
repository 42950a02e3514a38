// The directory's personal data: a person's name, e-mail address and job title, and their memberships. An erasure
// pseudonymizes the person (the row stays so that references to it hold) and deletes the memberships: a membership
// ties the pseudonym to an organization and a title, which can identify the person again.
import { eq, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData } from '../../platform/privacy/privacy.types.ts';
import { memberships, organizations, people } from './directory.schema.ts';

const subjectPeople = (s: DataSubject) => {
  const conds = [];
  if (s.personId) conds.push(eq(people.id, s.personId));
  if (s.email) conds.push(eq(sql`lower(${people.email})`, s.email));
  return conds.length ? or(...conds) : undefined;
};

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  const where = subjectPeople(s);
  if (!where) return {};
  const persons = await db
    .select({ id: people.id, fullName: people.fullName, email: people.email, jobTitle: people.jobTitle })
    .from(people)
    .where(where);
  const ties = persons.length
    ? await db
        .select({
          organization: organizations.names,
          organizationSlug: organizations.slug,
          title: memberships.title,
          focalPoint: memberships.focalPoint,
          since: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(where)
    : [];
  return { directoryEntries: persons, memberships: ties };
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  const where = subjectPeople(s);
  if (!where) return 0;
  const ids = (await tx.select({ id: people.id }).from(people).where(where)).map((r) => r.id);
  let n = 0;
  for (const id of ids) {
    n += (await tx.delete(memberships).where(eq(memberships.personId, id)).returning({ id: memberships.id })).length;
    await tx.update(people).set({ fullName: s.pseudonym, email: null, jobTitle: null }).where(eq(people.id, id));
    n++;
  }
  return n;
}

export const directoryPersonalData: PersonalData = { exportFor, erase };
