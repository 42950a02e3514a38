// The search-source registry: what the search box finds, declared by the module that owns each kind of record through
// the module contract (`searchSources`, module.ts). An owner says how to make a record's passages (its text in each
// language) and gives its read rule as SQL over a column holding the record's id; app.ts registers the module list
// (registerSearchSources, as it registers link targets), so the search module joins every owner's rule in its one
// statement without importing the owners or reading their tables.
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../auth/policy.ts';
import type { Db, Tx } from '../db/client.ts';
import { LOCALES, type Locale } from '../i18n/index.ts';
import type { TranslatableText } from '../i18n/text.ts';

/** One language version of a record's searchable text. */
export interface PassageInput {
  subjectId: string;
  /** The language of the text; null when it has none (a person's name): indexed without stemming. */
  language: Locale | null;
  title: string;
  body: string;
  /** The date the record is found by (an event's start, a decision's date…), if any. */
  date: Date | string | null;
  /** Strategy pillar codes (`pillar-1`…) the record serves. */
  pillars: string[];
  /** A local path to the record's page. */
  url: string;
  /**
   * Facts about the record that its owner's read rule tests (`audienceSql`): its State, its visit, its visibility…,
   * as tags (`state:<id>`, `visibility:public`…). Never a grant: what can change without the record changing (a
   * consent, a registration) stays in the rule, read live.
   */
  audience?: string[];
}

export interface SearchSource {
  /** `organization`, `person`, `event`, `session`, `statement`, `document`, `need`, `report`, `project`… */
  kind: string;
  /** Its passages: of the given records, or of every record when `ids` is null. Records that are gone give none. */
  passages: (db: Db | Tx, ids: string[] | null) => Promise<PassageInput[]>;
  /**
   * The owner's read rule as SQL over a column holding the record's id, evaluated from the live rules in the search's
   * own statement (a revoked consent hides a need at once). `false` when the actor may see none of this kind.
   */
  visibleSql: (actor: Actor, idColumn: SQLWrapper) => SQL;
  /**
   * The same rule over the passage's own columns: its audience tags (written with the passage, in the transaction
   * that changed the record) and its subject id, so the search tests each matching passage without reading every
   * record of the kind. Live grants are read as small sets in the same statement. When given, the search uses it
   * instead of `visibleSql`; the owner re-indexes the record whenever a fact behind its tags changes.
   */
  audienceSql?: (actor: Actor, passage: { audience: SQLWrapper; subjectId: SQLWrapper }) => SQL;
}

let sources = new Map<string, SearchSource>();

/** Called by buildApp with the module list (idempotent). */
export function registerSearchSources(modules: readonly { searchSources?: SearchSource[] }[]): void {
  sources = new Map(modules.flatMap((m) => m.searchSources ?? []).map((s) => [s.kind, s]));
}

export const searchSource = (kind: string): SearchSource | undefined => sources.get(kind);
export const searchSources = (): SearchSource[] => [...sources.values()];

/** A field's text in one language: translatable text (`{ en: { text } }`), names (`{ en: "…" }`) or plain text. */
type Field = TranslatableText | Partial<Record<string, string>> | string | null | undefined;
function textOf(f: Field, l: Locale): string {
  if (!f || typeof f === 'string') return '';
  const v = (f as Record<string, unknown>)[l];
  return typeof v === 'string' ? v : ((v as { text?: string } | undefined)?.text ?? '');
}
const anyText = (f: Field): string =>
  typeof f === 'string' ? f : (LOCALES.map((l) => textOf(f, l)).find((t) => t) ?? '');

/**
 * A record's language versions: one per language in which its title or any of its bodies has text; the title falls
 * back to another language's when this one has none (so a French description is found under its English title).
 * Plain strings count in every version.
 */
export function languageVersions(title: Field, bodies: Field[]): { language: Locale; title: string; body: string }[] {
  return LOCALES.flatMap((l) => {
    const own = [textOf(title, l), ...bodies.map((b) => textOf(b, l))];
    if (!own.some((t) => t)) return [];
    const plain = bodies.filter((b): b is string => typeof b === 'string' && !!b);
    return [
      {
        language: l,
        title: own[0] || anyText(title),
        body: [...own.slice(1), ...plain].filter((t) => t).join('\n'),
      },
    ];
  });
}
