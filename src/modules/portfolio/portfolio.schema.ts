import {
  pgTable,
  pgEnum,
  uuid,
  text,
  date,
  boolean,
  timestamp,
  integer,
  bigint,
  jsonb,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organizations } from '../directory/directory.schema.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { assessmentVisits } from '../assessments/assessments.schema.ts';

export const NEED_STATUSES = [
  'identified',
  'validated',
  'in_consultation',
  'being_addressed',
  'met',
  'closed',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const needStatusEnum = pgEnum('need_status', NEED_STATUSES);
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const priorityEnum = pgEnum('priority', PRIORITIES);
export const NEED_SOURCES = ['assessment_visit', 'other'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];
export const needSourceEnum = pgEnum('need_source', NEED_SOURCES);

/** A technical-assistance need of a State. A need found in an assessment visit is seen only as the State's consent
 * for that visit allows; a need from another source (the State's own request, a national plan…) is internal. */
export const needs = pgTable(
  'ta_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateOrgId: uuid('state_org_id')
      .notNull()
      .references(() => organizations.id),
    source: needSourceEnum('source').notNull(),
    visitId: uuid('visit_id').references(() => assessmentVisits.id, { onDelete: 'restrict' }),
    sourceNote: text('source_note').notNull().default(''),
    themes: text('themes').array().notNull().default([]),
    pillars: text('pillars').array().notNull().default([]),
    resolutions: text('resolutions').array().notNull().default([]),
    priority: priorityEnum('priority').notNull().default('medium'),
    descriptions: jsonb('descriptions').$type<TranslatableText>().notNull(),
    status: needStatusEnum('status').notNull().default('identified'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ta_needs_state_idx').on(t.stateOrgId, t.status),
    index('ta_needs_visit_idx').on(t.visitId),
    index('ta_needs_status_idx').on(t.status),
  ],
);

export const PROJECT_KINDS = ['programme', 'project'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const projectKindEnum = pgEnum('project_kind', PROJECT_KINDS);
export const PROJECT_STATUSES = ['pipeline', 'active', 'completed', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const projectStatusEnum = pgEnum('project_status', PROJECT_STATUSES);

/** The capacity-building portfolio: programmes and the projects under them. Internal information. */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: projectKindEnum('kind').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').unique(),
    titles: jsonb('titles').$type<TranslatableText>().notNull(),
    summary: text('summary').notNull().default(''),
    leadOrgId: uuid('lead_org_id')
      .notNull()
      .references(() => organizations.id),
    themes: text('themes').array().notNull().default([]),
    pillars: text('pillars').array().notNull().default([]),
    /** UN regional groups the project serves as a whole (beyond its named beneficiary States). */
    regions: text('regions').array().notNull().default([]),
    budgetUsd: bigint('budget_usd', { mode: 'number' }),
    fundsReceivedUsd: bigint('funds_received_usd', { mode: 'number' }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    status: projectStatusEnum('status').notNull().default('pipeline'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_status_idx').on(t.status),
    index('projects_lead_idx').on(t.leadOrgId),
    index('projects_parent_idx').on(t.parentId),
  ],
);

export const projectPartners = pgTable(
  'project_partners',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('project_partners_pk').on(t.projectId, t.organizationId)],
);

export const projectBeneficiaries = pgTable(
  'project_beneficiaries',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    stateOrgId: uuid('state_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('project_beneficiaries_pk').on(t.projectId, t.stateOrgId),
    index('project_beneficiaries_state_idx').on(t.stateOrgId),
  ],
);

/** Governance bodies of a programme (steering committee, board…) and their members. */
export const projectGovernance = pgTable(
  'project_governance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('member'),
  },
  (t) => [index('project_governance_project_idx').on(t.projectId)],
);

export const LINK_STATUSES = ['proposed', 'agreed', 'in_progress', 'delivered'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const linkStatusEnum = pgEnum('link_status', LINK_STATUSES);

/** A project answers a need, in part or in full. A need is "answered" when some link is beyond "proposed". */
export const projectNeeds = pgTable(
  'project_needs',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    coveredPercent: integer('covered_percent').notNull().default(100),
    status: linkStatusEnum('status').notNull().default('proposed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_needs_pk').on(t.projectId, t.needId), index('project_needs_need_idx').on(t.needId)],
);

export const ROADMAP_STATUSES = ['draft', 'agreed', 'in_progress', 'completed'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];
export const roadmapStatusEnum = pgEnum('roadmap_status', ROADMAP_STATUSES);
export const ITEM_STATUSES = ['not_started', 'in_progress', 'done', 'delayed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const itemStatusEnum = pgEnum('roadmap_item_status', ITEM_STATUSES);

/** A roadmap for technical assistance agreed with a State in a capacity consultation. */
export const roadmaps = pgTable(
  'roadmaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateOrgId: uuid('state_org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    consultationDate: date('consultation_date'),
    status: roadmapStatusEnum('status').notNull().default('draft'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('roadmaps_state_idx').on(t.stateOrgId)],
);

export const roadmapItems = pgTable(
  'roadmap_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    responsibleOrgId: uuid('responsible_org_id').references(() => organizations.id),
    milestones: text('milestones').notNull().default(''),
    dueDate: date('due_date'),
    status: itemStatusEnum('status').notNull().default('not_started'),
  },
  (t) => [uniqueIndex('roadmap_items_need_idx').on(t.roadmapId, t.needId)],
);

export const PLAN_SCOPES = ['national', 'regional'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];
export const planScopeEnum = pgEnum('plan_scope', PLAN_SCOPES);

/** Voluntary national or regional plans to implement the Strategy, linked to the needs they address. */
export const strategyPlans = pgTable('strategy_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  scope: planScopeEnum('scope').notNull(),
  stateOrgId: uuid('state_org_id').references(() => organizations.id),
  region: text('region'),
  title: text('title').notNull(),
  adoptedOn: date('adopted_on'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const planNeeds = pgTable(
  'plan_needs',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => strategyPlans.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('plan_needs_pk').on(t.planId, t.needId)],
);
