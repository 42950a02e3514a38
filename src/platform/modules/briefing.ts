// The briefing-section registry: each module that has figures for the briefing pack to the Counter-Terrorism
// Committee declares a `briefing` provider in its definition (module.ts): how to compute its section's figures for a
// period from its own data, and how to render them. app.ts registers the module list (registerBriefing, as it
// registers policies, personal data, the workspace and link targets), so the compact module assembles the pack from
// here and imports none of the owners (assessments and events import compact; compact cannot import them).
import type { ComponentChildren } from 'preact';
import type { Db, Tx } from '../db/client.ts';
import type { ViewContext } from '../views/context.ts';

/** A period of whole days, both inclusive (`YYYY-MM-DD`). */
export interface BriefingPeriod {
  from: string;
  to: string;
  /** The day the figures were computed (`YYYY-MM-DD`; overdue actions are counted as of this day). */
  asOf: string;
}

export interface BriefingProvider {
  /** The section's key in the snapshot (`visits`, `needs`, `events`, `register`), and its message key suffix. */
  key: string;
  /** Where the section sits in the pack. */
  order: number;
  /**
   * The section's figures, JSON only (they are saved in the pack's snapshot): counts, codes, translatable texts the
   * pack's audience may read — never a need's description, a report's content, a State-level count or an unlisted
   * CSO's name (docs/security.md, "The briefing pack").
   */
  figures: (db: Db | Tx, period: BriefingPeriod) => Promise<unknown>;
  /** The section rendered from its saved figures, in the reader's language (the pack's page, printed). */
  render: (ctx: ViewContext, figures: unknown) => ComponentChildren;
}

let providers: readonly BriefingProvider[] = [];

/** Called by buildApp with the module list (idempotent). */
export function registerBriefing(modules: readonly { briefing?: BriefingProvider }[]): void {
  providers = modules.flatMap((m) => (m.briefing ? [m.briefing] : [])).sort((a, b) => a.order - b.order);
}

export const briefingProviders = (): readonly BriefingProvider[] => providers;

/** The provider of a section (null when no module declares it: a pack saved before a module left). */
export const briefingProvider = (key: string): BriefingProvider | null => providers.find((p) => p.key === key) ?? null;
