// The Compact's register of decisions and actions (docs/architecture.md, "The register"): decisions of a body with a
// symbol per body and year (`CC/2026/3`), the actions that follow them — or a meeting, or an event's Chair's Summary —
// with an owner entity, a due date and a status (overdue is computed, never stored), dated progress notes, evidence,
// and links to the needs, projects, events and Joint Programme outputs they serve.
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  index,
  uniqueIndex,
  date,
  integer,
  primaryKey,
  boolean,
} from 'drizzle-orm/pg-core';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import { organizations, people } from '../../directory/directory.schema.ts';
import { compactBodies } from '../compact.schema.ts';

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Where an action comes from: a Compact decision, a meeting, an event's Chair's Summary recommendation. */
export const ACTION_SOURCES = ['decision', 'meeting', 'event'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];
/** What an action serves (platform/modules/link-targets.ts resolves their labels and visibility). */
export const LINK_KINDS = ['need', 'project', 'event', 'output'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** The last decision number given per body and year: allocation is one `INSERT … ON CONFLICT DO UPDATE`. */
export const compactDecisionCounters = pgTable(
  'compact_decision_counters',
  {
    bodyId: uuid('body_id')
      .notNull()
      .references(() => compactBodies.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.year] })],
);

export const compactDecisions = pgTable(
  'compact_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => compactBodies.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** `<prefix>/<year>/<number>`, e.g. `CC/2026/3`. */
    symbol: text('symbol').notNull().unique(),
    text: jsonb('text').$type<TranslatableText>().notNull(),
    /** The meeting that took it (the meetings module adds the foreign key). */
    meetingId: uuid('meeting_id'),
    decidedOn: date('decided_on').notNull(),
    reviewOn: date('review_on'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('compact_decisions_body_year_number_idx').on(t.bodyId, t.year, t.number),
    index('compact_decisions_meeting_idx').on(t.meetingId),
  ],
);

export const compactActions = pgTable(
  'compact_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The body whose register it is in; null for an event's follow-up action (the event's rule applies). */
    bodyId: uuid('body_id').references(() => compactBodies.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id').references(() => compactDecisions.id, { onDelete: 'set null' }),
    sourceKind: text('source_kind').$type<ActionSource>().notNull(),
    /** The meeting or the event it comes from (the decision: decision_id). */
    sourceId: uuid('source_id'),
    /** For an event: the Chair's Summary recommendation (one action each). */
    sourceItemId: uuid('source_item_id'),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    ownerOrgId: uuid('owner_org_id').references(() => organizations.id),
    ownerPersonId: uuid('owner_person_id').references(() => people.id, { onDelete: 'set null' }),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    dueOn: date('due_on'),
    /** The Strategy pillar the action itself serves (a framework code), beside its body's and its links' (0022). */
    pillar: text('pillar'),
    /** The latest short note (the events' follow-up form). */
    note: text('note'),
    evidenceUrl: text('evidence_url'),
    evidenceNote: text('evidence_note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('compact_actions_source_item_idx').on(t.sourceItemId),
    index('compact_actions_source_idx').on(t.sourceKind, t.sourceId),
    index('compact_actions_body_idx').on(t.bodyId),
    index('compact_actions_owner_idx').on(t.ownerOrgId),
    index('compact_actions_decision_idx').on(t.decisionId),
  ],
);

/** Dated progress notes, by whom (personal data: author). */
export const compactActionNotes = pgTable(
  'compact_action_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => compactActions.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** The status the action moved to with this note, if it moved. */
    status: text('status').$type<ActionStatus>(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('compact_action_notes_action_idx').on(t.actionId, t.createdAt)],
);

/** What an action serves: a need, a project, an event, a Joint Programme output. */
export const compactActionLinks = pgTable(
  'compact_action_links',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => compactActions.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind').$type<LinkKind>().notNull(),
    targetId: uuid('target_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.targetKind, t.targetId] }),
    index('compact_action_links_target_idx').on(t.targetKind, t.targetId),
  ],
);

/**
 * The change history of a decision or an action (migration 0022): who changed which fields when — `text.fr`,
 * `decidedOn`, `ownerPersonId`, `links`… — and, for a decision, whether its meeting's minutes were adopted then
 * (a change after adoption is allowed but never silent). Personal data: the author.
 */
export const compactRegisterChanges = pgTable(
  'compact_register_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id').references(() => compactDecisions.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id').references(() => compactActions.id, { onDelete: 'cascade' }),
    fields: text('fields').array().notNull(),
    afterAdoption: boolean('after_adoption').notNull().default(false),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('compact_register_changes_decision_idx').on(t.decisionId, t.createdAt),
    index('compact_register_changes_action_idx').on(t.actionId, t.createdAt),
  ],
);
