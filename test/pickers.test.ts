// The organization pickers of the event form list only the organizations the reader may see: a civil-society
// organization that chose not to be listed is absent for an entity focal point and present for a coordinator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, makeTestEnv, makeUser, type TestEnv, type TestUser } from './helper.ts';
import { postForm } from './events.helpers.ts';

let env: TestEnv;
before(async () => {
  env = await makeTestEnv();
});
after(async () => {
  await env?.close();
});

const UNLISTED = 'Victims of Terrorism Support Alliance';
const LISTED = 'Coastal Peacebuilders Network';

test(`the event form's pickers leave out unlisted CSOs for those who may not see them (${dbLabel()})`, async () => {
  const entity = await makeUser(env, 'entity_focal_point', { orgSlug: 'unodc', focalPoint: true });
  const coordinator = await makeUser(env, 'coordinator', { orgSlug: 'unoct' });
  // The organizers' step of the new-event form.
  const step = (u: TestUser) => postForm(env, u.agent, '/events/new', { _step: 'basics', _go: 'step-organizers' });
  const forEntity = await step(entity);
  assert.equal(forEntity.statusCode, 200);
  assert.ok(forEntity.body.includes(LISTED), 'a listed CSO is offered');
  assert.ok(!forEntity.body.includes(UNLISTED), 'an unlisted CSO is not offered to an entity focal point');
  const forCoordinator = await step(coordinator);
  assert.equal(forCoordinator.statusCode, 200);
  assert.ok(forCoordinator.body.includes(UNLISTED), 'a coordinator sees every organization');
});
