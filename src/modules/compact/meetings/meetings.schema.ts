// Meetings of the Compact's bodies (series, occurrences, invitees and attendance, agenda items, circulations) and
// their minutes (versions, comments). Migration 0019_meetings (hand-written: the adopted-minutes trigger).
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  index,
  uniqueIndex,
  integer,
  boolean,
  primaryKey,
} from 'drizzle-orm/pg-core';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { users } from '../../../platform/auth/auth.schema.ts';
import { organizations, people } from '../../directory/directory.schema.ts';
import { compactBodies } from '../compact.schema.ts';

export const MEETING_KINDS = [
  'coordination_committee',
  'heads_coordination',
  'working_group',
  'ctc_briefing',
  'ad_hoc',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_FORMATS = ['in_person', 'virtual', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** Editing a meeting of a series: this meeting only, or this one and every later one of the series. */
export const EDIT_SCOPES = ['this', 'following'] as const;
export type EditScope = (typeof EDIT_SCOPES)[number];
export const RECURRENCES = ['none', 'monthly', 'twice_yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const ATTENDANCE = ['present', 'excused', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const AGENDA_TYPES = ['information', 'discussion', 'decision', 'review_of_actions'] as const;
export type AgendaType = (typeof AGENDA_TYPES)[number];
export const MINUTES_STATUSES = ['draft', 'circulated', 'adopted'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export interface AgendaDocument {
  label: string;
  url: string;
}
/** Per agenda item: what was discussed and the outcome. */
export type MinutesItems = Record<string, { discussion?: TranslatableText; outcome?: TranslatableText }>;

/** A series of meetings recurring by rule (RFC 5545 RRULE, wall-clock times in the series' zone). */
export const meetingSeries = pgTable('meeting_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  bodyId: uuid('body_id')
    .notNull()
    .references(() => compactBodies.id, { onDelete: 'cascade' }),
  rrule: text('rrule').notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => compactBodies.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').references(() => meetingSeries.id, { onDelete: 'set null' }),
    kind: text('kind').$type<MeetingKind>().notNull(),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    timeZone: text('time_zone').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    format: text('format').$type<MeetingFormat>().notNull(),
    /** Cancelled meetings stay (with their history); invitees who had the agenda got a METHOD:CANCEL (0021). */
    status: text('status').$type<MeetingStatus>().notNull().default('scheduled'),
    venue: text('venue'),
    /** Shown to invitees (and managers) only. */
    meetingLink: text('meeting_link'),
    /** The iCalendar SEQUENCE and the agenda's version: incremented on every change of the meeting or its agenda. */
    sequence: integer('sequence').notNull().default(0),
    /** The last version circulated (null: never). */
    circulatedVersion: integer('circulated_version'),
    circulatedAt: timestamp('circulated_at', { withTimezone: true }),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_body_idx').on(t.bodyId, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
    index('meetings_series_idx').on(t.seriesId, t.startsAt),
  ],
);

/** An invitee: a representative of a member entity (organization_id set) or a named person. */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    /** The person's language when they have no account (e-mails); null: English. */
    locale: text('locale'),
    attendance: text('attendance').$type<Attendance>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meeting_invitees_meeting_person_idx').on(t.meetingId, t.personId),
    index('meeting_invitees_person_idx').on(t.personId),
  ],
);

export const agendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: text('type').$type<AgendaType>().notNull(),
    leadOrgId: uuid('lead_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    documents: jsonb('documents').$type<AgendaDocument[]>().notNull().default([]),
    /** A local time ('HH:MM', the meeting's zone) or a duration in minutes, or both. */
    startTime: text('start_time'),
    durationMinutes: integer('duration_minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/**
 * One row per invitee and version sent (the agenda, an update, a cancellation): the e-mail is queued only by the
 * statement that inserts it. `person:<id>` for what the invitees receive; `removed:person:<id>` for the cancellation
 * sent to someone no longer invited.
 */
export const meetingCirculations = pgTable(
  'meeting_circulations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    recipientKey: text('recipient_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.version, t.recipientKey] })],
);

/** A version of a meeting's minutes. Adopted versions are locked (trigger in 0019); a corrigendum is a new version. */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    /** A corrigendum: the version it corrects. */
    previousId: uuid('previous_id'),
    status: text('status').$type<MinutesStatus>().notNull().default('draft'),
    summary: jsonb('summary').$type<TranslatableText>().notNull().default({}),
    items: jsonb('items').$type<MinutesItems>().notNull().default({}),
    commentDeadline: timestamp('comment_deadline', { withTimezone: true }),
    sha256: text('sha256'),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_minutes_meeting_version_idx').on(t.meetingId, t.version)],
);

export const minutesComments = pgTable(
  'meeting_minutes_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => meetingMinutes.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_minutes_comments_minutes_idx').on(t.minutesId)],
);
