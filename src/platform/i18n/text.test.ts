import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldError } from '../http/errors.ts';
import { pick, textFromApi, textFromForm, textFormValues, type TranslatableText } from './text.ts';

const stored: TranslatableText = {
  en: { text: 'Border security', status: 'original' },
  fr: { text: 'Sécurité des frontières', status: 'reviewed' },
};

test('a form that shows one language keeps the others unchanged', () => {
  const fields: FieldError[] = [];
  const out = textFromForm({ title_en: 'Border security' }, 'title', fields, { maxLength: 300, previous: stored });
  assert.deepEqual(fields, []);
  assert.deepEqual(out, stored);
});

test('the unchanged form of every language saves back the same value', () => {
  const fields: FieldError[] = [];
  const out = textFromForm(textFormValues('title', stored), 'title', fields, { maxLength: 300, previous: stored });
  assert.deepEqual(fields, []);
  assert.deepEqual(out, stored);
});

test('an emptied language shown in the form is removed; one alone becomes the original', () => {
  const fields: FieldError[] = [];
  const out = textFromForm({ title_en: '', title_fr: 'Frontières' }, 'title', fields, {
    maxLength: 300,
    previous: stored,
  });
  assert.deepEqual(fields, []);
  assert.deepEqual(out, { fr: { text: 'Frontières', status: 'original' } });
});

test('a new language without a status is a draft; text is NFC and trimmed', () => {
  const fields: FieldError[] = [];
  const out = textFromForm({ title_es: '  Seguridad fronteriza e\u0301  ' }, 'title', fields, {
    maxLength: 300,
    previous: stored,
  });
  assert.deepEqual(fields, []);
  assert.deepEqual(out.es, { text: 'Seguridad fronteriza \u00e9', status: 'draft' });
  assert.deepEqual(out.en, stored.en);
});

test('checks: required, length, one original', () => {
  let fields: FieldError[] = [];
  textFromForm({ title_en: '' }, 'title', fields, { maxLength: 300, required: true });
  assert.deepEqual(
    fields.map((f) => f.messageKey),
    ['text.errors.oneLanguage'],
  );
  fields = [];
  textFromForm({ title_en: 'x'.repeat(11) }, 'title', fields, { maxLength: 10 });
  assert.equal(fields[0].messageKey, 'validation.maxLength');
  fields = [];
  textFromForm(
    { title_en: 'a', title_en_status: 'original', title_fr: 'b', title_fr_status: 'original' },
    'title',
    fields,
    { maxLength: 10 },
  );
  assert.deepEqual(
    fields.map((f) => f.field),
    ['title_fr_status'],
  );
  fields = [];
  textFromApi({ en: { text: 'a', status: 'draft' }, fr: { text: 'b', status: 'draft' } }, 'title', fields, {
    maxLength: 10,
  });
  assert.deepEqual(
    fields.map((f) => f.messageKey),
    ['text.errors.noOriginal'],
  );
});

test('the reader gets their language, else the original with a fallback flag', () => {
  assert.deepEqual(pick(stored, 'fr'), {
    text: 'Sécurité des frontières',
    lang: 'fr',
    fallback: false,
    status: 'reviewed',
  });
  assert.deepEqual(pick(stored, 'ar'), { text: 'Border security', lang: 'en', fallback: true, status: 'original' });
  assert.equal(pick({}, 'en'), null);
});
