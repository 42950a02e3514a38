import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

test('password rules: length, common passwords, personal data; 64+ characters accepted', () => {
  assert.equal(passwordProblem('short'), 'password.tooShort');
  assert.equal(passwordProblem('password1234'), 'password.common');
  assert.equal(passwordProblem('aaaaaaaaaaaaaaa'), 'password.common');
  assert.equal(passwordProblem('mei.lin.is.my.password.2026', ['mei.lin']), 'password.personal');
  assert.equal(
    passwordProblem('a'.repeat(3) + ' long unusual passphrase with many words in it that goes past sixty-four chars'),
    null,
  );
  assert.equal(passwordProblem('x'.repeat(129)), 'password.tooLong');
  assert.equal(passwordProblem('كلمة مرور طويلة وآمنة ٢٠٢٦'), null);
});

test('argon2id hashes verify, and an unknown account verifies false', async () => {
  const h = await hashPassword('correct horse battery staple');
  assert.match(h, /^\$argon2id\$/);
  assert.equal(await verifyPassword(h, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(h, 'wrong horse battery staple'), false);
  assert.equal(await verifyPassword(null, 'anything at all here'), false);
});
