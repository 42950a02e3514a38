// The search module's job: the whole index rebuilt from every owner's records, nightly at 03:30 UTC. The owners
// index what they change in their own transactions (reindexSearch); the rebuild catches what was changed outside
// them (a bulk load, SQL by hand) and drops what a deletion left behind. Readers never depend on it for their
// rights: those are the owners' live rules, joined at query time.
import { Type } from 'typebox';
import { defineJob } from '../../platform/jobs/jobs.types.ts';
import { rebuildSearchIndex } from './search.service.ts';

export const searchRebuildJob = defineJob({
  name: 'search.rebuild',
  version: 1,
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: () => ({ cron: '30 3 * * *', payload: {} }),
  expireSeconds: 3600,
  handler: async (_p, { db }) => rebuildSearchIndex(db),
});
