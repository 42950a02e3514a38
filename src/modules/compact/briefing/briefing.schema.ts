// The briefing pack to the Counter-Terrorism Committee: dated, versioned packs with their figures saved as a JSON
// snapshot, the co-chair entities' approvals (migration 0020: a trigger keeps an approved pack's snapshot unchanged).
import { pgTable, uuid, text, timestamp, jsonb, date, integer, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/auth.schema.ts';
import { organizations } from '../../directory/directory.schema.ts';

export const BRIEFING_STATUSES = ['draft', 'approved', 'circulated'] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

export const compactBriefings = pgTable(
  'compact_briefings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    sha256: text('sha256').notNull(),
    status: text('status').$type<BriefingStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    circulatedBy: uuid('circulated_by').references(() => users.id, { onDelete: 'set null' }),
    circulatedAt: timestamp('circulated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('compact_briefings_period_version_idx').on(t.periodFrom, t.periodTo, t.version)],
);

export const compactBriefingApprovals = pgTable(
  'compact_briefing_approvals',
  {
    briefingId: uuid('briefing_id')
      .notNull()
      .references(() => compactBriefings.id, { onDelete: 'cascade' }),
    /** The co-chair entity (UNOCT or CTED) on whose behalf the pack was approved. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    userLabel: text('user_label').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.briefingId, t.organizationId], name: 'compact_briefing_approvals_pk' })],
);
