// What every page carries: the icon, the footer's links to help, the accessibility statement and the privacy notice
// (each in the six languages), and language links that come back to the same page with its query (filters, tab, page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES, translate } from '../src/platform/i18n/index.ts';
import { Agent, dbLabel, location, makeTestEnv, makeUser, type TestEnv } from './helper.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv({ retentionEventDays: 400 });
});
after(async () => {
  await env?.close();
});

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test(`every page names its icon and links help, accessibility and privacy in its footer (${dbLabel()})`, async () => {
  const page = await new Agent(env.app).get('/events');
  assert.match(page.body, /<link rel="icon" href="\/static\/favicon\.svg" type="image\/svg\+xml"\/>/);
  const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(page.body)?.[1] ?? '';
  for (const href of ['/help', '/accessibility', '/privacy']) assert.ok(footer.includes(`href="${href}"`), href);
  const icon = await env.app.inject({ method: 'GET', url: '/static/favicon.svg' });
  assert.equal(icon.statusCode, 200);
  assert.match(String(icon.headers['content-type']), /^image\/svg\+xml/);
  const ico = await env.app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(ico.statusCode, 301);
  assert.equal(location(ico), '/static/favicon.svg');
});

test(`help, the accessibility statement and the privacy notice, in the six languages (${dbLabel()})`, async () => {
  for (const locale of LOCALES) {
    const agent = new Agent(env.app);
    agent.cookies.set('ctcp_lang', locale);
    for (const [url, key] of [
      ['/help', 'help.title'],
      ['/accessibility', 'accessibility.title'],
      ['/privacy', 'privacyNotice.title'],
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, `${locale} ${url}`);
      assert.match(res.body, new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`));
      assert.ok(res.body.includes(`<h1>${escapeHtml(translate(locale, key))}</h1>`), `${locale} ${url} heading`);
    }
  }
  // The notice gives the periods this platform is configured with, and every kind of personal data it keeps.
  const notice = (await new Agent(env.app).get('/privacy')).body;
  assert.match(notice, /Event registrations and answers[\s\S]*?400 days/);
  for (const kind of ['sessions', 'outbox', 'audit_ips', 'invitations', 'registrations', 'notifications'])
    assert.ok(notice.includes(escapeHtml(translate('en', `privacy.kind.${kind}`))), kind);
  assert.ok(!notice.includes('privacy.kind.'), 'every kind is translated');
});

test(`the language links come back to the same page with its filters and page number (${dbLabel()})`, async () => {
  const u = await makeUser(env, 'observer');
  const here = '/directory?type=cso&q=demo&page=2';
  const page = await u.agent.get(here);
  assert.equal(page.statusCode, 200);
  const next = encodeURIComponent(here);
  for (const l of LOCALES) assert.ok(page.body.includes(`href="/lang/${l}?next=${escapeHtml(next)}"`), l);
  const switched = await u.agent.get(`/lang/ar?next=${next}`);
  assert.equal(switched.statusCode, 303);
  assert.equal(location(switched), here);
  const after = await u.agent.get(location(switched));
  assert.match(after.body, /<html lang="ar" dir="rtl">/);
  // Elsewhere than the site: the home page.
  assert.equal(location(await u.agent.get(`/lang/fr?next=${encodeURIComponent('//evil.example/x?a=1')}`)), '/');
});
