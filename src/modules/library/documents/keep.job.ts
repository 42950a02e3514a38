// The library keeps the documents other modules cannot hand it themselves (briefing packs, kept-packs.ts): hourly,
// and within 30 s of a pack without its document (a cheap check). Safe to run twice and in parallel.
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { briefingPacksWaiting, keepBriefingPacks } from './kept-packs.ts';

export const libraryKeepJob = defineJob({
  name: 'library.keep',
  version: 1,
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: () => ({ cron: '0 * * * *', payload: {} }),
  wake: { everyMs: () => 30_000, payload: {}, due: async ({ db }) => briefingPacksWaiting(db) },
  handler: async (_p, { db, config }) => keepBriefingPacks(db, config),
});
