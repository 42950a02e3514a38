// The text of each library file revision, for search (migration 0038): made pending by a trigger when the revision is
// inserted, filled by the `library.extract` job.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { libraryFiles } from '../library.schema.ts';

export const TEXT_STATUSES = ['pending', 'done', 'failed', 'too_large'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

export const libraryFileTexts = pgTable(
  'library_file_texts',
  {
    fileId: uuid('file_id')
      .primaryKey()
      .references(() => libraryFiles.id, { onDelete: 'cascade' }),
    status: text('status').$type<TextStatus>().notNull().default('pending'),
    /** Why it failed or was cut (extract.worker.ts, ExtractReason). */
    reason: text('reason'),
    /** The text (at most the extraction's character limit); for `too_large`, the part within bounds. */
    text: text('text').notNull().default(''),
    pages: integer('pages'),
    characters: integer('characters').notNull().default(0),
    /** Runs started; a file that stopped the reader this many times is failed. */
    attempts: integer('attempts').notNull().default(0),
    /** A job runner holds the row until then. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** A kept document's text belongs to its owner's search record (an event document): kind and id. */
    searchKind: text('search_kind'),
    searchId: uuid('search_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    extractedAt: timestamp('extracted_at', { withTimezone: true }),
  },
  (t) => [
    index('library_file_texts_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check('library_file_texts_status_check', sql`${t.status} in ('pending', 'done', 'failed', 'too_large')`),
  ],
);
