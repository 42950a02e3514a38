import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError, trustProxyOption } from './config.ts';

test('development defaults: port 3000 on 127.0.0.1, embedded database', () => {
  const c = loadConfig({}, {});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
});

test('production refuses to start without a session secret or DATABASE_URL', () => {
  assert.throws(() => loadConfig({}, { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }), ConfigError);
  assert.throws(() => loadConfig({}, { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) }), ConfigError);
  const prod = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://x/y' };
  assert.throws(() => loadConfig({}, prod), /AUDIT_KEY/, 'production requires an audit key');
  assert.throws(() => loadConfig({}, { ...prod, AUDIT_KEY: 's'.repeat(40) }), /differ/, 'not the session secret');
  assert.throws(() => loadConfig({}, { ...prod, AUDIT_KEY: 'short' }), ConfigError, 'at least 32 characters');
  const ok = loadConfig({}, { ...prod, AUDIT_KEY: 'a'.repeat(40), AUDIT_KEY_PREVIOUS: ` ${'b'.repeat(40)}, ` });
  assert.equal(ok.demo, false);
  assert.deepEqual(ok.auditKeyPrevious, ['b'.repeat(40)], 'previous audit keys: comma-separated, trimmed');
});

test('bad numbers are refused', () => {
  assert.throws(() => loadConfig({}, { PORT: 'eighty' }), ConfigError);
  assert.throws(() => loadConfig({}, { PORT: '70000' }), ConfigError);
});

test('TRUST_PROXY: off by default, a hop count or addresses, never every peer', () => {
  assert.equal(loadConfig({}, {}).trustProxy, '');
  assert.equal(trustProxyOption(''), false);
  const hops = trustProxyOption('1') as (addr: string, hop: number) => boolean;
  assert.equal(hops('10.0.0.1', 0), true);
  assert.equal(hops('203.0.113.9', 1), false, 'only the nearest proxy is believed');
  assert.deepEqual(trustProxyOption('10.0.0.5, 10.1.0.0/16'), ['10.0.0.5', '10.1.0.0/16']);
  assert.throws(() => loadConfig({}, { TRUST_PROXY: 'true' }), /cannot trust every peer/);
  assert.throws(() => loadConfig({}, { TRUST_PROXY: 'proxy.example.org' }), ConfigError);
});
