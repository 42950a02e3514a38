// Revisions of public content under the two-signature workflow (docs/architecture.md, "Publishing"). A subject is any
// public record of any module (`subject_kind` + `subject_id`); its revisions hold the canonical content and its
// SHA-256.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.schema.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';

export const REVISION_STATES = ['draft', 'submitted', 'approved', 'published', 'withdrawn', 'superseded'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** A public value besides text: JSON (strings, numbers, booleans, null, arrays, objects). */
export type PublicValue = string | number | boolean | null | PublicValue[] | { [k: string]: PublicValue };

/** What readers see: translatable fields and other public values. Its canonical JSON is what is hashed and signed. */
export interface PublicContent {
  text: Record<string, TranslatableText>;
  values: Record<string, PublicValue>;
}

/** A finding of the pre-publish check accepted by an editor, with the reason (also in the audit chain). */
export interface Acceptance {
  id: string;
  kind: string;
  lang: string | null;
  field: string;
  match: string;
  reason: string;
  by: string;
  at: string;
}

export const publishingRevisions = pgTable(
  'publishing_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    number: integer('number').notNull(),
    content: jsonb('content').$type<PublicContent>().notNull(),
    /** SHA-256 of the canonical JSON of `content` (sorted keys, NFC), written with every edit. */
    sha256: text('sha256').notNull(),
    state: text('state').$type<RevisionState>().notNull().default('draft'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    lastEditorId: uuid('last_editor_id').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The hash the check ran on and the approver signs; an edit clears it. */
    submittedSha256: text('submitted_sha256'),
    acceptances: jsonb('acceptances').$type<Acceptance[]>().notNull().default([]),
    approverId: uuid('approver_id').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedSha256: text('approved_sha256'),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The hash recorded at publication (also in the audit chain): what the monitor checks the content against. */
    publishedSha256: text('published_sha256'),
    /** Published by the platform administrator without the second signature (flagged until it comes). */
    forced: boolean('forced').notNull().default(false),
    forceReason: text('force_reason'),
    forceDeadline: timestamp('force_deadline', { withTimezone: true }),
    secondApproverId: uuid('second_approver_id').references(() => users.id, { onDelete: 'set null' }),
    secondApprovedAt: timestamp('second_approved_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Null with a withdrawal: the monitor withdrew it. */
    withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('publishing_revisions_number_uq').on(t.subjectKind, t.subjectId, t.number),
    // One revision being worked on, and one published, per subject.
    uniqueIndex('publishing_revisions_open_uq')
      .on(t.subjectKind, t.subjectId)
      .where(sql`state in ('draft', 'submitted', 'approved')`),
    uniqueIndex('publishing_revisions_published_uq').on(t.subjectKind, t.subjectId).where(sql`state = 'published'`),
    index('publishing_revisions_state_idx').on(t.state, t.subjectKind),
  ],
);
