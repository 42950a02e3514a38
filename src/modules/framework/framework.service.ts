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
