// Catalogue completeness: every locale has every key, every message is valid ICU and formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, LOCALES, translate, fromAcceptLanguage } from '../src/platform/i18n/index.ts';

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/**
 * The message's arguments and whether each is numeric (number, plural) or a date (date, time); from the parsed
 * message.
 */
function argumentsOf(ast: Ast, out = new Map<string, 'text' | 'number' | 'date'>()) {
  for (const el of ast as any[]) {
    // An argument (1) or a select's subject (5): text (a select with 'X' takes its `other` branch).
    if ((el.type === 1 || el.type === 5) && !out.has(el.value)) out.set(el.value, 'text');
    if (el.type === 2 || el.type === 6) out.set(el.value, 'number');
    if (el.type === 3 || el.type === 4) out.set(el.value, 'date');
    if (el.type === 5 || el.type === 6) for (const o of Object.values(el.options) as any[]) argumentsOf(o.value, out);
    if (el.type === 8) argumentsOf(el.children, out);
  }
  return out;
}
const sampleFor = (args: Map<string, string>, n: number) =>
  Object.fromEntries(
    [...args].map(([k, kind]) => [k, kind === 'number' ? n : kind === 'date' ? new Date(Date.UTC(2026, 0, 2)) : 'X']),
  );

test('every catalogue has exactly the English keys', () => {
  const en = Object.keys(CATALOGUES.en).sort();
  for (const l of LOCALES) {
    const keys = Object.keys(CATALOGUES[l]).sort();
    assert.deepEqual(
      keys.filter((k) => !en.includes(k)),
      [],
      `${l}: extra keys`,
    );
    assert.deepEqual(
      en.filter((k) => !keys.includes(k)),
      [],
      `${l}: missing keys`,
    );
  }
  console.log(`# ${en.length} keys × ${LOCALES.length} locales`);
});

test('every message is valid ICU MessageFormat and formats for several counts', () => {
  for (const l of LOCALES) {
    for (const [k, msg] of Object.entries(CATALOGUES[l])) {
      let f: IntlMessageFormat;
      assert.doesNotThrow(() => {
        f = new IntlMessageFormat(msg, l, undefined, { ignoreTag: true });
      }, `${l} ${k}`);
      const args = argumentsOf(f!.getAst());
      const enArgs = argumentsOf(
        new IntlMessageFormat(CATALOGUES.en[k], 'en', undefined, { ignoreTag: true }).getAst(),
      );
      assert.deepEqual([...args.keys()].sort(), [...enArgs.keys()].sort(), `${l} ${k}: the same arguments as English`);
      for (const n of [0, 1, 2, 3, 5, 11, 21, 100])
        assert.doesNotThrow(() => f.format(sampleFor(args, n)), `${l} ${k} n=${n}`);
      assert.doesNotMatch(msg, /\uFFFD/, `${l} ${k} has no replacement characters`);
    }
  }
});

test('translated catalogues are translated, not copies of English', () => {
  for (const l of LOCALES.filter((x) => x !== 'en')) {
    const same = Object.keys(CATALOGUES.en).filter(
      (k) => CATALOGUES[l][k] === CATALOGUES.en[k] && /[a-z]{4,}/.test(CATALOGUES.en[k]),
    );
    // Some words are the same in French or Spanish ("Description", "Format"); a catalogue left in English is not.
    const limit = Math.ceil(Object.keys(CATALOGUES.en).length * 0.03);
    assert.ok(
      same.length <= limit,
      `${l}: ${same.length} messages identical to English (limit ${limit}): ${same.slice(0, 20).join(', ')}`,
    );
  }
});

test('Arabic and Russian plural forms are used', () => {
  assert.notEqual(translate('ar', 'audit.chainOk', { count: 2 }), translate('ar', 'audit.chainOk', { count: 5 }));
  assert.notEqual(translate('ru', 'audit.chainOk', { count: 2 }), translate('ru', 'audit.chainOk', { count: 5 }));
});

test('Accept-Language negotiation', () => {
  assert.equal(fromAcceptLanguage('zh-CN,zh;q=0.9'), 'zh');
  assert.equal(fromAcceptLanguage('de-DE, fr;q=0.4, ar;q=0.8'), 'ar');
  assert.equal(fromAcceptLanguage('de'), undefined);
  assert.equal(fromAcceptLanguage(''), undefined);
});

test(
  'every message key used in src/ is in the English catalogue ' + '(template prefixes start at least one key)',
  async () => {
    const { missingMessageKeys } = await import('../scripts/i18n-missing.ts');
    assert.deepEqual(missingMessageKeys(), []);
  },
);
