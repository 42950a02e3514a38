// Right-to-left: every language row of a multilingual field carries its own direction and language, values in
// another language are isolated (<bdi>) and stay by their labels, and what a message interpolates — an example, a
// zone, a title — is isolated too, so an Arabic sentence does not scramble a Latin example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { ANONYMOUS } from '../auth/policy.ts';
import type { ViewContext } from '../views/context.ts';
import { Field } from '../views/components.tsx';
import { translate, translator, type Locale } from './index.ts';
import { Text, TextFields } from './text.views.tsx';

const ctxFor = (locale: Locale): ViewContext => ({
  t: translator(locale),
  locale,
  actor: ANONYMOUS,
  timeZone: 'UTC',
  csrfToken: 'x',
  path: '/',
  nav: [],
});

test('each language row of a multilingual field carries its own dir and lang; labels keep the page language', () => {
  const html = render(<TextFields ctx={ctxFor('ar')} name="title" label="العنوان" values={{}} />);
  const rows = [...html.matchAll(/<div class="translation-row"([^>]*)>/g)].map((m) => m[1]);
  assert.equal(rows.length, 6);
  assert.deepEqual(rows, [
    ' lang="ar" dir="rtl"',
    ' lang="zh" dir="ltr"',
    ' lang="en" dir="ltr"',
    ' lang="fr" dir="ltr"',
    ' lang="ru" dir="ltr"',
    ' lang="es" dir="ltr"',
  ]);
  // The labels are Arabic text on an Arabic page, whatever the row's language.
  assert.match(html, /<label for="f-title_en" lang="ar" dir="rtl">العنوان — English<\/label>/);
  assert.match(html, /<label for="f-title_en_status" lang="ar" dir="rtl">/);
});

test('a value in another language is isolated in <bdi> with its lang and dir, in a page-direction element', () => {
  const html = render(
    <Text ctx={ctxFor('ar')} value={{ en: { text: 'Demo venue', status: 'original' } }} as="p" note={false} />,
  );
  assert.equal(html, '<p><bdi lang="en" dir="ltr">Demo venue</bdi></p>');
  const own = render(<Text ctx={ctxFor('ar')} value={{ ar: { text: 'مكان', status: 'original' } }} as="p" />);
  assert.equal(own, '<p>مكان</p>');
  const paragraphs = render(
    <Text ctx={ctxFor('ar')} value={{ en: { text: 'One.\n\nTwo.', status: 'original' } }} as="div" note={false} />,
  );
  assert.equal(
    paragraphs,
    '<div><p><bdi lang="en" dir="ltr">One.</bdi></p><p><bdi lang="en" dir="ltr">Two.</bdi></p></div>',
  );
});

test('interpolated values are isolated in right-to-left messages: a hint’s example is not scrambled', () => {
  const hint = translate('ar', 'events.authoring.slugHint', { example: '2026-roundtable-youth' });
  assert.match(hint, /\u20682026-roundtable-youth\u2069/);
  assert.equal(
    translate('en', 'events.authoring.slugHint', { example: '2026-roundtable-youth' }),
    'Lower-case Latin letters, digits and hyphens, 3 to 100 characters, e.g. 2026-roundtable-youth.',
  );
  assert.match(
    translate('ar', 'events.yourZone', { zone: 'Africa/Nairobi', time: 'x' }),
    /\u2068Africa\/Nairobi\u2069/,
  );
  const field = render(
    <Field name="slug" label="x" hint={translate('ar', 'events.authoring.slugHint', { example: '2026-a' })} />,
  );
  // On the page the isolated example is a <bdi> that does not wrap at its hyphens.
  assert.match(field, /<p class="hint" id="f-slug-hint">[^<]*<bdi class="nowrap">2026-a<\/bdi>\.<\/p>/);
});
