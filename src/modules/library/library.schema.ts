// The document library: one symbol for every language version of a document (UN style), its metadata, and the files
// of its language versions, each a numbered revision.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/i18n/index.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { organizations } from '../directory/directory.schema.ts';
import { workingGroups } from '../compact/compact.schema.ts';

/** The UN's levels (ST/SGB/2007/6): unclassified, confidential, strictly confidential. */
export const LIBRARY_CLASSIFICATIONS = ['unclassified', 'confidential', 'strictly_confidential'] as const;
export type LibraryClassification = (typeof LIBRARY_CLASSIFICATIONS)[number];

/** Who receives a document: everyone, every signed-in user, the Compact's entities, a working group, named ones. */
export const DISTRIBUTIONS = ['public', 'signed_in', 'compact', 'working_group', 'organizations'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** How a document relates to the one it follows: a revision, an addendum, a corrigendum. */
export const RELATIONS = ['rev', 'add', 'corr'] as const;
export type Relation = (typeof RELATIONS)[number];

export const libraryDocuments = pgTable(
  'library_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** One symbol for all language versions, e.g. CTCP/WG.2/2026/3 or CTCP/WG.2/2026/3/Rev.1. */
    symbol: text('symbol').notNull(),
    relatedId: uuid('related_id').references((): AnyPgColumn => libraryDocuments.id, { onDelete: 'set null' }),
    relation: text('relation').$type<Relation>(),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    summary: jsonb('summary').$type<TranslatableText>().notNull().default({}),
    /** The language the document was written in; every other language version is a translation of it. */
    originalLanguage: text('original_language').$type<Locale>().notNull(),
    classification: text('classification').$type<LibraryClassification>().notNull().default('unclassified'),
    distribution: text('distribution').$type<Distribution>().notNull().default('signed_in'),
    workingGroupId: uuid('working_group_id').references(() => workingGroups.id, { onDelete: 'restrict' }),
    /** The named organizations (distribution `organizations`). */
    distributionOrgIds: uuid('distribution_org_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Kept until this day; then removed by the retention job unless under legal hold. */
    retainUntil: date('retain_until'),
    legalHold: boolean('legal_hold').notNull().default(false),
    /**
     * Set for a document another module keeps here and governs (`event_document`, `assessment_report`,
     * `briefing_pack`): its revisions live in the library, who reads it is the owner's rule, and the library's own
     * pages and API never show it.
     */
    source: text('source'),
    ownerOrgId: uuid('owner_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('library_documents_symbol_key').on(t.symbol),
    index('library_documents_related_idx').on(t.relatedId),
    check('library_documents_relation_check', sql`(${t.relatedId} is null) = (${t.relation} is null)`),
    check(
      'library_documents_classification_check',
      sql`${t.classification} in ('unclassified', 'confidential', 'strictly_confidential')`,
    ),
    check(
      'library_documents_distribution_check',
      sql`${t.distribution} in ('public', 'signed_in', 'compact', 'working_group', 'organizations')
        and (${t.distribution} <> 'working_group' or ${t.workingGroupId} is not null)
        and (${t.distribution} <> 'public' or ${t.classification} = 'unclassified')`,
    ),
  ],
);

/** One revision of one language version: a file (kept by platform/files) with its SHA-256, size and checked type. */
export const libraryFiles = pgTable(
  'library_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id, { onDelete: 'cascade' }),
    language: text('language').$type<Locale>().notNull(),
    /** 1, 2, … per document and language, without gaps (given under the document row's lock). */
    revision: integer('revision').notNull(),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    /** For a translation: the revision of the original language it was translated from. */
    translatedFromRevision: integer('translated_from_revision'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('library_files_revision_key').on(t.documentId, t.language, t.revision)],
);
