import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';

/**
 * Personal iCalendar feed tokens (platform/calendar): the URL /calendar/<token>.ics holds a random secret; only its
 * SHA-256 is kept. At most one live (unrevoked) token per person; revoking keeps the row (audit, export) until erasure.
 */
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique('calendar_feed_tokens_token_hash_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('calendar_feed_tokens_user_idx').on(t.userId),
    uniqueIndex('calendar_feed_tokens_live_idx').on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);
