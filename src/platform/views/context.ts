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
  csrfToken: string;
  path: string;
  /** The path with its query string, as requested (the language links return to it). */
  url?: string;
  nav: NavItem[];
  flash?: string;
  /** The signed-in reader's unread notifications (the header's link), counted before the page is rendered. */
  unreadNotifications?: number;
}
