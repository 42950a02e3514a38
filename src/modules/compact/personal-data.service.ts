// The compact module's personal data: the seats a person holds as a representative of an entity in a body (with a
// role title). An erasure deletes them: a representative row ties the pseudonym to an organization, a body and a
// title, which can identify the person again (as the directory's memberships do).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData } from '../../platform/privacy/privacy.types.ts';
import { compactBodies, compactBodyMembers, compactBodyRepresentatives } from './compact.schema.ts';

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  if (!s.personId) return {};
  const rows = await db
    .select({
      body: compactBodies.slug,
      organizationId: compactBodyMembers.organizationId,
      seatRole: compactBodyMembers.role,
      roleTitle: compactBodyRepresentatives.roleTitle,
      since: compactBodyRepresentatives.createdAt,
    })
    .from(compactBodyRepresentatives)
    .innerJoin(compactBodyMembers, eq(compactBodyMembers.id, compactBodyRepresentatives.memberId))
    .innerJoin(compactBodies, eq(compactBodies.id, compactBodyMembers.bodyId))
    .where(eq(compactBodyRepresentatives.personId, s.personId));
  return rows.length ? { compactRepresentations: rows } : {};
}

async function erase(tx: Tx, s: DataSubject): Promise<number> {
  if (!s.personId) return 0;
  return (
    await tx
      .delete(compactBodyRepresentatives)
      .where(eq(compactBodyRepresentatives.personId, s.personId))
      .returning({ id: compactBodyRepresentatives.id })
  ).length;
}

export const compactPersonalData: PersonalData = { exportFor, erase };
