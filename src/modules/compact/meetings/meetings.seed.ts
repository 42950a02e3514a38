// Demo meetings (`demo: true` seeds only): fictional records of the Coordination Committee and the monthly heads'
// meeting, each flagged is_demo ("Demo record" on the pages), with agendas and one adopted set of minutes.
import { localTime, zonedTime } from '../../../platform/i18n/time.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import { compactBodies } from '../compact.schema.ts';
import { minutesSha256 } from '../minutes/minutes.service.ts';
import { agendaItems, meetingMinutes, meetings, type AgendaType } from './meetings.schema.ts';

const t = (en: string, fr: string): TranslatableText => ({
  en: { text: en, status: 'original' },
  fr: { text: fr, status: 'draft' },
});

/** A local time some days from today at hh:00 in New York. */
const at = (days: number, hh: number) => {
  const day = localTime(new Date(Date.now() + days * 86400_000), 'America/New_York').slice(0, 10);
  return zonedTime(`${day}T${String(hh).padStart(2, '0')}:00`, 'America/New_York')!;
};

export async function seedDemoMeetings(db: Db): Promise<number> {
  const [done] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.isDemo, true)).limit(1);
  if (done) return 0;
  const bodies = new Map(
    (await db.select({ id: compactBodies.id, slug: compactBodies.slug }).from(compactBodies)).map((b) => [
      b.slug,
      b.id,
    ]),
  );
  const cc = bodies.get('coordination-committee');
  const heads = bodies.get('heads-meeting');
  if (!cc || !heads) return 0;
  const plan: {
    body: string;
    kind: 'coordination_committee' | 'heads_coordination';
    title: TranslatableText;
    days: number;
    items: [AgendaType, string, string][];
    adopted?: boolean;
  }[] = [
    {
      body: cc,
      kind: 'coordination_committee',
      title: t(
        'Coordination Committee — demo meeting (fictional)',
        'Comité de coordination — réunion de démonstration (fictive)',
      ),
      days: -30,
      items: [
        ['information', 'Update from the Chair (fictional)', 'Informations de la présidence (fictif)'],
        ['decision', 'Work plan of the working groups (fictional)', 'Plan de travail des groupes (fictif)'],
      ],
      adopted: true,
    },
    {
      body: cc,
      kind: 'coordination_committee',
      title: t(
        'Coordination Committee — next demo meeting (fictional)',
        'Comité de coordination — prochaine réunion de démonstration (fictive)',
      ),
      days: 21,
      items: [
        ['review_of_actions', 'Follow-up of earlier decisions (fictional)', 'Suivi des décisions antérieures (fictif)'],
        [
          'discussion',
          'Preparation of the review conference (fictional)',
          "Préparation de la conférence d'examen (fictif)",
        ],
      ],
    },
    ...[-3, 28, 56].map((days) => ({
      body: heads,
      kind: 'heads_coordination' as const,
      title: t(
        'Monthly meeting of the heads of UNOCT and CTED — demo (fictional)',
        'Réunion mensuelle des chefs du BLT et de la DECT — démonstration (fictive)',
      ),
      days,
      items: [['discussion', 'Joint priorities (fictional)', 'Priorités communes (fictif)']] as [
        AgendaType,
        string,
        string,
      ][],
    })),
  ];
  let n = 0;
  for (const p of plan) {
    const [m] = await db
      .insert(meetings)
      .values({
        bodyId: p.body,
        kind: p.kind,
        title: p.title,
        timeZone: 'America/New_York',
        startsAt: at(p.days, 10),
        endsAt: at(p.days, 12),
        format: 'hybrid',
        venue: 'UN Headquarters, New York (demo)',
        meetingLink: 'https://meet.example.org/demo',
        isDemo: true,
      })
      .returning({ id: meetings.id });
    const ids: string[] = [];
    for (const [i, [type, en, fr]] of p.items.entries()) {
      const [it] = await db
        .insert(agendaItems)
        .values({ meetingId: m.id, position: i + 1, type, title: t(en, fr), durationMinutes: 30 })
        .returning({ id: agendaItems.id });
      ids.push(it.id);
    }
    if (p.adopted) {
      const text = {
        meetingId: m.id,
        version: 1,
        summary: t(
          'The Committee met (a fictional demo record).',
          "Le Comité s'est réuni (donnée de démonstration fictive).",
        ),
        items: Object.fromEntries(ids.map((id) => [id, { outcome: t('Noted (fictional).', 'Pris note (fictif).') }])),
      };
      await db.insert(meetingMinutes).values({
        ...text,
        status: 'adopted',
        sha256: minutesSha256(text),
        adoptedAt: sql`now()`,
        isDemo: true,
      });
    }
    n++;
  }
  return n;
}
