import type { VNode } from 'preact';
import { ANONYMOUS, type Actor } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';
import { translator, type Locale, type T } from '../i18n/index.ts';

/** A link of the main navigation, as the header renders it (only the links the reader may open). */
export interface NavItem {
  href: string;
  labelKey: string;
}

/**
 * A module's entry in the main navigation. It is shown exactly when the reader may open the page it links to: the
 * GET route at `href` must admit the reader (its declared `config.access`, the same check as the request's), and,
 * when that page's service applies a rule that depends on data (a body's membership…), `opens` must say yes — the
 * same function the service calls. Nothing else decides it, so a menu never offers a page that answers 403.
 */
export interface NavEntry extends NavItem {
  /** Places the entry among the other modules' entries. */
  order: number;
  /** The page's own rule beyond its route access (for readers the route admits); absent: the route decides. */
  opens?: (actor: Actor, db: Db) => boolean | Promise<boolean>;
}

/** What every view receives: the reader, their language, and decisions already made. */
export interface ViewContext {
  t: T;
  locale: Locale;
  actor: Actor;
  timeZone: string;
  /** Has the signed-in reader chosen their zone? (If not, `timeZone` is only the default, UTC: pages say so.) */
  timeZoneConfirmed?: boolean;
  csrfToken: string;
  path: string;
  /** The path with its query string, as requested (the language links return to it). */
  url?: string;
  nav: NavItem[];
  flash?: string;
  /** The signed-in reader's unread notifications (the header's link), counted before the page is rendered. */
  unreadNotifications?: number;
  /** Puts kept HTML into this page where the returned node is (shared-parts.tsx); absent outside a request. */
  place?: (html: string) => VNode<{ 'data-id': string }>;
}

/**
 * An anonymous reader's context outside any request (UTC, no form token, no navigation): what the publishing monitor
 * renders a published item with, through the public page's own parts.
 */
export const readerContext = (locale: Locale, path: string): ViewContext => ({
  t: translator(locale),
  locale,
  actor: ANONYMOUS,
  timeZone: 'UTC',
  csrfToken: '',
  path,
  nav: [],
});
