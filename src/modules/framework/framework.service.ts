// The Strategy framework: pillars, resolutions, themes. Read-only reference data for tagging.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { authorize, type Actor } from '../../platform/auth/policy.ts';
import { frameworkItems, FRAMEWORK_KINDS, type FrameworkKind } from './framework.schema.ts';
import { FRAMEWORK } from './data/framework.ts';

export type FrameworkItem = typeof frameworkItems.$inferSelect;

export async function listFramework(ctx: { db: Db; actor: Actor }, kind?: FrameworkKind): Promise<FrameworkItem[]> {
  authorize(ctx.actor, 'framework.list');
  return ctx.db
    .select()
    .from(frameworkItems)
    .where(kind ? eq(frameworkItems.kind, kind) : undefined)
    .orderBy(
      asc(
        sql`array_position(array[${sql.join(
          FRAMEWORK_KINDS.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[], ${frameworkItems.kind}::text)`,
      ),
      asc(frameworkItems.sort),
    );
}

/** Idempotent: inserts or refreshes the reference records (matched by code). */
export async function seedFramework(db: Db): Promise<number> {
  const rows = FRAMEWORK.map((r, i) => ({ ...r, sort: i }));
  await db
    .insert(frameworkItems)
    .values(rows)
    .onConflictDoUpdate({
      target: frameworkItems.code,
      set: { names: sql`excluded.names`, year: sql`excluded.year`, sort: sql`excluded.sort` },
    });
  return rows.length;
}

// --- used by events ---
// (Imported here, not at the top, so that this block merges as a pure addition.)
import { type Locale, nameIn } from '../../platform/i18n/index.ts';
import type { FrameworkRecord } from './data/framework.ts';

/** The reference records (pillars, resolutions, themes) in their order, without a query: for pickers and tag checks. */
export const frameworkRecords = (): readonly FrameworkRecord[] => FRAMEWORK;

/** A framework code's name in a language; the code itself when it is unknown. */
export const frameworkName = (code: string, locale: Locale) => {
  const f = FRAMEWORK.find((x) => x.code === code);
  return f ? nameIn(f.names, locale) : code;
};
