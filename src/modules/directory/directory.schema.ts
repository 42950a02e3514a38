import type { LocalizedText } from '../../platform/i18n/index.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { pgTable, pgEnum, uuid, text, timestamp, boolean, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

export const ORG_TYPES = [
  'member_state',
  'un_entity',
  'regional_org',
  'international_org',
  'cso',
  'academia',
  'private_sector',
  'faith_based',
  'other',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const orgTypeEnum = pgEnum('org_type', ORG_TYPES);

export const REGIONAL_GROUPS = [
  'african',
  'asia_pacific',
  'eastern_european',
  'latin_american_caribbean',
  'western_european_others',
] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];
export const regionalGroupEnum = pgEnum('regional_group', REGIONAL_GROUPS);

export type { LocalizedText };

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    type: orgTypeEnum('type').notNull(),
    names: jsonb('names').$type<LocalizedText>().notNull(),
    acronym: text('acronym'),
    iso2: text('iso2'),
    iso3: text('iso3'),
    regionalGroup: regionalGroupEnum('regional_group'),
    compactMember: boolean('compact_member').notNull().default(false),
    grassroots: boolean('grassroots').notNull().default(false),
    womenLed: boolean('women_led').notNull().default(false),
    youthLed: boolean('youth_led').notNull().default(false),
    countriesOfOperation: text('countries_of_operation').array().notNull().default([]),
    /** CSOs are hidden from other members by default: identities can put people at risk. */
    publicListing: boolean('public_listing').notNull().default(false),
    website: text('website'),
    /** Translatable content (platform/i18n/text.ts); names stay one string per language (reference data). */
    description: jsonb('description').$type<TranslatableText>(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_type_idx').on(t.type),
    uniqueIndex('organizations_iso3_idx').on(t.iso3),
    index('organizations_name_en_idx').on(t.type, t.slug),
  ],
);

export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  jobTitle: text('job_title'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title'),
    focalPoint: boolean('focal_point').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_person_org_idx').on(t.personId, t.organizationId),
    index('memberships_org_idx').on(t.organizationId),
  ],
);
