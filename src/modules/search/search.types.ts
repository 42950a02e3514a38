// What the search's service, page and API share: the kinds, the bounds, the shapes of a query and of its result.
import type { Locale } from '../../platform/i18n/index.ts';

/** The kinds the search box knows, in the order of the facets (an owner registers each one). */
export const SEARCH_KINDS = [
  'event',
  'session',
  'statement',
  'document',
  'library',
  'organization',
  'person',
  'need',
  'report',
  'project',
  'minutes',
  'decision',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const MAX_QUERY = 200;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 50;

export interface SearchQuery {
  q: string;
  kinds: SearchKind[];
  language: Locale | null;
  from: string | null;
  to: string | null;
  pillar: string | null;
  page: number;
}

export interface SearchHit {
  kind: string;
  id: string;
  language: Locale | null;
  title: string;
  /** Safe HTML: the text escaped, the hits in <mark>. */
  snippet: string;
  date: string | null;
  url: string;
  rank: number;
}

export interface SearchResult {
  query: SearchQuery;
  total: number;
  hits: SearchHit[];
  /** Records found per kind (under the other filters) and per language (under the kind filter): only what the
   * reader may see. */
  facets: { kinds: Record<string, number>; languages: Record<string, number> };
  page: number;
  pages: number;
}
