// Personal data of meetings: invitations with attendance (a person's presence) and comments on minutes (their text).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { DataSubject, ExportSections, PersonalData } from '../../../platform/privacy/privacy.types.ts';
import { meetingInvitees, meetings, minutesComments } from './meetings.schema.ts';

async function exportFor(db: Db, s: DataSubject): Promise<ExportSections> {
  const invitations = s.personId
    ? await db
        .select({
          meetingId: meetingInvitees.meetingId,
          startsAt: meetings.startsAt,
          attendance: meetingInvitees.attendance,
          locale: meetingInvitees.locale,
        })
        .from(meetingInvitees)
        .innerJoin(meetings, eq(meetings.id, meetingInvitees.meetingId))
        .where(eq(meetingInvitees.personId, s.personId))
    : [];
  const comments = s.userId
    ? await db
        .select({
          minutesId: minutesComments.minutesId,
          body: minutesComments.body,
          createdAt: minutesComments.createdAt,
        })
        .from(minutesComments)
        .where(eq(minutesComments.authorUserId, s.userId))
    : [];
  return { meetingInvitations: invitations, minutesComments: comments };
}

/** Comments: the author's name becomes the pseudonym and the text is removed; invitations lose the language kept. */
async function erase(tx: Tx, s: DataSubject): Promise<number> {
  let n = 0;
  if (s.userId) {
    const r = await tx
      .update(minutesComments)
      .set({ authorName: s.pseudonym, body: '', authorUserId: null })
      .where(eq(minutesComments.authorUserId, s.userId))
      .returning({ id: minutesComments.id });
    n += r.length;
  }
  if (s.personId) {
    const r = await tx
      .update(meetingInvitees)
      .set({ locale: null })
      .where(eq(meetingInvitees.personId, s.personId))
      .returning({ id: meetingInvitees.id });
    n += r.length;
  }
  return n;
}

export const meetingsPersonalData: PersonalData = { exportFor, erase };
