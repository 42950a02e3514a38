// News items: public articles (title, summary, body, date, related event) in up to six languages. The row is the
// subject; everything readers see lives in its revisions under the publishing workflow (publishing_revisions).
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.schema.ts';

export const newsItems = pgTable('news_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The public address (/news/<slug>), chosen at creation and kept. */
  slug: text('slug').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
