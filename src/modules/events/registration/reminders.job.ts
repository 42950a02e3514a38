// The events module's job: reminder e-mails to accepted participants of events starting soon, every 15 minutes
// (what `ctcp send-reminders` does once; each registration is reminded once, ever, whoever runs it).
import { Type } from 'typebox';
import { defineJob } from '../../../platform/jobs/jobs.types.ts';
import { sendReminders } from './reminders.service.ts';

export const remindersJob = defineJob({
  name: 'events.reminders',
  version: 1,
  payload: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 60 }) }, { additionalProperties: false }),
  schedule: () => ({ cron: '*/15 * * * *', payload: { days: 2 } }),
  handler: async ({ days }, { db, config }) => ({ queued: await sendReminders(db, config, { days }) }),
});
