// The Joint Programme's outputs as link targets (platform/modules/link-targets.ts): an action serves an output; its
// pillars are its owner bodies'.
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { isUser } from '../../../platform/auth/policy.ts';
import { isUuid, matchesText } from '../../../platform/db/sql.ts';
import type { LinkTarget } from '../../../platform/modules/link-targets.ts';
import { textIn } from '../../../platform/i18n/text.ts';
import { compactOutputs } from '../compact.schema.ts';

export const outputLinkTarget: LinkTarget = {
  kind: 'output',
  async labels(db, ids, locale, actor) {
    const ok = ids.filter(isUuid);
    if (!ok.length || !isUser(actor)) return new Map();
    const rows = await db
      .select({ id: compactOutputs.id, code: compactOutputs.code, title: compactOutputs.title })
      .from(compactOutputs)
      .where(inArray(compactOutputs.id, ok));
    return new Map(rows.map((r) => [r.id, { label: `${r.code} — ${textIn(r.title, locale)}`, url: null }]));
  },
  async search({ db, actor, locale }, q, limit) {
    if (!isUser(actor)) return [];
    const rows = await db
      .select({ id: compactOutputs.id, code: compactOutputs.code, title: compactOutputs.title })
      .from(compactOutputs)
      .where(
        isUuid(q)
          ? eq(compactOutputs.id, q)
          : or(matchesText(compactOutputs.title, q), matchesText(compactOutputs.code, q, 'text')),
      )
      .orderBy(asc(compactOutputs.sortOrder), asc(compactOutputs.code))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, label: `${r.code} — ${textIn(r.title, locale)}`, url: null }));
  },
  pillarSql: (idColumn, pillar) =>
    sql`exists (select 1 from compact_output_owners oo join compact_bodies ob on ob.id = oo.body_id
      where oo.output_id = ${idColumn} and ${pillar} = any(ob.pillars))`,
};
