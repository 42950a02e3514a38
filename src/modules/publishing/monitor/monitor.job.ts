// The publishing monitor, every 5 minutes: every published item re-derived, hashed, checked and rendered; a mismatch
// withdraws it (safe to run twice or in parallel: the withdrawal is one conditional UPDATE, the e-mails deduplicated).
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { runMonitor } from './monitor.service.ts';

export const monitorJob = defineJob({
  name: 'publishing.monitor',
  version: 1,
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: () => ({ cron: '*/5 * * * *', payload: {} }),
  handler: async (_p, { db, config }) => runMonitor(db, config),
});
