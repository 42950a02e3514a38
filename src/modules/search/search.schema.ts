// The search index: one row per language version of a searchable record (a passage), written by the owners through
// search's index.ts (reindexSearch, in their own transactions) and rebuilt whole by the seed and the search.rebuild
// job. It holds text and, for some kinds, the facts about the record its owner's rule tests (audience tags: a need's
// State and visit, an event's visibility), never rights: who may see a passage is the owner's rule, evaluated at query
// time over those tags or joined by subject id, with the grants (consents, registrations) read live. What a hit
// displays (title, text, address) is kept beside it (search_passage_texts), read for the page's hits only: the rows a
// query scans hold only what it tests.
import { sql } from 'drizzle-orm';
import { customType, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The text search configurations passages are indexed in (each language's; Chinese and names: 'simple'). */
export const TS_CONFIGS = ['arabic', 'english', 'spanish', 'french', 'russian', 'simple'] as const;

/** The kinds whose titles are names, found by trigrams despite a typo (the partial index below). */
export const NAME_KINDS = sql.raw(`('organization', 'person')`);

export const searchPassages = pgTable(
  'search_passages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owner's kind (`need`, `event`…: platform/modules/search-sources.ts). */
    kind: text('kind').notNull(),
    /** The record's id in its owner's table: the owner's read rule is joined on it. */
    subjectId: uuid('subject_id').notNull(),
    /** ar, en, es, fr, ru, zh; '' for text without a language (a person's name). */
    language: text('language').notNull(),
    /** The text search configuration the vector was built with: arabic, english, … , simple (Chinese, none). */
    config: text('config').notNull(),
    /** setweight(title, 'A') || setweight(body, 'B') in `config`. */
    tsv: tsvector('tsv').notNull(),
    /** Organizations and people: the title in lower case, accents removed (ctcp_fold), for the trigram index; '' for
     * the other kinds. */
    titleFolded: text('title_folded').notNull(),
    date: date('date'),
    pillars: text('pillars').array().notNull().default(sql`'{}'::text[]`),
    /** The owner's audience tags (search-sources.ts, `audience`): what its `audienceSql` rule tests. */
    audience: text('audience').array().notNull().default(sql`'{}'::text[]`),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('search_passages_subject_idx').on(t.kind, t.subjectId, t.language),
    // One per configuration (the query tests each passage in its own): migration 0042.
    ...TS_CONFIGS.map((c) =>
      index(`search_passages_tsv_${c}_idx`)
        .using('gin', t.tsv)
        .where(sql.raw(`config = '${c}'`)),
    ),
    index('search_passages_title_trgm_idx')
      .using('gin', sql`${t.titleFolded} gin_trgm_ops`)
      .where(sql`${t.kind} in ${NAME_KINDS}`),
    index('search_passages_date_idx').on(t.date),
  ],
);

/** What a passage's hit displays: its title, its text (for the snippet) and the record's address. */
export const searchPassageTexts = pgTable('search_passage_texts', {
  passageId: uuid('passage_id')
    .primaryKey()
    .references(() => searchPassages.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  /** The text (Chinese: segmented into words by Intl.Segmenter, separated by spaces). */
  body: text('body').notNull().default(''),
  url: text('url').notNull(),
});
