// The findings in place: escaped excerpts with the found characters marked, hidden characters written out as code
// points (never emitted raw), the language version and field named, direction kept in Arabic; in editor mode an
// accept box and a required reason per finding, read back by acceptancesFromForm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { ANONYMOUS } from '../auth/policy.ts';
import { translator, type Locale } from '../i18n/index.ts';
import type { ViewContext } from '../views/context.ts';
import { blocking, checkFields, checkName } from './index.ts';
import { acceptancesFromForm, Findings, MarkedText } from './integrity.views.tsx';

const ctxFor = (locale: Locale): ViewContext => ({
  t: translator(locale),
  locale,
  actor: ANONYMOUS,
  timeZone: 'UTC',
  csrfToken: 'x',
  path: '/',
  nav: [],
});

const texts = {
  title: {
    en: { text: '<b>Collaboration</b> at the heart of 缅北禁地counter-terrorism efforts', status: 'original' as const },
    ar: { text: 'تقرير\u202Eالاجتماع', status: 'reviewed' as const },
  },
  summary: { fr: { text: 'Bienvenue au CafÃ© des Nations', status: 'original' as const } },
};

test('each finding is shown in place, escaped, with its language version, field and kind explained', () => {
  const findings = checkFields(texts);
  assert.deepEqual(
    findings.map((f) => f.kind),
    ['bidi', 'script', 'mojibake'],
  );
  const html = render(
    <Findings ctx={ctxFor('en')} findings={findings} texts={texts} labels={{ title: 'Title', summary: 'Summary' }} />,
  );
  assert.match(html, /<mark><bdi>缅北禁地<\/bdi><\/mark>/);
  assert.ok(html.includes('&lt;b>Collaboration&lt;/b>') || html.includes('&lt;b&gt;Collaboration'), html);
  assert.ok(!html.includes('<b>'));
  assert.match(html, /Title — English version/);
  assert.match(html, /Title — العربية version/);
  assert.match(html, /Summary — Français version/);
  assert.match(html, /\(Han\)/);
  assert.match(html, /U\+202E RIGHT-TO-LEFT OVERRIDE/);
  assert.ok(!html.includes('\u202E'), 'no raw override in the page');
  assert.match(html, /<blockquote class="finding-excerpt" lang="ar" dir="rtl"/);
  assert.match(html, /Caf<mark><bdi>Ã©<\/bdi><\/mark> des/);
  assert.ok(!html.includes('name="accept.'), 'no decision outside editor mode');
});

test('in Arabic the explanations are Arabic and the script is named in Arabic', () => {
  const findings = checkFields(texts);
  const html = render(<Findings ctx={ctxFor('ar')} findings={findings} texts={texts} />);
  assert.match(html, /أحرف من نظام كتابة غريب/);
  assert.match(html, /الهان|هان/);
  assert.match(html, /lang="en" dir="ltr"/);
});

test('editor mode: an accept box and a reason per finding; a ticked box needs a reason', () => {
  const findings = checkFields(texts);
  const [a, b] = findings;
  const values = { [`accept.${a!.id}`]: 'on', [`reason.${a!.id}`]: ' A quotation ', [`accept.${b!.id}`]: 'on' };
  const { acceptances, errors } = acceptancesFromForm(values, findings);
  assert.deepEqual(acceptances, [{ id: a!.id, reason: 'A quotation' }]);
  assert.deepEqual(errors, [{ field: `reason.${b!.id}`, messageKey: 'integrity.reasonRequired' }]);
  assert.deepEqual(
    blocking(
      findings,
      acceptances.map((x) => x.id),
    ).map((f) => f.kind),
    ['script', 'mojibake'],
  );
  const html = render(
    <Findings
      ctx={ctxFor('fr')}
      findings={findings}
      texts={texts}
      editor
      values={values}
      errors={{ [`reason.${b!.id}`]: 'Indiquez le motif.' }}
    />,
  );
  assert.ok(html.includes(`name="accept.${a!.id}"`));
  assert.ok(html.includes(`name="reason.${b!.id}"`));
  assert.match(html, new RegExp(`id="f-accept\\.${a!.id}" name="accept\\.${a!.id}" value="on" checked`));
  assert.match(html, /value="A quotation|value=" A quotation /);
  assert.match(html, /Indiquez le motif\./);
  assert.match(html, /Accepter ce constat/);
  // accepted findings show their reason, not the box
  const done = render(
    <Findings ctx={ctxFor('en')} findings={findings} texts={texts} editor accepted={{ [a!.id]: 'A quotation' }} />,
  );
  assert.match(done, /Accepted: A quotation/);
  assert.ok(!done.includes(`name="accept.${a!.id}"`));
});

test('a name (no language) is shown with its field and hidden characters written out', () => {
  const name = 'Ann\u200Ba Smith';
  const findings = checkName(name, 'name');
  const html = render(<Findings ctx={ctxFor('en')} findings={findings} texts={{ name }} labels={{ name: 'Name' }} />);
  assert.match(html, /U\+200B ZERO WIDTH SPACE/);
  assert.ok(!html.includes('\u200B'));
  assert.match(html, /dir="auto"/);
});

test('findings marked in place: each mark links to its finding, a hidden override is written out', () => {
  const ar = texts.title.ar.text;
  const en = texts.title.en.text;
  const findings = checkFields(texts);
  const html = render(<MarkedText text={ar} findings={findings.filter((f) => f.lang === 'ar')} />);
  assert.ok(!html.includes('\u202E'), 'no raw right-to-left override in the page');
  assert.match(
    html,
    new RegExp(
      '<mark class="finding" data-finding="[^"]+" id="at-[^"]+">' +
        '<code class="code-point"[^>]*>\\[U\\+202E RIGHT-TO-LEFT OVERRIDE\\]</code></mark>',
    ),
  );
  const marked = render(<MarkedText text={en} findings={findings.filter((f) => f.lang === 'en')} />);
  assert.match(
    marked,
    /&lt;b>Collaboration&lt;\/b> at the heart of <mark class="finding"[^>]*>缅北禁地<\/mark>counter/,
  );
});
