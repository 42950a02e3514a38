// The contract every module fulfils. A module's public `index.ts` exports one `ModuleDefinition` (as `module`)
// together with the service functions and types other modules may use; `src/modules/index.ts` lists the modules
// and `app.ts` loops over that list. Nothing here knows any module.
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import type { PolicyTable } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';
import type { NavItem } from '../views/context.ts';
import type { PersonalData } from '../privacy/privacy.types.ts';

export interface SeedOptions {
  db: Db;
  /** Add demo organizations, accounts and records (fictional States only). */
  demo: boolean;
  sessionSecret: string;
}

export interface ModuleDefinition {
  /** Short lower-case name; also the prefix of its message keys where it has its own. */
  name: string;
  /** Its access rules as data; registered explicitly by app.ts before any route. */
  policy?: PolicyTable;
  /** Fastify plugins registering its pages (`*.routes.tsx`) and JSON API (`*.api.ts`). */
  routes?: ((app: FastifyInstance) => Promise<void>)[];
  /** Its entries in the main navigation; `order` places them among the other modules' entries. */
  nav?: (NavItem & { order: number })[];
  /** JSON schemas other operations refer to by `$id` in the OpenAPI document. */
  apiSchemas?: TSchema[];
  /** Reference (and with `demo`, demo) data, run by `ctcp seed` in the order of the module list; returns a count. */
  seed?: (opts: SeedOptions) => Promise<number | undefined>;
  /**
   * The personal data it keeps (docs/architecture.md, "Personal data"): retention rules applied by the scheduled job,
   * its part of a person's export, and its part of an erasure (inside the erasure's one transaction).
   */
  personalData?: PersonalData;
}

export const defineModule = (m: ModuleDefinition): ModuleDefinition => m;
