import { pgTable, pgEnum, uuid, text, date, boolean, timestamp, index } from 'drizzle-orm/pg-core';
import { organizations } from '../directory/directory.schema.ts';
import { users } from '../../platform/auth/auth.schema.ts';

export const VISIT_TYPES = ['comprehensive', 'focused', 'follow_up'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
export const visitTypeEnum = pgEnum('visit_type', VISIT_TYPES);

export const VISIT_STATUSES = ['planned', 'conducted', 'report_drafted', 'report_adopted', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const visitStatusEnum = pgEnum('visit_status', VISIT_STATUSES);

/** Assessment visits made by CTED on behalf of the Counter-Terrorism Committee. Classified confidential. */
export const assessmentVisits = pgTable('assessment_visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  stateOrgId: uuid('state_org_id').notNull().references(() => organizations.id),
  type: visitTypeEnum('type').notNull(),
  onBehalfOfCtc: boolean('on_behalf_of_ctc').notNull().default(true),
  startDate: date('start_date').notNull(),
  endDate: date('end_date').notNull(),
  team: text('team').notNull().default(''),
  status: visitStatusEnum('status').notNull().default('planned'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('assessment_visits_state_idx').on(t.stateOrgId, t.startDate)]);
