// The link-target registry: what a record elsewhere may point at (a need, a project, an event, a programme output) and
// how to name it, declared by the module that owns it through the module contract (`linkTargets`, module.ts). app.ts
// registers the module list (registerLinkTargets, as it registers policies, personal data and the workspace), so a
// module that links to another's records — the Compact's register — asks here and imports nothing of the owner's: no
// import circle (events → compact is allowed; compact → events is not).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../auth/policy.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Locale } from '../i18n/index.ts';

export interface LinkLabel {
  label: string;
  /** A local path to the target's page. */
  url: string | null;
}

export interface LinkTarget {
  /** The kind stored with the link (`event`, `need`, `project`, `output`). */
  kind: string;
  /** Labels of the targets the actor may see, in the language (others are left out of the map). */
  labels: (db: Db | Tx, ids: string[], locale: Locale, actor: Actor) => Promise<Map<string, LinkLabel>>;
  /**
   * SQL over a column holding the target's id: the actor may see the records that follow from this target (an
   * event's follow-up actions: the event's own rule). Without it, false.
   */
  followUpVisibleSql?: (actor: Actor, idColumn: SQLWrapper) => SQL;
  /** SQL over a column holding the target's id: the target serves one of these Strategy pillars. */
  pillarSql?: (idColumn: SQLWrapper, pillar: string) => SQL;
}

let targets = new Map<string, LinkTarget>();

/** Called by buildApp with the module list (idempotent). */
export function registerLinkTargets(modules: readonly { linkTargets?: LinkTarget[] }[]): void {
  targets = new Map(modules.flatMap((m) => m.linkTargets ?? []).map((t) => [t.kind, t]));
}

export const linkTarget = (kind: string): LinkTarget | undefined => targets.get(kind);

/** Labels of the given targets of one kind (an unknown kind: none). */
export async function linkLabels(
  db: Db | Tx,
  kind: string,
  ids: string[],
  locale: Locale,
  actor: Actor,
): Promise<Map<string, LinkLabel>> {
  const t = targets.get(kind);
  if (!t || !ids.length) return new Map();
  return t.labels(db, [...new Set(ids)], locale, actor);
}

/** The owner's rule for records that follow from a target of this kind (false when the kind declares none). */
export function followUpVisibleSql(kind: string, actor: Actor, idColumn: SQLWrapper): SQL {
  return targets.get(kind)?.followUpVisibleSql?.(actor, idColumn) ?? sql`false`;
}

/** The target serves the pillar (false when the kind declares no pillars). */
export function linkPillarSql(kind: string, idColumn: SQLWrapper, pillar: string): SQL {
  return targets.get(kind)?.pillarSql?.(idColumn, pillar) ?? sql`false`;
}
