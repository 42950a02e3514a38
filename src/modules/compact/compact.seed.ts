// Reference data of the Compact (sources in data/*.ts): its eight working groups, its bodies and their standing seats
// (the Coordination Committee: UNOCT chairs, CTED and every Compact entity of the directory members; the heads'
// meeting and the CTC briefing: UNOCT and CTED co-chairs), the Compact's entities with the joining dates that are
// public, and the Joint Programme of Work's five priorities. With --demo: illustrative working-group memberships (seats
// in the groups' bodies, which consent to a working group follows) and fictional programme outputs (is_demo).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { fromNames, type TranslatableText } from '../../platform/i18n/text.ts';
import { compactMemberOrgIds, organizationsBySlugs } from '../directory/index.ts';
import {
  compactBodies,
  compactBodyMembers,
  compactEntities,
  compactOutputOwners,
  compactOutputs,
  compactPriorities,
  workingGroups,
} from './compact.schema.ts';
import { listWorkingGroups } from './compact.service.ts';
import { syncCommitteeByOffice } from './structure/structure.service.ts';
import { WG_SOURCE, WORKING_GROUPS } from './data/working-groups.ts';
import { BODIES, JOINED } from './data/bodies.ts';
import { DEMO_OUTPUTS, PRIORITIES, PROGRAMME_PERIOD, PROGRAMME_SOURCE } from './data/programme.ts';
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

/** Idempotent (matched by slug or code). Returns the number of working groups. */
export async function seedCompact(db: Db, opts: { demo: boolean }): Promise<number> {
  await db
    .insert(workingGroups)
    .values(WORKING_GROUPS.map((g) => ({ slug: g.slug, names: names(g.names, g.draft) })))
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
        source: b.source,
      })),
      ...WORKING_GROUPS.map((g) => ({
        slug: g.slug,
        kind: 'working_group' as const,
        names: names(g.names, g.draft),
        symbolPrefix: g.symbolPrefix,
        sortOrder: g.sortOrder,
        workingGroupId: groups.get(g.slug)!,
        pillars: [...g.pillars],
        themes: [...g.themes],
        source: WG_SOURCE,
      })),
    ])
    .onConflictDoUpdate({
      target: compactBodies.slug,
      set: { pillars: sql`excluded.pillars`, themes: sql`excluded.themes`, source: sql`excluded.source` },
    });
  const bodies = new Map(
    (await db.select({ id: compactBodies.id, slug: compactBodies.slug }).from(compactBodies)).map((b) => [
      b.slug,
      b.id,
    ]),
  );

  // The Compact's entities (every organization of the directory flagged as a Compact member) and their joining dates.
  const compactIds = await compactMemberOrgIds(db);
  const bySlug = new Map(
    (
      await organizationsBySlugs(db, [
        ...new Set(BODIES.flatMap((b) => b.seats.map((s) => s.org)).concat(Object.keys(JOINED))),
      ])
    ).map((o) => [o.slug, o.id]),
  );
  if (compactIds.length)
    await db
      .insert(compactEntities)
      .values(compactIds.map((id) => ({ organizationId: id, joinedOn: null, source: null })))
      .onConflictDoNothing();
  for (const [slug, j] of Object.entries(JOINED)) {
    const id = bySlug.get(slug);
    if (id)
      await db
        .update(compactEntities)
        .set({ joinedOn: j.on, source: j.source })
        .where(and(eq(compactEntities.organizationId, id), sql`${compactEntities.joinedOn} is null`));
  }

  // Standing seats; the Committee: all Compact entities as members (the named seats first keep their role).
  const seats: (typeof compactBodyMembers.$inferInsert)[] = [];
  for (const b of BODIES) {
    const bodyId = bodies.get(b.slug)!;
    const named = new Set<string>();
    for (const s of b.seats) {
      const id = bySlug.get(s.org);
      if (!id) continue;
      named.add(id);
      seats.push({ bodyId, organizationId: id, role: s.role });
    }
    if (b.allCompactEntities)
      for (const id of compactIds) if (!named.has(id)) seats.push({ bodyId, organizationId: id, role: 'member' });
  }
  if (seats.length) await db.insert(compactBodyMembers).values(seats).onConflictDoNothing();
  await syncCommitteeByOffice(db);

  // The Joint Programme of Work's priorities (public); outputs only with --demo (fictional).
  await db
    .insert(compactPriorities)
    .values(
      PRIORITIES.map((p, i) => ({
        code: p.code,
        period: PROGRAMME_PERIOD,
        title: names(p.title, ['fr', 'es', 'ru', 'zh', 'ar']),
        sortOrder: i + 1,
        source: PROGRAMME_SOURCE,
      })),
    )
    .onConflictDoNothing({ target: compactPriorities.code });

  if (opts.demo) {
    const orgs = new Map(
      (await organizationsBySlugs(db, [...new Set(WORKING_GROUPS.flatMap((g) => g.demoMembers))])).map((o) => [
        o.slug,
        o.id,
      ]),
    );
    const bodyRows = WORKING_GROUPS.flatMap((g) =>
      g.demoMembers
        .filter((m) => orgs.has(m))
        .map((m) => ({ bodyId: bodies.get(g.slug)!, organizationId: orgs.get(m)!, role: 'member' as const })),
    );
    if (bodyRows.length) await db.insert(compactBodyMembers).values(bodyRows).onConflictDoNothing();
    const priorities = new Map(
      (await db.select({ id: compactPriorities.id, code: compactPriorities.code }).from(compactPriorities)).map((p) => [
        p.code,
        p.id,
      ]),
    );
    await db
      .insert(compactOutputs)
      .values(
        DEMO_OUTPUTS.map((o, i) => ({
          priorityId: priorities.get(o.priority)!,
          code: o.code,
          title: names(o.title, ['fr', 'es', 'ru', 'zh', 'ar']),
          status: o.status,
          sortOrder: i + 1,
          isDemo: true,
        })),
      )
      .onConflictDoNothing({ target: compactOutputs.code });
    const outputs = new Map(
      (await db.select({ id: compactOutputs.id, code: compactOutputs.code }).from(compactOutputs)).map((o) => [
        o.code,
        o.id,
      ]),
    );
    const owners = DEMO_OUTPUTS.flatMap((o) =>
      o.owners.filter((b) => bodies.has(b)).map((b) => ({ outputId: outputs.get(o.code)!, bodyId: bodies.get(b)! })),
    );
    if (owners.length) await db.insert(compactOutputOwners).values(owners).onConflictDoNothing();
    await seedDemoMeetings(db);
  }
  return WORKING_GROUPS.length;
}
