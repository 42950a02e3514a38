import { pgTable, uuid, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';

/** The values a notification's message is rendered with (ICU arguments; dates as ISO strings). */
export type NotificationValues = Record<string, string | number | boolean | null>;

/**
 * In-app notifications (platform/notify). The message is a catalogue key and its values, rendered in the reader's
 * language when shown. `dedupe_key` (unique when set) makes one event notify a person once, even under concurrency;
 * `resolved_at` marks notifications whose matter was settled (they leave the unread count and the "to do" part).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    messageKey: text('message_key').notNull(),
    values: jsonb('values').$type<NotificationValues>().notNull().default({}),
    url: text('url'),
    dedupeKey: text('dedupe_key').unique('notifications_dedupe_key_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
