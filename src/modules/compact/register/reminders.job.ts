// The compact module's job: reminders to the owners of the register's actions due soon or overdue, daily at 06:00
// UTC (what `ctcp action-reminders` does once; each reminder is sent once, ever, whoever runs it).
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { sendActionReminders } from './reminders.service.ts';

export const actionRemindersJob = defineJob({
  name: 'compact.action-reminders',
  version: 1,
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: () => ({ cron: '0 6 * * *', payload: {} }),
  handler: async (_p, { db, config }) => sendActionReminders(db, config),
});
