// Reference data of the Compact: its working groups; with --demo, illustrative memberships (for the consent demo).
import type { Db } from '../../platform/db/client.ts';
import { fromNames } from '../../platform/i18n/text.ts';
import { organizationsBySlugs } from '../directory/index.ts';
import { workingGroupMembers, workingGroups } from './compact.schema.ts';
import { listWorkingGroups } from './compact.service.ts';
import { WORKING_GROUPS } from './data/working-groups.ts';

/** Idempotent (matched by slug). Returns the number of working groups. */
export async function seedCompact(db: Db, opts: { demo: boolean }): Promise<number> {
  await db
    .insert(workingGroups)
    .values(WORKING_GROUPS.map((g) => ({ slug: g.slug, names: fromNames(g.names) })))
    .onConflictDoNothing({ target: workingGroups.slug });
  if (opts.demo) {
    const groups = new Map((await listWorkingGroups(db)).map((g) => [g.slug, g.id]));
    const orgs = new Map(
      (await organizationsBySlugs(db, [...new Set(WORKING_GROUPS.flatMap((g) => g.demoMembers))])).map((o) => [
        o.slug,
        o.id,
      ]),
    );
    const rows = WORKING_GROUPS.flatMap((g) =>
      g.demoMembers
        .filter((m) => orgs.has(m) && groups.has(g.slug))
        .map((m) => ({ groupId: groups.get(g.slug)!, organizationId: orgs.get(m)! })),
    );
    if (rows.length) await db.insert(workingGroupMembers).values(rows).onConflictDoNothing();
  }
  return WORKING_GROUPS.length;
}
