// E-mails to registrants when an event changes after they registered. The event's SEQUENCE is raised by the database
// on every change of its time, place (venue, link, format) or status (trigger events_sequence, migration 0021); when
// a change raised it, accepted participants get an update in their language with the new .ics (METHOD:REQUEST, same
// UID, the new SEQUENCE), and a cancellation reaches accepted, pending and waitlisted registrants (accepted ones with
// a METHOD:CANCEL .ics). Each (event, version, registration) is claimed by one conditional INSERT … ON CONFLICT DO
// NOTHING on event_update_mails in the transaction of the change: once per registrant and version, even when two
// changes or two processes race.
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { queueMail } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import { mailbox } from '../../../platform/calendar/ical.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';
import { eventRegistrations, eventUpdateMails, type RegistrationStatus } from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import { eventsIcs } from '../shared/ical.ts';
import { formatRange } from '../shared/time.ts';

/**
 * Sends the change of `before` into `after` (the row as the UPDATE returned it, in the same transaction) to the
 * registrants; returns the number of e-mails queued. Nothing for a draft, a past event or a change that left the
 * SEQUENCE as it was.
 */
export async function mailEventChange(tx: Tx, config: Config, before: EventRow, after: EventRow): Promise<number> {
  if (after.sequence <= before.sequence) return 0;
  if (after.status === 'draft' || before.status === 'draft') return 0;
  if (after.status === 'cancelled' && before.status === 'cancelled') return 0;
  if (after.endsAt.getTime() <= Date.now()) return 0;
  const cancelled = after.status === 'cancelled';
  const statuses: RegistrationStatus[] = cancelled ? ['accepted', 'pending', 'waitlisted'] : ['accepted'];
  const regs = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, after.id), inArray(eventRegistrations.status, statuses)))
    .orderBy(eventRegistrations.id);
  const organizer = mailbox(config.mailFrom);
  const url = `${config.baseUrl}/events/${after.slug}`;
  let sent = 0;
  for (const r of regs) {
    const claimed = await tx
      .insert(eventUpdateMails)
      .values({ eventId: after.id, sequence: after.sequence, registrationId: r.id })
      .onConflictDoNothing()
      .returning({ s: eventUpdateMails.sequence });
    if (!claimed.length) continue;
    const locale = r.locale;
    const title = text(after.title, locale) || after.slug;
    const when = formatRange(locale, after.startsAt, after.endsAt, after.timeZone);
    const accepted = r.status === 'accepted';
    const online = after.format === 'virtual' || (after.format === 'hybrid' && r.attendance === 'virtual');
    const paragraphs: { key: string; values?: Record<string, string> }[] = cancelled
      ? [{ key: 'events.mail.eventCancelled.body' }, { key: 'events.mail.when' }]
      : [{ key: 'events.mail.update.body' }, { key: 'events.mail.when' }];
    if (!cancelled) {
      if (after.venue && !online)
        paragraphs.push({ key: 'events.mail.reminder.venue', values: { venue: after.venue } });
      if (after.meetingUrl && after.format !== 'in_person')
        paragraphs.push({ key: 'events.mail.meetingLink', values: { link: after.meetingUrl } });
      paragraphs.push({ key: 'events.mail.update.calendar' });
    } else if (accepted) paragraphs.push({ key: 'events.mail.eventCancelled.calendar' });
    const mail = renderEmail(locale, r.fullName, {
      subjectKey: cancelled ? 'events.mail.eventCancelled.subject' : 'events.mail.update.subject',
      paragraphs,
      action: { labelKey: 'events.mail.view', url },
      values: { title, when },
    });
    const method = cancelled ? 'cancel' : 'request';
    const attachments = accepted
      ? [
          {
            filename: `${after.slug}.ics`,
            contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}`,
            content: eventsIcs([after], {
              name: title,
              locale,
              baseUrl: config.baseUrl,
              meetingUrl: !cancelled && after.format !== 'in_person' ? after.meetingUrl : null,
              method,
              organizer,
              attendee: { name: r.fullName, email: r.email },
            }),
          },
        ]
      : [];
    await queueMail(
      tx,
      {
        to: r.email,
        locale,
        kind: cancelled ? 'event_called_off' : 'event_update',
        ...mail,
        attachments,
      },
      !!config.smtpUrl,
    );
    sent++;
  }
  return sent;
}
