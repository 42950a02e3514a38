import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from './config.ts';

test('development defaults: port 3000 on 127.0.0.1, embedded database', () => {
  const c = loadConfig({}, {});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
});

test('production refuses to start without a session secret or DATABASE_URL', () => {
  assert.throws(() => loadConfig({}, { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }), ConfigError);
  assert.throws(() => loadConfig({}, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) }), ConfigError);
  const ok = loadConfig({}, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://x/y' });
  assert.equal(ok.demo, false);
});

test('bad numbers are refused', () => {
  assert.throws(() => loadConfig({}, { PORT: 'eighty' }), ConfigError);
  assert.throws(() => loadConfig({}, { PORT: '70000' }), ConfigError);
});
