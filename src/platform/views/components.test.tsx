// Shared view components (components.tsx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { Pagination } from './components.tsx';
import type { ViewContext } from './context.ts';
import { translator } from '../i18n/index.ts';
import { ANONYMOUS } from '../auth/policy.ts';

const ctx: ViewContext = {
  t: translator('en'),
  locale: 'en',
  actor: ANONYMOUS,
  timeZone: 'UTC',
  csrfToken: 'token',
  path: '/admin/outbox',
  nav: [],
};
const pages = (page: number, total: number) =>
  render(<Pagination ctx={ctx} page={page} pageSize={20} total={total} baseQuery={{ status: 'held', to: '' }} />);

test('pagination: nothing when all fits on the first page; page links that keep the filters otherwise', () => {
  assert.equal(pages(1, 0), '');
  assert.equal(pages(1, 20), '');
  const first = pages(1, 41);
  assert.match(first, /Page 1 of 3/);
  assert.match(first, /<a href="\?status=held&amp;page=2" rel="next">/);
  assert.doesNotMatch(first, /rel="prev"/);
  // A page past the end (a link kept while rows went away) still leads back.
  const past = pages(4, 20);
  assert.match(past, /Page 4 of 1/);
  assert.match(past, /<a href="\?status=held&amp;page=3" rel="prev">/);
});
