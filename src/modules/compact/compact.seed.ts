// Reference data of the Compact: its working groups and bodies; with --demo, illustrative working-group memberships
// (for the consent demo).
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { fromNames, type TranslatableText } from '../../platform/i18n/text.ts';
import { organizationsBySlugs } from '../directory/index.ts';
import { compactBodies, workingGroupMembers, workingGroups } from './compact.schema.ts';
import { listWorkingGroups } from './compact.service.ts';
import { WORKING_GROUPS } from './data/working-groups.ts';
import { BODIES } from './data/bodies.ts';
import { seedDemoMeetings } from './meetings/meetings.seed.ts';

/** Names with the languages in `draft` marked as draft translations (not published official names). */
const names = (n: Record<string, string>, draft: readonly string[] = []): TranslatableText => {
  const t = fromNames(n);
  for (const l of draft) {
    const v = t[l as keyof TranslatableText];
    if (v) v.status = 'draft';
  }
  return t;
};

/** Idempotent (matched by slug). Returns the number of working groups. */
export async function seedCompact(db: Db, opts: { demo: boolean }): Promise<number> {
  await db
    .insert(workingGroups)
    .values(WORKING_GROUPS.map((g) => ({ slug: g.slug, names: fromNames(g.names) })))
    .onConflictDoNothing({ target: workingGroups.slug });
  const groups = new Map((await listWorkingGroups(db)).map((g) => [g.slug, g.id]));
  await db
    .insert(compactBodies)
    .values([
      ...BODIES.map((b) => ({
        slug: b.slug,
        kind: b.kind,
        names: names(b.names, b.draft),
        symbolPrefix: b.symbolPrefix,
        sortOrder: b.sortOrder,
      })),
      ...WORKING_GROUPS.map((g) => ({
        slug: g.slug,
        kind: 'working_group' as const,
        names: fromNames(g.names),
        symbolPrefix: g.symbolPrefix,
        sortOrder: g.sortOrder,
        workingGroupId: groups.get(g.slug)!,
        pillars: [...g.pillars],
        themes: [...g.themes],
      })),
    ])
    .onConflictDoUpdate({
      target: compactBodies.slug,
      set: {
        names: sql`excluded.names`,
        pillars: sql`excluded.pillars`,
        themes: sql`excluded.themes`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
  if (opts.demo) {
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
    await seedDemoMeetings(db);
  }
  return WORKING_GROUPS.length;
}
