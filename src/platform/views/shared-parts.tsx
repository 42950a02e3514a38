// Parts of a page that are the same for a whole class of readers (an event's facts, description, programme and
// documents, for every signed-in reader of an event open to all of them), rendered once as HTML and kept with the data
// they show: a `PartStore` lives in a kept value (kept-answers.ts) and is dropped with it. `<SharedPart>` renders its
// children with a context that holds nothing of the reader's — no name, no organizations, no form token, no
// permission (`can` answers no to everything) — keys the HTML by what that context still says (the language, the time
// zone, the page's path), and reply.page puts the HTML where the part's marker is, as written (no wrapping element,
// so a part may be some items of a list). Without a store, or outside a request, the part renders in place.
import { createElement, type ComponentChildren, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { randomBytes } from 'node:crypto';
import { isUser, type UserActor } from '../auth/policy.ts';
import type { ViewContext } from './context.ts';

/** HTML of shared parts by name and reader class; kept with the data it renders (see above). */
export type PartStore = Map<string, string>;
// A store keeps at most this many parts (a page's parts for some forty time zones); beyond, parts are rendered each
// time: readers in many zones cannot make one kept page hold a copy for every zone.
const MAX_PARTS = 256;

// A signed-in reader with nothing of their own: an API token without scopes, which no rule allows anything.
const SOMEONE: UserActor = {
  kind: 'user',
  userId: '',
  email: '',
  name: '',
  role: 'observer',
  personId: null,
  orgIds: [],
  focalOrgIds: [],
  mfa: false,
  via: 'token',
  scopes: [],
};

function sharedContext(ctx: ViewContext): ViewContext {
  return {
    t: ctx.t,
    locale: ctx.locale,
    actor: isUser(ctx.actor) ? SOMEONE : ctx.actor,
    timeZone: ctx.timeZone,
    timeZoneConfirmed: ctx.timeZoneConfirmed,
    get csrfToken(): string {
      throw new Error('a shared part of a page cannot hold a form token');
    },
    path: ctx.path,
    url: ctx.path,
    nav: [],
  };
}

// A part the same in every page of a language (the layout's search form and footer): it gets the language and its
// messages only; anything else it asks for is a programming error, said at once.
function languageContext(ctx: ViewContext): ViewContext {
  const none = (what: string) => () => {
    throw new Error(`a part shared by every page of a language cannot depend on ${what}`);
  };
  return Object.defineProperties({ t: ctx.t, locale: ctx.locale } as ViewContext, {
    actor: { get: none('the reader') },
    timeZone: { get: none('the time zone') },
    timeZoneConfirmed: { get: none('the time zone') },
    csrfToken: { get: none('a form token') },
    path: { get: none('the page') },
    url: { get: none('the page') },
    nav: { get: none('the navigation') },
    flash: { get: none('a message') },
    unreadNotifications: { get: none('notifications') },
  });
}

/**
 * Renders `children` once per store and reader class — `by` "reader" (the default): the language, the time zone, being
 * signed in, the page's path; "language": the language alone — and places the kept HTML in this page.
 */
export function SharedPart({
  ctx,
  store,
  name,
  by = 'reader',
  children,
}: {
  ctx: ViewContext;
  store: PartStore | undefined;
  name: string;
  by?: 'reader' | 'language';
  children: (ctx: ViewContext) => ComponentChildren;
}) {
  if (!store || !ctx.place) return <>{children(ctx)}</>;
  const key =
    by === 'language'
      ? `${name}|${ctx.locale}`
      : `${name}|${ctx.locale}|${ctx.timeZone}|${ctx.timeZoneConfirmed}|${isUser(ctx.actor)}|${ctx.path}`;
  let html = store.get(key);
  if (html === undefined) {
    html = render(<>{children(by === 'language' ? languageContext(ctx) : sharedContext(ctx))}</>);
    if (store.size < MAX_PARTS) store.set(key, html);
  }
  return ctx.place(html);
}

// The marker of a placed part: an element no view writes, with a name drawn at start. Text and attributes are
// escaped (`<` becomes `&lt;`), so a reader's text can never hold one.
const MARK_ID = randomBytes(12).toString('base64url');
const MARK = `<ctcp-part data-id="${MARK_ID}"></ctcp-part>`;

/** Where reply.page will put a part's HTML: call once per part, in the order the page renders them. */
export const partMarker = (): VNode<{ 'data-id': string }> => createElement('ctcp-part', { 'data-id': MARK_ID });

/** The page with each placed part's HTML at its marker (the parts in the order they were placed). */
export function fillParts(html: string, parts: readonly string[]): string {
  const pieces = html.split(MARK);
  if (pieces.length !== parts.length + 1) throw new Error(`${parts.length} shared parts, ${pieces.length - 1} places`);
  let out = pieces[0];
  for (let i = 0; i < parts.length; i++) out += parts[i] + pieces[i + 1];
  return out;
}
