import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, jsonb, index } from 'drizzle-orm/pg-core';

/** A file sent with the message (e.g. an invitation.ics); content in UTF-8 text. */
/** A message's states (the `status` column below). */
export const OUTBOX_STATUSES = ['held', 'pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Every e-mail is written here in the transaction that caused it; the mail job delivers it over SMTP when configured.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    locale: text('locale').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    /** pending: waiting for SMTP; sent; failed (gave up: the dead letter, resent by an administrator);
     * held: written while no SMTP was configured, made pending when the mail job starts with SMTP */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** A process holds the message until then (its send is in flight); another takes it only after. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Not tried again before then (backoff after a failed attempt). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The Message-ID header, the same for every attempt (`<id@domain of MAIL_FROM>`, set at the first claim). */
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_status_idx').on(t.status, t.createdAt),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
