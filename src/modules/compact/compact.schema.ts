// Working groups of the Global Counter-Terrorism Coordination Compact (consent grants name them); their members are
// their bodies' members (compact_body_members; working_group_members was merged into it by migration 0027).
import { pgTable, uuid, text, timestamp, jsonb, index, uniqueIndex, date, integer, boolean } from 'drizzle-orm/pg-core';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { organizations, people } from '../directory/directory.schema.ts';

export const workingGroups = pgTable('working_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  /** Translatable text: the official name in the six languages (English the original). */
  names: jsonb('names').$type<TranslatableText>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// ---- The Compact's structure: its bodies (what meets and decides), their member entities and representatives ----

export const BODY_KINDS = ['coordination_committee', 'working_group', 'heads_meeting', 'ctc_briefing'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const BODY_ROLES = ['chair', 'co_chair', 'vice_chair', 'member', 'observer'] as const;
export type BodyRole = (typeof BODY_ROLES)[number];

/** A body of the Compact: the Coordination Committee, a working group, the heads' meeting, the CTC briefing. */
export const compactBodies = pgTable('compact_bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  kind: text('kind').$type<BodyKind>().notNull(),
  names: jsonb('names').$type<TranslatableText>().notNull(),
  /** Prefix of the body's decision symbols ('CC', 'WG-BM', 'HM', 'CTC'). */
  symbolPrefix: text('symbol_prefix').notNull().unique(),
  /** For kind 'working_group': the working group (consent grants reference working_groups' ids). */
  workingGroupId: uuid('working_group_id')
    .unique()
    .references(() => workingGroups.id, { onDelete: 'cascade' }),
  /** Strategy pillar and theme codes (framework module) the body covers. */
  pillars: text('pillars').array().notNull().default([]),
  themes: text('themes').array().notNull().default([]),
  sortOrder: integer('sort_order').notNull().default(0),
  /** Where the reference data came from (URL and the date read). */
  source: text('source'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A member entity of a body, with its role and term of office (term_end null: open-ended). */
export const compactBodyMembers = pgTable(
  'compact_body_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => compactBodies.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role').$type<BodyRole>().notNull(),
    termStart: date('term_start'),
    termEnd: date('term_end'),
    /** A seat held by office: the body whose chair or vice-chair the entity is (the Committee's members by office). */
    byOfficeOf: uuid('by_office_of').references(() => compactBodies.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compact_body_members_body_org_idx').on(t.bodyId, t.organizationId),
    index('compact_body_members_org_idx').on(t.organizationId),
  ],
);

/** The people who represent a member entity in a body. */
export const compactBodyRepresentatives = pgTable(
  'compact_body_representatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => compactBodyMembers.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    roleTitle: text('role_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compact_body_representatives_member_person_idx').on(t.memberId, t.personId),
    index('compact_body_representatives_person_idx').on(t.personId),
  ],
);

/** The Compact's member entities and the date each joined (null when the date is not public). */
export const compactEntities = pgTable('compact_entities', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  joinedOn: date('joined_on'),
  source: text('source'),
});

/** The Joint Programme of Work: its priorities. */
export const compactPriorities = pgTable('compact_priorities', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  period: text('period').notNull(),
  title: jsonb('title').$type<TranslatableText>().notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  source: text('source'),
  isDemo: boolean('is_demo').notNull().default(false),
});

export const OUTPUT_STATUSES = ['planned', 'in_progress', 'completed', 'delayed'] as const;
export type OutputStatus = (typeof OUTPUT_STATUSES)[number];

/** An output of the programme, under one priority, owned by one or more bodies. */
export const compactOutputs = pgTable('compact_outputs', {
  id: uuid('id').primaryKey().defaultRandom(),
  priorityId: uuid('priority_id')
    .notNull()
    .references(() => compactPriorities.id, { onDelete: 'cascade' }),
  code: text('code').notNull().unique(),
  title: jsonb('title').$type<TranslatableText>().notNull(),
  status: text('status').$type<OutputStatus>().notNull().default('planned'),
  sortOrder: integer('sort_order').notNull().default(0),
  source: text('source'),
  isDemo: boolean('is_demo').notNull().default(false),
});

export const compactOutputOwners = pgTable(
  'compact_output_owners',
  {
    outputId: uuid('output_id')
      .notNull()
      .references(() => compactOutputs.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => compactBodies.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('compact_output_owners_pk').on(t.outputId, t.bodyId),
    index('compact_output_owners_body_idx').on(t.bodyId),
  ],
);
