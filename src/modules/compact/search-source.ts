// What the search box finds in the Compact (platform/modules/search-sources.ts): minutes (every version, by summary,
// discussion and outcome in each language) and decisions (symbol and text), under the body's one rule,
// bodyVisibleSql — the meeting's body for minutes, the decision's body for decisions.
import { eq, inArray, sql } from 'drizzle-orm';
import type { SearchSource } from '../../platform/modules/search-sources.ts';
import { languageVersions } from '../../platform/modules/search-sources.ts';
import type { TranslatableText } from '../../platform/i18n/text.ts';
import { compactDecisions } from './register/register.schema.ts';
import { meetingMinutes, meetings } from './meetings/meetings.schema.ts';
import { bodyVisibleSql } from './structure/structure.service.ts';

const firstLine = (s: string) => {
  const line = s.split('\n')[0].trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

const minutesSource: SearchSource = {
  kind: 'minutes',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: meetingMinutes.id,
        meetingId: meetingMinutes.meetingId,
        summary: meetingMinutes.summary,
        items: meetingMinutes.items,
        title: meetings.title,
        startsAt: meetings.startsAt,
      })
      .from(meetingMinutes)
      .innerJoin(meetings, eq(meetings.id, meetingMinutes.meetingId))
      .where(ids ? inArray(meetingMinutes.id, ids) : undefined);
    return rows.flatMap((m) => {
      const parts: TranslatableText[] = [m.summary];
      for (const item of Object.values(m.items ?? {})) {
        if (item.discussion) parts.push(item.discussion);
        if (item.outcome) parts.push(item.outcome);
      }
      return languageVersions(m.title, parts).map((v) => ({
        subjectId: m.id,
        ...v,
        date: m.startsAt.toISOString().slice(0, 10),
        pillars: [],
        url: `/compact/meetings/${m.meetingId}#minutes`,
      }));
    });
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select mm.id from meeting_minutes mm inner join meetings mt on mt.id = mm.meeting_id
      where ${bodyVisibleSql(actor, sql`mt.body_id`)})`,
};

const decisionSource: SearchSource = {
  kind: 'decision',
  async passages(db, ids) {
    const rows = await db
      .select({
        id: compactDecisions.id,
        symbol: compactDecisions.symbol,
        text: compactDecisions.text,
        decidedOn: compactDecisions.decidedOn,
      })
      .from(compactDecisions)
      .where(ids ? inArray(compactDecisions.id, ids) : undefined);
    return rows.flatMap((d) =>
      languageVersions(null, [d.text]).map((v) => ({
        subjectId: d.id,
        language: v.language,
        title: `${d.symbol} ${firstLine(v.body)}`,
        body: v.body,
        date: d.decidedOn,
        pillars: [],
        url: `/compact/register/decisions/${d.id}`,
      })),
    );
  },
  visibleSql: (actor, idColumn) =>
    sql`${idColumn} in (select cd.id from compact_decisions cd where ${bodyVisibleSql(actor, sql`cd.body_id`)})`,
};

export const compactSearchSources: SearchSource[] = [minutesSource, decisionSource];
