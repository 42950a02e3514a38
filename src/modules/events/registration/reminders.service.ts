// Reminder e-mails: accepted participants of published events starting within the next N days get one reminder each,
// in their language, with the meeting link for online attendance. Idempotent: registrations are claimed by setting
// reminder_sent_at in the same transaction that queues the e-mail (FOR UPDATE SKIP LOCKED, so concurrent runs — two
// processes, a cron job and a manual run — never send twice).
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { queueMail } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { eventRegistrations, events } from '../events.schema.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { formatRange } from '../shared/time.ts';

export interface ReminderRun {
  days: number;
  now?: Date;
  batch?: number;
}

/** Queues the due reminders; returns how many were queued. */
export async function sendReminders(db: Db, config: Config, run: ReminderRun): Promise<number> {
  if (!Number.isInteger(run.days) || run.days < 1 || run.days > 60)
    throw new RangeError('days must be a whole number from 1 to 60');
  const now = run.now ?? new Date();
  const until = new Date(now.getTime() + run.days * 86400_000);
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select({ r: eventRegistrations, e: events })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(
          and(
            eq(eventRegistrations.status, 'accepted'),
            isNull(eventRegistrations.reminderSentAt),
            eq(events.status, 'published'),
            gt(events.startsAt, now),
            lte(events.startsAt, until),
          ),
        )
        .orderBy(eventRegistrations.id)
        .limit(run.batch ?? 200)
        .for('update', { of: eventRegistrations, skipLocked: true });
      for (const { r, e } of due) {
        await tx.update(eventRegistrations).set({ reminderSentAt: now }).where(eq(eventRegistrations.id, r.id));
        const locale = r.locale;
        const paragraphs = [{ key: 'events.mail.reminder.body' }, { key: 'events.mail.when' }];
        const online = e.format === 'virtual' || (e.format === 'hybrid' && r.attendance === 'virtual');
        if (online && e.meetingUrl)
          paragraphs.push({ key: 'events.mail.meetingLink', values: { link: e.meetingUrl } } as never);
        if (!online && e.venue)
          paragraphs.push({ key: 'events.mail.reminder.venue', values: { venue: e.venue } } as never);
        const mail = renderEmail(locale, r.fullName, {
          subjectKey: 'events.mail.reminder.subject',
          paragraphs,
          action: { labelKey: 'events.mail.view', url: `${config.baseUrl}/events/${e.slug}` },
          values: {
            title: text(e.title, locale),
            when: formatRange(locale, e.startsAt, e.endsAt, e.timeZone),
            days: run.days,
          },
        });
        await queueMail(tx, { to: r.email, locale, kind: 'event_reminder', ...mail }, !!config.smtpUrl);
      }
      if (due.length)
        await recordAudit(tx, {
          action: 'event.reminders.sent',
          actor: { id: null, label: 'ctcp send-reminders' },
          targetType: 'event',
          targetId: due[0].e.id,
          details: { count: due.length, days: run.days },
        });
      return due.length;
    });
    total += n;
    if (n < (run.batch ?? 200)) break;
  }
  return total;
}

/** Reminders still to send for an event (for the organizers' page and tests). */
export const pendingReminders = async (db: Db, eventId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          eq(eventRegistrations.status, 'accepted'),
          isNull(eventRegistrations.reminderSentAt),
        ),
      )
  )[0].n;
