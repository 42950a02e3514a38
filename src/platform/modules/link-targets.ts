// The link-target registry: what a record elsewhere may point at (a need, a project, an event, a programme output) and
// how to name it, declared by the module that owns it through the module contract (`linkTargets`, module.ts). app.ts
// registers the module list (registerLinkTargets, as it registers policies, personal data and the workspace), so a
// module that links to another's records — the Compact's register — asks here and imports nothing of the owner's: no
// import circle (events → compact is allowed; compact → events is not).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../auth/policy.ts';
import type { Db, Tx } from '../db/client.ts';
import { searchTerm } from '../db/sql.ts';
import type { Locale } from '../i18n/index.ts';

export interface LinkLabel {
  label: string;
  /** A local path to the target's page. */
  url: string | null;
}

/** A target found by a search: its id and its label in the reader's language. */
export interface LinkHit extends LinkLabel {
  id: string;
}

/** What a search is given: the database, the reader (only what they may see is found) and their language. */
export interface LinkSearchContext {
  db: Db | Tx;
  actor: Actor;
  locale: Locale;
}

export interface LinkTarget {
  /** The kind stored with the link (`event`, `need`, `project`, `output`). */
  kind: string;
  /** Labels of the targets the actor may see, in the language (others are left out of the map). */
  labels: (db: Db | Tx, ids: string[], locale: Locale, actor: Actor) => Promise<Map<string, LinkLabel>>;
  /**
   * At most `limit` targets whose text matches the query (matchesText: any language, case and accents ignored; an
   * id matches itself), among those the actor may see — the same rule as `labels`, so a picker never offers what
   * the actor could not link. `query` is non-empty (the registry drops empty ones).
   */
  search: (ctx: LinkSearchContext, query: string, limit: number) => Promise<LinkHit[]>;
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

/**
 * Targets of the given kinds (default: every registered kind) matching the query, at most `limit` per kind, in the
 * kinds' order; an empty query finds nothing.
 */
export async function searchLinkTargets(
  ctx: LinkSearchContext,
  query: string,
  opts: { kinds?: readonly string[]; limit?: number } = {},
): Promise<(LinkHit & { kind: string })[]> {
  const q = searchTerm(query).slice(0, 200);
  if (!q) return [];
  const limit = Math.min(Math.max(1, opts.limit ?? 10), 50);
  const kinds = (opts.kinds ?? [...targets.keys()]).filter((k) => targets.has(k));
  const found = await Promise.all(kinds.map((k) => targets.get(k)!.search(ctx, q, limit)));
  return kinds.flatMap((kind, i) => found[i].slice(0, limit).map((h) => ({ kind, ...h })));
}

/** The owner's rule for records that follow from a target of this kind (false when the kind declares none). */
export function followUpVisibleSql(kind: string, actor: Actor, idColumn: SQLWrapper): SQL {
  return targets.get(kind)?.followUpVisibleSql?.(actor, idColumn) ?? sql`false`;
}

/** The target serves the pillar (false when the kind declares no pillars). */
export function linkPillarSql(kind: string, idColumn: SQLWrapper, pillar: string): SQL {
  return targets.get(kind)?.pillarSql?.(idColumn, pillar) ?? sql`false`;
}
