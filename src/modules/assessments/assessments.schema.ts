import {
  pgTable,
  pgEnum,
  uuid,
  text,
  date,
  boolean,
  timestamp,
  integer,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organizations } from '../directory/directory.schema.ts';
import { workingGroups } from '../compact/compact.schema.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { libraryDocuments } from '../library/library.schema.ts';

export const VISIT_TYPES = ['comprehensive', 'focused', 'follow_up'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
export const visitTypeEnum = pgEnum('visit_type', VISIT_TYPES);

export const VISIT_STATUSES = ['planned', 'conducted', 'report_drafted', 'report_adopted', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const visitStatusEnum = pgEnum('visit_status', VISIT_STATUSES);

/** Assessment visits made by CTED on behalf of the Counter-Terrorism Committee. Classified confidential. */
export const assessmentVisits = pgTable(
  'assessment_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stateOrgId: uuid('state_org_id')
      .notNull()
      .references(() => organizations.id),
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
  },
  (t) => [index('assessment_visits_state_idx').on(t.stateOrgId, t.startDate)],
);

export const REPORT_CLASSIFICATIONS = ['confidential', 'strictly_confidential'] as const;
export type ReportClassification = (typeof REPORT_CLASSIFICATIONS)[number];
export const reportClassificationEnum = pgEnum('report_classification', REPORT_CLASSIFICATIONS);

/**
 * The report of an assessment visit. Nobody but CTED analysts and
 * the assessed State reads it without a consent that covers them.
 */
export const assessmentReports = pgTable(
  'assessment_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => assessmentVisits.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    classification: reportClassificationEnum('classification').notNull().default('confidential'),
    /**
     * The library document that keeps the report's language versions as numbered revisions (migration 0039; source
     * `assessment_report`, the same classification). Who reads them stays this module's rule (consent).
     */
    libraryDocumentId: uuid('library_document_id').references(() => libraryDocuments.id, { onDelete: 'set null' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_reports_visit_idx').on(t.visitId)],
);

/**
 * The former shape of a report's language versions (one PDF or DOCX per language, replaced by a new upload). Since
 * migration 0039 the files live in the library (`library_files`, revisions of the report's library document) and this
 * table stays empty: nothing writes it; `library_import_assessment_reports()` moves any row found in it.
 */
export const reportFiles = pgTable(
  'report_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => assessmentReports.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    originalName: text('original_name').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_files_language_idx').on(t.reportId, t.language)],
);

export const CONSENT_SCOPES = ['report', 'needs', 'both'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const consentScopeEnum = pgEnum('consent_scope', CONSENT_SCOPES);
export const GRANTEE_KINDS = ['organization', 'compact', 'working_group'] as const;
export type GranteeKind = (typeof GRANTEE_KINDS)[number];
export const granteeKindEnum = pgEnum('grantee_kind', GRANTEE_KINDS);

/** The assessed State's consent to share what came out of one visit. Checked in SQL on every request: no cache. */
export const consentGrants = pgTable(
  'consent_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => assessmentVisits.id, { onDelete: 'cascade' }),
    granteeKind: granteeKindEnum('grantee_kind').notNull(),
    granteeOrgId: uuid('grantee_org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    granteeGroupId: uuid('grantee_group_id').references(() => workingGroups.id, { onDelete: 'cascade' }),
    scope: consentScopeEnum('scope').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('consent_grants_visit_idx').on(t.visitId), index('consent_grants_org_idx').on(t.granteeOrgId)],
);

/** Every decision on a grant, in order: the consent history the State and CTED can read. */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => consentGrants.id, { onDelete: 'cascade' }),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => assessmentVisits.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    scope: consentScopeEnum('scope').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_events_visit_idx').on(t.visitId, t.at)],
);
