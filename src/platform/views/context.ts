import type { Actor } from '../auth/policy.ts';
import type { Locale, T } from '../i18n/index.ts';

export interface NavItem {
  href: string;
  labelKey: string;
  visible: (actor: Actor) => boolean;
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
  nav: NavItem[];
  flash?: string;
  /** The signed-in reader's unread notifications (the header's link), counted before the page is rendered. */
  unreadNotifications?: number;
}
