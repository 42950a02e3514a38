// Working groups of the Global Counter-Terrorism Coordination Compact, and their member organizations.
// (Moved from directory/: same tables and columns.)
import { pgTable, uuid, text, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { organizations } from '../directory/directory.schema.ts';

export const workingGroups = pgTable('working_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  /** Translatable text: the official name in the six languages (English the original). */
  names: jsonb('names').$type<TranslatableText>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const workingGroupMembers = pgTable(
  'working_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('working_group_members_pk').on(t.groupId, t.organizationId),
    index('working_group_members_org_idx').on(t.organizationId),
  ],
);
