import type { TextStatus, TranslatableText } from '../../platform/i18n/text.ts';
import {
  pgTable,
  pgEnum,
  uuid,
  text,
  integer,
  bigint,
  boolean,
  jsonb,
  timestamp,
  index,
  uniqueIndex,
  type AnyPgColumn,
  primaryKey,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations, ORG_TYPES, type OrgType } from '../directory/directory.schema.ts';
import { libraryDocuments } from '../library/library.schema.ts';
import { users, type Locale } from '../../platform/auth/auth.schema.ts';

export const EVENT_TYPES = ['roundtable', 'conference', 'symposium', 'side_event', 'briefing', 'week'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const eventTypeEnum = pgEnum('event_type', EVENT_TYPES);

export const EVENT_FORMATS = ['in_person', 'virtual', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const eventFormatEnum = pgEnum('event_format', EVENT_FORMATS);

/** public: anyone, also signed out; platform: signed-in users; invited: organizers and people registered or invited. */
export const EVENT_VISIBILITIES = ['public', 'platform', 'invited'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];
export const eventVisibilityEnum = pgEnum('event_visibility', EVENT_VISIBILITIES);

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const eventStatusEnum = pgEnum('event_status', EVENT_STATUSES);

/**
 * closed: no registration on the platform; automatic: accepted at once within capacity; moderated: organizers decide.
 */
export const REGISTRATION_MODES = ['closed', 'automatic', 'moderated'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
export const registrationModeEnum = pgEnum('registration_mode', REGISTRATION_MODES);

/** Who sees the participant list: organizers only, accepted participants, or every reader of the event. */
export const PARTICIPANT_LIST_VISIBILITIES = ['organizers', 'participants', 'public'] as const;
export type ParticipantListVisibility = (typeof PARTICIPANT_LIST_VISIBILITIES)[number];
export const participantListEnum = pgEnum('participant_list_visibility', PARTICIPANT_LIST_VISIBILITIES);

export const REGISTRATION_STATUSES = ['pending', 'accepted', 'waitlisted', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrationStatusEnum = pgEnum('registration_status', REGISTRATION_STATUSES);

export const REGISTRATION_ORIGINS = ['self', 'delegation', 'import'] as const;
export type RegistrationOrigin = (typeof REGISTRATION_ORIGINS)[number];

export const ATTENDANCE_MODES = ['in_person', 'virtual'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** Self-declared, optional; reported only in aggregate. */
export const GENDERS = ['woman', 'man', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];
export type GenderTally = Partial<Record<Exclude<Gender, 'undisclosed'>, number>>;

export const SESSION_KINDS = [
  'opening',
  'keynote',
  'thematic_plenary',
  'interactive_segment',
  'side_event',
  'closing',
  'other',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const sessionKindEnum = pgEnum('event_session_kind', SESSION_KINDS);

export const DOCUMENT_KINDS = [
  'concept_note',
  'agenda',
  'programme',
  'chairs_summary',
  'outcome_report',
  'press_release',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A configurable registration question. */
export interface RegistrationQuestion {
  id: string;
  kind: 'text' | 'choice' | 'yes_no';
  required: boolean;
  label: TranslatableText;
  options?: { value: string; label: TranslatableText }[];
}

/**
 * What an event's organizers published about it ("More than 1000 participants … attended the conference in person"),
 * kept as they said it, with their source: shown as such, beside what the platform recorded, never replaced by it.
 */
export const PUBLISHED_FIGURE_KINDS = [
  'participants',
  'memberStates',
  'regionalAndInternationalOrgs',
  'unEntities',
  'institutions',
  'csos',
  'sideEvents',
  'stakeholders',
] as const;
export type PublishedFigureKind = (typeof PUBLISHED_FIGURE_KINDS)[number];
/** The wording of a rounded figure: "more than 1000", "over 95", "about 40"; exact otherwise. */
export const FIGURE_QUALIFIERS = ['exact', 'more_than', 'over', 'about'] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];
/** How the people counted took part ("attended the conference in person"). */
export const FIGURE_MODES = ['in_person', 'online', 'in_person_and_online'] as const;
export type FigureMode = (typeof FIGURE_MODES)[number];

export interface PublishedSource {
  /** Who published the figures, as people cite it ("UNOCT, as reported by Homeland Security Today"), per language. */
  label: TranslatableText;
  url: string | null;
  /** The source's own words, in its language (shown as a quotation, never translated). */
  quote: string | null;
  quoteLang: Locale | null;
}
export interface PublishedFigure {
  kind: PublishedFigureKind;
  value: number;
  qualifier: FigureQualifier;
  /** How the people counted took part (participants), or null when the source does not say. */
  mode: FigureMode | null;
  /** The kinds of organizations counted (institutions: "from academia, civil society and private sector"). */
  orgKinds: OrgType[];
  /** Index of its source in `sources`. */
  source: number;
}
export interface PublishedFigures {
  sources: PublishedSource[];
  figures: PublishedFigure[];
}

export const eventSeries = pgTable('event_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  title: jsonb('title').$type<TranslatableText>().notNull(),
  organizerOrgId: uuid('organizer_org_id').references(() => organizations.id),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    type: eventTypeEnum('type').notNull(),
    status: eventStatusEnum('status').notNull().default('published'),
    /** The umbrella week a side event belongs to. */
    parentId: uuid('parent_id').references((): AnyPgColumn => events.id),
    seriesId: uuid('series_id').references(() => eventSeries.id),
    seriesNumber: integer('series_number'),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    summary: jsonb('summary').$type<TranslatableText>().notNull().default({}),
    description: jsonb('description').$type<TranslatableText>().notNull().default({}),
    /** Framework codes (src/modules/framework): 'pillar-1'…, 'theme-…'. */
    pillars: text('pillars').array().notNull().default([]),
    themes: text('themes').array().notNull().default([]),
    format: eventFormatEnum('format').notNull(),
    venue: text('venue'),
    /** Shown only to accepted participants. */
    meetingUrl: text('meeting_url'),
    timeZone: text('time_zone').notNull(),
    /**
     * Dates without hours (the source gives none): startsAt is local
     * midnight of the first day, endsAt of the day after the last.
     */
    allDay: boolean('all_day').notNull().default(false),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    visibility: eventVisibilityEnum('visibility').notNull().default('public'),
    /** Stakeholder categories (organization types) the event is open to. */
    openTo: text('open_to')
      .array()
      .$type<OrgType[]>()
      .notNull()
      .default([...ORG_TYPES]),
    registrationMode: registrationModeEnum('registration_mode').notNull().default('closed'),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    /** Seats; null = no limit. */
    capacity: integer('capacity'),
    waitlist: boolean('waitlist').notNull().default(true),
    /**
     * Accepted registrations, kept by a trigger on event_registrations
     * (migration 0007) that also refuses a seat beyond capacity.
     */
    seatsTaken: integer('seats_taken').notNull().default(0),
    questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default([]),
    participantList: participantListEnum('participant_list').notNull().default('organizers'),
    /** CSO participants appear in participant lists only when the event says so (identities can put people at risk). */
    showCsoParticipants: boolean('show_cso_participants').notNull().default(false),
    /** The figures the organizers published (migration 0025); null when they published none. */
    publishedFigures: jsonb('published_figures').$type<PublishedFigures>(),
    /**
     * Self-declared genders of accepted registrations whose personal fields were removed (retention, erasure):
     * the statistics add them to the registrations' own (migration 0015).
     */
    genderTally: jsonb('gender_tally').$type<GenderTally>().notNull().default({}),
    /**
     * The iCalendar SEQUENCE: the trigger events_sequence (migration 0021) raises it on every change of the time,
     * place (venue, link, format) or status, whatever code path makes it.
     */
    sequence: integer('sequence').notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_starts_idx').on(t.startsAt),
    index('events_series_idx').on(t.seriesId, t.seriesNumber),
    index('events_parent_idx').on(t.parentId),
  ],
);

export const ORGANIZER_ROLES = ['organizer', 'co_organizer', 'partner'] as const;
export type OrganizerRole = (typeof ORGANIZER_ROLES)[number];

export const eventOrganizers = pgTable(
  'event_organizers',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role').$type<OrganizerRole>().notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    uniqueIndex('event_organizers_pk').on(t.eventId, t.organizationId),
    index('event_organizers_org_idx').on(t.organizationId),
  ],
);

/** An uploaded file (platform/files/storage.ts key), its type checked on upload. */
export interface StoredFileRef {
  key: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}
export interface DocumentVersion {
  url?: string;
  body?: string;
  file?: StoredFileRef;
  status: TextStatus;
}

export const eventDocuments = pgTable(
  'event_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    /**
     * Language versions: a link, the text itself (e.g. a Chair's Summary), or an uploaded PDF/DOCX, whose revisions
     * the library keeps (read back into `file` by the documents service).
     */
    versions: jsonb('versions').$type<Partial<Record<Locale, DocumentVersion>>>().notNull().default({}),
    /** The library document that keeps the uploaded files' revisions (migration 0036); `versions` keeps no file. */
    libraryDocumentId: uuid('library_document_id').references(() => libraryDocuments.id, { onDelete: 'set null' }),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_documents_event_idx').on(t.eventId, t.sort)],
);

/** A Member State's delegation, registered by one of its focal points: a head and members (registrations). */
export const eventDelegations = pgTable(
  'event_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    stateOrgId: uuid('state_org_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_delegations_state_idx').on(t.eventId, t.stateOrgId)],
);

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The account registered (null for a delegation member without an account). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    fullName: text('full_name').notNull(),
    /** Lower-cased. One registration per e-mail address and event. */
    email: text('email').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /**
     * An organization not in the directory, as the organizer's file names it (imports); its category is orgType.
     * Statistics count it by this name.
     */
    organizationName: text('organization_name'),
    /** Snapshot of the organization's type at registration (the stakeholder category). */
    orgType: text('org_type').$type<OrgType>(),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    status: registrationStatusEnum('status').notNull(),
    attendance: text('attendance').$type<AttendanceMode>().notNull().default('in_person'),
    gender: text('gender').$type<Gender>(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    delegationId: uuid('delegation_id').references(() => eventDelegations.id, { onDelete: 'cascade' }),
    delegationRole: text('delegation_role').$type<'head' | 'member'>(),
    /**
     * self: the person registered; delegation: a State's focal point did; import: an organizer's file did — a record
     * the event's organizers own, with or without an account (migration 0024).
     */
    origin: text('origin').$type<RegistrationOrigin>().notNull().default('self'),
    /** Who submitted it: the registrant, a State's focal point (delegation), the organizer who imported it. */
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /** When the reminder e-mail was queued (once per registration). */
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_registrations_email_idx').on(t.eventId, t.email),
    uniqueIndex('event_registrations_user_idx').on(t.eventId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('event_registrations_idem_idx')
      .on(t.submittedBy, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('event_registrations_status_idx').on(t.eventId, t.status, t.createdAt),
  ],
);

export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: sessionKindEnum('kind').notNull(),
    title: jsonb('title').$type<TranslatableText>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** Framework pillar code, e.g. 'pillar-4'. */
    pillar: text('pillar'),
    chairName: text('chair_name'),
    chairRole: text('chair_role').$type<'chair' | 'moderator'>(),
    room: text('room'),
    /** Speaking time per statement on the speakers' list (interactive segments). */
    statementMinutes: integer('statement_minutes').notNull().default(5),
    /** Counts the changes of the session's speakers' list: the room view's stream sends it as the event id. */
    floorSeq: bigint('floor_seq', { mode: 'number' }).notNull().default(0),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('event_sessions_event_idx').on(t.eventId, t.sort)],
);

/** Speakers and their timed slots in a session. */
export const eventSlots = pgTable(
  'event_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    speakerName: text('speaker_name').notNull(),
    affiliation: text('affiliation'),
    role: text('role').$type<'keynote' | 'speaker' | 'statement' | 'remarks'>().notNull().default('speaker'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    minutes: integer('minutes'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('event_slots_session_idx').on(t.sessionId, t.sort)],
);

/** A published version of the programme: a snapshot of the sessions and the changes from the previous version. */
export interface SessionSnapshot {
  id: string;
  kind: SessionKind;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  room: string | null;
  chairName: string | null;
  speakers: string[];
}
export interface ScheduleChange {
  change: 'added' | 'removed' | 'changed';
  title: string;
  fields: string[];
}
export const eventScheduleVersions = pgTable(
  'event_schedule_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sessions: jsonb('sessions').$type<SessionSnapshot[]>().notNull(),
    changes: jsonb('changes').$type<ScheduleChange[]>().notNull(),
    note: text('note'),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_schedule_versions_number_idx').on(t.eventId, t.number)],
);

/** The speakers' list of a session: requests for the floor, in order; one speaking at a time. */
export const FLOOR_STATUSES = ['waiting', 'speaking', 'spoken', 'withdrawn'] as const;
export type FloorStatus = (typeof FLOOR_STATUSES)[number];
export const eventSpeakers = pgTable(
  'event_speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    /** The delegation (Member State, or the participant's organization). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    speakerName: text('speaker_name'),
    status: text('status').$type<FloorStatus>().notNull().default('waiting'),
    position: integer('position').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    allowedMinutes: integer('allowed_minutes'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_speakers_org_idx')
      .on(t.sessionId, t.organizationId)
      .where(sql`${t.status} in ('waiting', 'speaking')`),
    // The list as shown (withdrawn requests are shown nowhere): its read does not grow with the withdrawn ones.
    index('event_speakers_shown_idx').on(t.sessionId, t.position).where(sql`${t.status} <> 'withdrawn'`),
  ],
);

/** A statement delivered in a session: text and/or a PDF/DOCX, in a language, on behalf of an organization. */
export const eventStatements = pgTable(
  'event_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    speakerId: uuid('speaker_id').references(() => eventSpeakers.id, { onDelete: 'set null' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    speakerName: text('speaker_name').notNull(),
    language: text('language').$type<Locale>().notNull(),
    body: text('body'),
    file: jsonb('file').$type<StoredFileRef>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_statements_event_idx').on(t.eventId, t.sessionId, t.createdAt)],
);

/** A side-event proposal for an umbrella week, by one organization with co-organizers. */
export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const eventSideEventProposals = pgTable(
  'event_side_event_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    weekId: uuid('week_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    proposerOrgId: uuid('proposer_org_id')
      .notNull()
      .references(() => organizations.id),
    coOrganizerOrgIds: uuid('co_organizer_org_ids').array().notNull().default([]),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    language: text('language').$type<Locale>().notNull(),
    format: eventFormatEnum('format').notNull(),
    preferredTime: text('preferred_time'),
    status: text('status').$type<ProposalStatus>().notNull().default('submitted'),
    reason: text('reason'),
    /** The side event created on acceptance (a draft until scheduled). */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_side_event_proposals_week_idx').on(t.weekId, t.status, t.createdAt)],
);

/** The Chair's Summary: ordered conclusions and recommendations. */
export const SUMMARY_KINDS = ['conclusion', 'recommendation'] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];
export const eventSummaryItems = pgTable(
  'event_summary_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SummaryKind>().notNull(),
    sort: integer('sort').notNull(),
    language: text('language').$type<Locale>().notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_summary_items_event_idx').on(t.eventId, t.kind, t.sort)],
);

// The follow-up actions of a Chair's Summary live in the Compact's register (compact module: compact_actions,
// source 'event'); migration 0018 moved event_actions there.

/**
 * One row per event, version (SEQUENCE) and registration: the update or cancellation e-mail of that version is
 * queued only by the statement that inserts the row (migration 0021), so it goes out once, even under concurrency.
 */
export const eventUpdateMails = pgTable(
  'event_update_mails',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'event_update_mails_pk', columns: [t.eventId, t.sequence, t.registrationId] })],
);

/**
 * A message the organizers e-mailed to participants (subject and body per language; each recipient reads their own).
 * One per (author, key): the form's hidden key or the API's Idempotency-Key, so a repeated submission sends nothing.
 */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: jsonb('subject').$type<TranslatableText>().notNull(),
    body: jsonb('body').$type<TranslatableText>().notNull(),
    /** Whom it went to: the statuses, or the registrations picked. */
    audience: jsonb('audience').$type<MessageAudience>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    recipients: integer('recipients').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_messages_key_idx').on(t.eventId, t.createdBy, t.idempotencyKey),
    index('event_messages_event_idx').on(t.eventId, t.createdAt),
  ],
);
export type MessageAudience = { statuses: RegistrationStatus[] } | { registrationIds: string[] };

/** Who a message was sent to: one row per (message, registration), claimed once, so nobody gets it twice. */
export const eventMessageRecipients = pgTable(
  'event_message_recipients',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => eventMessages.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('event_message_recipients_pk').on(t.messageId, t.registrationId)],
);
