import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANONYMOUS,
  authorize as authorizeAction,
  can as canAction,
  registerPolicy,
  type Action,
  type UserActor,
} from './policy.ts';
import { cleared, requiresMfa } from './classification.ts';
import { AppError } from '../http/errors.ts';

const actor = (over: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId: 'u',
  email: 'e',
  name: 'n',
  role: 'observer',
  personId: null,
  orgIds: [],
  focalOrgIds: [],
  mfa: false,
  via: 'session',
  scopes: [],
  ...over,
});

// The unit actions below are declared by no module: the test calls the engine with plain strings.
const can = (a: Parameters<typeof canAction>[0], action: string, r?: unknown) => canAction(a, action as Action, r);
const authorize = (a: Parameters<typeof canAction>[0], action: string, r?: unknown, o?: { hide?: boolean }) =>
  authorizeAction(a, action as Action, r, o);

registerPolicy({
  'unit.thing.read': [{ roles: '*' }],
  'unit.thing.update': [{ roles: ['coordinator'], when: (a, r: { orgId: string }) => a.orgIds.includes(r.orgId) }],
});

test('no rule for an action means deny, and authorize says permission_not_set', () => {
  assert.equal(can(actor({ role: 'platform_admin' }), 'unit.unknown'), false);
  assert.throws(
    () => authorize(actor({ role: 'platform_admin' }), 'unit.unknown'),
    (e: AppError) => e.code === 'permission_not_set' && e.status === 403,
  );
});

test('anonymous actors are denied every action with 401', () => {
  assert.equal(can(ANONYMOUS, 'unit.thing.read'), false);
  assert.throws(
    () => authorize(ANONYMOUS, 'unit.thing.read'),
    (e: AppError) => e.status === 401,
  );
});

test('role and condition both apply; hide turns 403 into 404', () => {
  const c = actor({ role: 'coordinator', orgIds: ['a'] });
  assert.equal(can(c, 'unit.thing.update', { orgId: 'a' }), true);
  assert.equal(can(c, 'unit.thing.update', { orgId: 'b' }), false);
  assert.equal(can(actor(), 'unit.thing.update', { orgId: 'a' }), false);
  assert.throws(
    () => authorize(c, 'unit.thing.update', { orgId: 'b' }, { hide: true }),
    (e: AppError) => e.status === 404,
  );
});

test('read-scoped API tokens cannot perform writes', () => {
  const t = actor({ role: 'coordinator', orgIds: ['a'], via: 'token', scopes: ['read'] });
  assert.equal(can(t, 'unit.thing.read'), true);
  assert.equal(can(t, 'unit.thing.update', { orgId: 'a' }), false);
  assert.equal(can({ ...t, scopes: ['write'] }, 'unit.thing.update', { orgId: 'a' }), true);
});

test('classification: clearance ceilings and the second factor for confidential material', () => {
  assert.equal(cleared(ANONYMOUS, 'public'), true);
  assert.equal(cleared(ANONYMOUS, 'internal'), false);
  assert.equal(cleared(actor(), 'internal'), true);
  assert.equal(cleared(actor(), 'confidential'), false);
  assert.equal(cleared(actor({ role: 'analyst' }), 'strictly_confidential'), false, 'no second factor');
  assert.equal(cleared(actor({ role: 'analyst', mfa: true }), 'strictly_confidential'), true);
  assert.equal(cleared(actor({ role: 'coordinator', mfa: true }), 'strictly_confidential'), false);
  assert.equal(requiresMfa('observer'), false);
  assert.equal(requiresMfa('member_state_focal_point'), true);
});
