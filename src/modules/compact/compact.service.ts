// The Compact's working groups: their names (their members are their bodies' members: structure/structure.service.ts).
import type { Locale } from '../../platform/i18n/index.ts';
import { textIn, type TranslatableText } from '../../platform/i18n/text.ts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isUuid } from '../../platform/db/sql.ts';
import { workingGroups } from './compact.schema.ts';

export interface WorkingGroup {
  id: string;
  slug: string;
  names: TranslatableText;
}

/** Every working group, by name in the given language. */
export async function listWorkingGroups(db: Db | Tx, locale: Locale = 'en'): Promise<WorkingGroup[]> {
  const rows = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug, names: workingGroups.names })
    .from(workingGroups)
    .orderBy(asc(workingGroups.slug));
  return rows.sort((a, b) => textIn(a.names, locale).localeCompare(textIn(b.names, locale), locale));
}

/** Names of the given working groups, by id. */
export async function workingGroupNames(db: Db | Tx, ids: string[]): Promise<Map<string, TranslatableText>> {
  const ok = [...new Set(ids.filter(isUuid))];
  if (!ok.length) return new Map();
  const rows = await db
    .select({ id: workingGroups.id, names: workingGroups.names })
    .from(workingGroups)
    .where(inArray(workingGroups.id, ok));
  return new Map(rows.map((r) => [r.id, r.names]));
}

export async function workingGroupExists(db: Db | Tx, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (
    (await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.id, id)).limit(1)).length > 0
  );
}
