// The registrant's e-mails (confirmation, waiting list, decision, cancellation, promotion) in their language; the
// .ics with the meeting link goes with confirmations.
import type { Config } from '../../../config.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { queueMail, type MailMessage } from '../../../platform/mail/mailer.ts';
import { renderEmail } from '../../../platform/mail/template.tsx';
import type { eventRegistrations, RegistrationStatus } from '../events.schema.ts';
import type { EventRow } from '../shared/events.service.ts';
import { eventsIcs } from '../shared/ical.ts';
import { formatRange, sameZoneOffset } from '../shared/time.ts';
import { userContact } from '../../access/index.ts';
import { textIn as text } from '../../../platform/i18n/text.ts';

type Registration = typeof eventRegistrations.$inferSelect;

export type MailKind = 'accepted' | 'pending' | 'waitlisted' | 'declined' | 'cancelled' | 'promoted';

/** The registrant's e-mail in their language; the .ics (with the meeting link) goes with confirmations. */
export function registrationMail(
  config: Config,
  e: EventRow,
  r: Pick<Registration, 'locale' | 'fullName' | 'email'>,
  kind: MailKind | RegistrationStatus,
  viewerZone?: string,
): MailMessage {
  const locale = r.locale;
  const title = text(e.title, locale);
  const when = formatRange(locale, e.startsAt, e.endsAt, e.timeZone);
  const url = `${config.baseUrl}/events/${e.slug}`;
  const k =
    kind === 'waitlisted' || kind === 'pending' || kind === 'declined' || kind === 'cancelled' || kind === 'promoted'
      ? kind
      : 'accepted';
  const confirmed = k === 'accepted' || k === 'promoted';
  const paragraphs = [{ key: `events.mail.${k}.body` }, { key: 'events.mail.when' }];
  if (viewerZone && !sameZoneOffset(viewerZone, e.timeZone, e.startsAt))
    paragraphs.push({
      key: 'events.mail.whenLocal',
      values: { local: formatRange(locale, e.startsAt, e.endsAt, viewerZone), zone: viewerZone },
    } as never);
  if (confirmed && e.meetingUrl && e.format !== 'in_person')
    paragraphs.push({ key: 'events.mail.meetingLink', values: { link: e.meetingUrl } } as never);
  if (confirmed) paragraphs.push({ key: 'events.mail.calendar' });
  const mail = renderEmail(locale, r.fullName, {
    subjectKey: `events.mail.${k}.subject`,
    paragraphs,
    action: { labelKey: 'events.mail.view', url },
    values: { title, when },
  });
  const attachments = confirmed
    ? [
        {
          filename: `${e.slug}.ics`,
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: eventsIcs([e], {
            name: title,
            locale,
            baseUrl: config.baseUrl,
            meetingUrl: e.format !== 'in_person' ? e.meetingUrl : null,
          }),
        },
      ]
    : [];
  return { to: r.email, locale, kind: `event_${k}`, ...mail, attachments };
}

export async function mailRegistration(
  tx: Tx,
  config: Config,
  e: EventRow,
  r: Registration,
  kind: MailKind | RegistrationStatus,
  viewerZone?: string,
) {
  await queueMail(
    tx,
    registrationMail(config, e, r, kind, viewerZone ?? (await zoneOf(tx, r.userId))),
    !!config.smtpUrl,
  );
}

/** The registrant's own time zone, when they have an account and chose one (UTC by default is nobody's choice). */
export async function zoneOf(tx: Tx, userId: string | null): Promise<string | undefined> {
  const u = userId ? await userContact(tx, userId) : null;
  return u?.timeZoneConfirmed ? u.timeZone : undefined;
}
