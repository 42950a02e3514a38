// The contract every module fulfils. A module's public `index.ts` exports one `ModuleDefinition` (as `module`)
// together with the service functions and types other modules may use; `src/modules/index.ts` lists the modules
// and `app.ts` loops over that list. Nothing here knows any module.
import type { FileStoreConfig } from '../files/storage.ts';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import type { PolicyTable } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';
import type { NavEntry } from '../views/context.ts';
import type { PersonalData } from '../privacy/privacy.types.ts';
import type { UserActor } from '../auth/policy.ts';
import type { Locale, Values } from '../i18n/index.ts';
import type { CalendarItem } from '../calendar/calendar.types.ts';
import type { LinkTarget } from './link-targets.ts';
import type { BriefingProvider } from './briefing.ts';
import type { SearchSource } from './search-sources.ts';
import type { JobDefinition } from '../jobs/jobs.types.ts';

export type { BriefingProvider, CalendarItem, LinkTarget, SearchSource };

/** Something waiting for the person, shown under "Waiting for you" on the home page and by GET /api/v1/me/tasks. */
export interface Task {
  /** Stable identifier of the kind of task (`consent.decide`, `registration.decide`…), for the API and tests. */
  kind: string;
  /** Catalogue key of its title, rendered with `values` (and `count`, when given, as the ICU argument `count`). */
  titleKey: string;
  values?: Values;
  /** How many items wait (a task with 0 is not returned). */
  count?: number;
  /** Where the person deals with it (a local path). */
  url: string;
  /** The earliest deadline among the items, if any. */
  due?: Date | null;
  /** A word shown with the title (e.g. "Draft"): a catalogue key, and its kind (the badge's class). */
  badge?: { labelKey: string; kind: string };
}

/** What a module's `tasks` is given: the signed-in person and the language the page is shown in. */
export interface TaskContext {
  db: Db;
  actor: UserActor;
  locale: Locale;
}

export interface SeedOptions {
  db: Db;
  /** Add demo organizations, accounts and records (fictional States only). */
  demo: boolean;
  sessionSecret: string;
  /** Where uploaded files are kept (a seed that stores files: the demo library). */
  files?: FileStoreConfig;
}

export interface ModuleDefinition {
  /** Short lower-case name; also the prefix of its message keys where it has its own. */
  name: string;
  /** Its access rules as data; registered explicitly by app.ts before any route. */
  policy?: PolicyTable;
  /** Fastify plugins registering its pages (`*.routes.tsx`) and JSON API (`*.api.ts`). */
  routes?: ((app: FastifyInstance) => Promise<void>)[];
  /** Its entries in the main navigation (shown to whoever may open the linked page: views/context.ts, NavEntry). */
  nav?: NavEntry[];
  /** JSON schemas other operations refer to by `$id` in the OpenAPI document. */
  apiSchemas?: TSchema[];
  /** Reference (and with `demo`, demo) data, run by `ctcp seed` in the order of the module list; returns a count. */
  seed?: (opts: SeedOptions) => Promise<number | undefined>;
  /**
   * The personal data it keeps (docs/architecture.md, "Personal data"): retention rules applied by the scheduled job,
   * its part of a person's export, and its part of an erasure (inside the erasure's one transaction).
   */
  personalData?: PersonalData;
  /**
   * What waits for this person in the module (docs/architecture.md, "Workspace"): computed from the module's own data
   * and access rules, never stored. app.ts registers every module's (platform/modules/workspace.ts), like personalData.
   */
  tasks?: (ctx: TaskContext) => Promise<Task[]>;
  /** The person's items for the personal calendar (iCalendar feed, home page): events, meetings… */
  calendarFor?: (db: Db, userId: string) => Promise<CalendarItem[]>;
  /**
   * The records of this module that others may link to (the Compact register's actions serve needs, projects, events,
   * outputs): how to label them for a reader, and the rule for records that follow from them (platform/modules/
   * link-targets.ts). app.ts registers every module's, like personalData.
   */
  linkTargets?: LinkTarget[];
  /**
   * The kinds of records of this module the search box finds (platform/modules/search-sources.ts): their passages and
   * their read rule as SQL. app.ts registers every module's, like linkTargets.
   */
  searchSources?: SearchSource[];
  /**
   * Its section of the briefing pack to the Counter-Terrorism Committee (platform/modules/briefing.ts): figures for a
   * period from its own data and their rendering. app.ts registers every module's; the compact module assembles them.
   */
  briefing?: BriefingProvider;
  /**
   * Its jobs (docs/architecture.md, "Jobs"): deferred or scheduled work run by the platform's one job queue
   * (platform/jobs). app.ts and `ctcp worker` register every module's, like personalData.
   */
  jobs?: JobDefinition[];
}

export const defineModule = (m: ModuleDefinition): ModuleDefinition => m;
