// Shared parts (shared-parts.tsx): the HTML placed from a store is the HTML rendered in place; a part holds nothing
// of the reader's and cannot ask for it; a reader's text can never pass for a part's marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { fillParts, partMarker, SharedPart, type PartStore } from './shared-parts.tsx';
import type { ViewContext } from './context.ts';
import { translator } from '../i18n/index.ts';
import { can, type UserActor } from '../auth/policy.ts';
import { Layout } from './Layout.tsx';

const reader = (name: string): UserActor => ({
  kind: 'user',
  userId: `id-${name}`,
  email: `${name}@example.org`,
  name,
  role: 'platform_admin',
  personId: null,
  orgIds: ['org'],
  focalOrgIds: [],
  mfa: true,
  via: 'session',
  scopes: [],
});

// A request's context as reply.viewContext() builds it: `place` collects the parts, and the page is filled after.
function page(actor: UserActor, store: PartStore | undefined, timeZone: string, text: string) {
  const placed: string[] = [];
  const ctx: ViewContext = {
    t: translator('en'),
    locale: 'en',
    actor,
    timeZone,
    csrfToken: 'token',
    path: '/events/x',
    nav: [],
    place: (html) => {
      placed.push(html);
      return partMarker();
    },
  };
  const html = render(
    <dl>
      <SharedPart ctx={ctx} store={store} name="facts">
        {(c) => (
          <>
            <dt>{c.t('events.when')}</dt>
            <dd>
              {c.timeZone} {text}
            </dd>
          </>
        )}
      </SharedPart>
      <dt>mine</dt>
      <dd>{ctx.actor.kind === 'user' ? ctx.actor.name : ''}</dd>
      <SharedPart ctx={ctx} store={store} name="more">
        {(c) => <dd>{c.actor.kind === 'user' ? c.actor.name || 'someone' : 'anonymous'}</dd>}
      </SharedPart>
    </dl>,
  );
  return { html: fillParts(html, placed), placed: placed.length };
}

test('parts placed from a store are the parts rendered in place, with no wrapper, per time zone', () => {
  const store: PartStore = new Map();
  const first = page(reader('Amina'), store, 'UTC', 'a & b');
  assert.equal(first.placed, 2);
  assert.equal(
    first.html,
    '<dl><dt>When</dt><dd>UTC a &amp; b</dd><dt>mine</dt><dd>Amina</dd><dd>someone</dd></dl>',
    'in place, no wrapper, and the shared part does not know the reader',
  );
  // Another reader gets the kept HTML (the text changed since: kept, not rendered again) with their own part.
  const second = page(reader('Boris'), store, 'UTC', 'changed');
  assert.equal(second.html, first.html.replace('Amina', 'Boris'));
  // Another time zone is another part.
  assert.match(page(reader('Chen'), store, 'Asia/Tokyo', 'x').html, /<dd>Asia\/Tokyo x<\/dd>/);
  assert.equal(store.size, 4);
  // Without a store: rendered in place, for this reader.
  assert.equal(
    page(reader('Amina'), undefined, 'UTC', 'a & b').html,
    '<dl><dt>When</dt><dd>UTC a &amp; b</dd><dt>mine</dt><dd>Amina</dd><dd>Amina</dd></dl>',
  );
});

test("a shared part has no form token, no permission, and a reader's text is never a marker", () => {
  const store: PartStore = new Map();
  const ctx: ViewContext = {
    t: translator('en'),
    locale: 'en',
    actor: reader('Amina'),
    timeZone: 'UTC',
    csrfToken: 'token',
    path: '/p',
    nav: [],
    place: () => partMarker(),
  };
  assert.throws(
    () =>
      render(
        <SharedPart ctx={ctx} store={store} name="form">
          {(c) => <input value={c.csrfToken} />}
        </SharedPart>,
      ),
    /cannot hold a form token/,
  );
  let allowed: boolean | undefined;
  render(
    <SharedPart ctx={ctx} store={store} name="rule">
      {(c) => {
        allowed = can(c.actor, 'event.create');
        return null;
      }}
    </SharedPart>,
  );
  assert.equal(allowed, false, 'an administrator reading: the shared part still may do nothing');
  // The marker's markup, written by a reader, is escaped: the page's places are only those the parts took.
  const marker = render(partMarker());
  const html = render(
    <p title={marker}>
      {marker}
      {partMarker()}
    </p>,
  );
  assert.equal(fillParts(html, ['<b>kept</b>']).match(/<b>kept<\/b>/g)?.length, 1);
  assert.throws(() => fillParts(html, []), /0 shared parts, 1 places/);
});

test("a language's parts: the layout's are the layout rendered whole; nothing else is known to them", () => {
  const ctxFor = (locale: 'en' | 'ar', place?: ViewContext['place']): ViewContext => ({
    t: translator(locale),
    locale,
    actor: reader('Amina'),
    timeZone: 'UTC',
    csrfToken: 'token',
    path: '/events',
    nav: [{ href: '/events', labelKey: 'events.title' }],
    place,
  });
  for (const locale of ['en', 'ar'] as const) {
    for (let round = 0; round < 2; round++) {
      const placed: string[] = [];
      const ctx = ctxFor(locale, (html) => {
        placed.push(html);
        return partMarker();
      });
      const page = fillParts(render(<Layout ctx={ctx} title="T" children={<p>body</p>} />), placed);
      assert.equal(placed.length, 2, 'the search form and the footer');
      assert.equal(page, render(<Layout ctx={ctxFor(locale)} title="T" children={<p>body</p>} />));
    }
  }
  const ctx = ctxFor('en', () => partMarker());
  for (const ask of [(c: ViewContext) => c.path, (c: ViewContext) => c.actor, (c: ViewContext) => c.csrfToken])
    assert.throws(
      () =>
        render(
          <SharedPart ctx={ctx} store={new Map()} name="x" by="language">
            {(c) => String(ask(c))}
          </SharedPart>,
        ),
      /cannot depend on/,
    );
});

test('a store keeps a bounded number of parts; beyond, they are rendered each time, the same', () => {
  const store: PartStore = new Map();
  const zones = Intl.supportedValuesOf('timeZone').slice(0, 200);
  for (const zone of zones) assert.ok(page(reader('Amina'), store, zone, 'x').html.includes(`<dd>${zone} x</dd>`));
  assert.equal(store.size, 256, 'two parts for the first 128 zones');
  const last = zones[zones.length - 1];
  assert.ok(page(reader('Boris'), store, last, 'changed').html.includes(`<dd>${last} changed</dd>`), 'not kept');
});
