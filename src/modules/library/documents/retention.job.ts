// The library's retention: documents past their retention date are removed daily at 03:00 UTC, except those under
// legal hold (safe to run twice and in parallel: the rows are taken with SKIP LOCKED).
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { expireDocuments } from './documents.service.ts';

export const libraryRetentionJob = defineJob({
  name: 'library.retention',
  version: 1,
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: () => ({ cron: '0 3 * * *', payload: {} }),
  handler: async (_p, { db, config }) => ({ removed: await expireDocuments(db, config) }),
});
