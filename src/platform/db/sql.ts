// SQL helpers shared by every module's services: LIKE escaping, id checks, and the one way to search text.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Escapes LIKE's wildcards (and its escape character) so that user input matches literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True for a well-formed UUID (ids from URLs are checked before they reach a query). */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A search term as stored text is: NFC, trimmed, inner spaces collapsed; '' when nothing is left. */
export const searchTerm = (q: string | undefined | null) => (q ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * True when a column's text contains the term, ignoring case and accents. The column may be plain text, or a
 * multilingual JSON value (names `{ en: "…" }` or translatable text `{ en: { text, status } }`): only the values
 * are searched, never the keys or the JSON syntax (migration 0008: ctcp_fold, ctcp_text_values).
 */
export function matchesText(column: SQLWrapper, q: string, kind: 'text' | 'json' = 'json'): SQL {
  const pattern = `%${escapeLike(searchTerm(q))}%`;
  const value = kind === 'json' ? sql`ctcp_text_values(${column})` : sql`${column}`;
  return sql`ctcp_fold(${value}) like ctcp_fold(${pattern})`;
}

/** The same condition over several columns: true when any of them matches. */
export const matchesAnyText = (q: string, columns: [SQLWrapper, 'text' | 'json'][]): SQL =>
  sql`(${sql.join(
    columns.map(([c, k]) => matchesText(c, q, k)),
    sql` or `,
  )})`;
