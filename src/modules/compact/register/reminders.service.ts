// Reminders of the register's actions: N days before the due date (ACTION_REMINDER_DAYS, default 7) and once overdue,
// in-app and by e-mail in the recipient's language, through notifyAndMail with dedupe keys
// (`action:<id>:due-soon:<userId>`, `action:<id>:overdue:<userId>`): each is created once, whichever of several runs
// or processes inserts it first — the loser of the race creates nothing and queues no e-mail. Run by
// `ctcp action-reminders` (cron); no in-process timer. Recipients: the owner person's account, else the owner
// entity's focal points. Done or dropped actions resolve their notifications (register.service.ts).
import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../platform/db/client.ts';
import { isLocale, type Locale } from '../../../platform/i18n/index.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import { notifyAndMail } from '../../../platform/notify/notify.service.ts';
import { accountsOfPeople, focalPointRecipients, type Recipient } from '../../directory/index.ts';
import { compactActions } from './register.schema.ts';
import { dayOf, overdueSql } from './register.service.ts';

export interface ActionReminderRun {
  dueSoon: number;
  overdue: number;
  /** Notifications created by this run (each with its e-mail when the account is active). */
  notified: number;
  mailed: number;
}

const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

async function recipientsOf(db: Db, a: { ownerPersonId: string | null; ownerOrgId: string | null }) {
  let r: Recipient[] = a.ownerPersonId ? await accountsOfPeople(db, [a.ownerPersonId]) : [];
  if (!r.length && a.ownerOrgId) r = await focalPointRecipients(db, [a.ownerOrgId]);
  return [...new Map(r.map((x) => [x.userId, x])).values()];
}

/** Sends the due-soon and overdue reminders that are due at `now` (idempotent; safe to run concurrently). */
export async function sendActionReminders(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'smtpUrl' | 'actionReminderDays'>,
  now: Date = new Date(),
): Promise<ActionReminderRun> {
  const today = dayOf(now);
  const until = addDays(today, config.actionReminderDays);
  const open = inArray(compactActions.status, ['open', 'in_progress']);
  const rows = await db
    .select({
      id: compactActions.id,
      title: compactActions.title,
      dueOn: compactActions.dueOn,
      ownerOrgId: compactActions.ownerOrgId,
      ownerPersonId: compactActions.ownerPersonId,
      overdue: overdueSql(today),
    })
    .from(compactActions)
    .where(and(open, isNotNull(compactActions.dueOn), sql`${compactActions.dueOn} <= ${until}::date`))
    .orderBy(compactActions.dueOn, compactActions.id);
  const run: ActionReminderRun = { dueSoon: 0, overdue: 0, notified: 0, mailed: 0 };
  for (const a of rows) {
    const which = a.overdue ? 'overdue' : 'due-soon';
    if (a.overdue) run.overdue++;
    else run.dueSoon++;
    for (const r of await recipientsOf(db, a)) {
      const locale: Locale = isLocale(r.locale) ? r.locale : 'en';
      await db.transaction(async (tx) => {
        const res = await notifyAndMail(tx, {
          userId: r.userId,
          kind: a.overdue ? 'action_overdue' : 'action_due_soon',
          messageKey: a.overdue ? 'register.reminder.overdue' : 'register.reminder.dueSoon',
          values: { title: textIn(a.title, locale), due: a.dueOn },
          url: `/compact/register/actions/${a.id}`,
          dedupeKey: `action:${a.id}:${which}:${r.userId}`,
          mail: {
            subjectKey: a.overdue ? 'register.reminder.overdueSubject' : 'register.reminder.dueSoonSubject',
            kind: a.overdue ? 'action_overdue' : 'action_due_soon',
            baseUrl: config.baseUrl,
            smtpConfigured: !!config.smtpUrl,
          },
        });
        if (res.created) run.notified++;
        if (res.mailed) run.mailed++;
      });
    }
  }
  return run;
}

/** An action's reminders are keyed under this prefix (resolveNotifications on done or dropped). */
export const actionReminderPrefix = (actionId: string) => `action:${actionId}`;
