// The job that reads the text of new library revisions (extract.service.ts): woken within seconds of an upload by a
// cheap check for pending texts (like the mail job), and every ten minutes besides. Safe to run twice and in
// parallel: each file is taken under a lease. A file that cannot be read is its outcome; a store that cannot give a
// file fails the run, retried as every job is.
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { extractionDue, extractPending } from './extract.service.ts';

export const libraryExtractJob = defineJob({
  name: 'library.extract',
  version: 1,
  // How many files one run takes at most (each within the extraction's time limit).
  payload: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }),
  schedule: () => ({ cron: '*/10 * * * *', payload: { limit: 100 } }),
  wake: { everyMs: () => 5000, payload: { limit: 100 }, due: async ({ db }) => extractionDue(db) },
  expireSeconds: 3 * 3600,
  handler: async ({ limit }, { db, config, log }) => extractPending(db, config, { limit, log }),
});
