import { pgTable, pgEnum, uuid, text, integer, jsonb, index } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../platform/i18n/index.ts';

/** The UN Global Counter-Terrorism Strategy framework: the four pillars, Security Council and General Assembly
 * resolutions, and the thematic taxonomy. Reference data every need, programme, event and document is tagged with. */
export const FRAMEWORK_KINDS = ['pillar', 'sc_resolution', 'ga_resolution', 'theme'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];
export const frameworkKindEnum = pgEnum('framework_kind', FRAMEWORK_KINDS);

export const frameworkItems = pgTable(
  'framework_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: frameworkKindEnum('kind').notNull(),
    /** Stable code: 'pillar-1', 'S/RES/1373 (2001)', 'A/RES/60/288', 'theme-border-security'. */
    code: text('code').notNull().unique(),
    year: integer('year'),
    names: jsonb('names').$type<LocalizedText>().notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('framework_items_kind_idx').on(t.kind, t.sort)],
);
