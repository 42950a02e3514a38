// The administrator page's list: what the monitor or a publisher withdrew (and nothing has been published since), and
// what the administrator force-published, awaiting its second approval (overdue after 24 hours).
import { desc, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/auth/policy.ts';
import type { RequestContext } from '../../../platform/http/request-context.ts';
import { publishingRevisions } from '../publishing.schema.ts';
import { publicKind } from '../workflow/kinds.ts';
import { peopleNames, type Revision } from '../workflow/workflow.service.ts';

export type FlagKind = 'withdrawn' | 'awaiting' | 'overdue';

export interface Flag {
  flag: FlagKind;
  revision: Revision;
  title: string;
  publicUrl: string | null;
  manageUrl: string | null;
  /** The names of the people concerned (publisher, withdrawer), by id. */
  people: Map<string, string>;
}

export async function listFlags(ctx: Pick<RequestContext, 'db' | 'actor'>): Promise<Flag[]> {
  authorize(ctx.actor, 'publishing.monitor');
  const { db } = ctx;
  const later = sql`exists (select 1 from publishing_revisions p
    where p.subject_kind = ${publishingRevisions.subjectKind} and p.subject_id = ${publishingRevisions.subjectId}
    and p.number > ${publishingRevisions.number}
    and p.state in ('published', 'superseded'))`;
  const rows = await db
    .select()
    .from(publishingRevisions)
    .where(
      sql`(${publishingRevisions.state} = 'withdrawn' and not ${later}) or (${publishingRevisions.state} = 'published'
        and ${publishingRevisions.forced} and ${publishingRevisions.secondApproverId} is null)`,
    )
    .orderBy(desc(publishingRevisions.updatedAt));
  const people = await peopleNames(
    db,
    rows.flatMap((r) => [r.publishedBy, r.withdrawnBy]),
  );
  const urls = new Map<string, { title: string; public: string; manage: string }>();
  for (const kind of new Set(rows.map((r) => r.subjectKind))) {
    const k = publicKind(kind);
    if (!k) continue;
    const ids = rows.filter((r) => r.subjectKind === kind).map((r) => r.subjectId);
    for (const [id, u] of await k.urls(db, ids)) urls.set(`${kind}:${id}`, u);
  }
  const now = Date.now();
  return rows.map((r) => {
    const u = urls.get(`${r.subjectKind}:${r.subjectId}`);
    const flag: FlagKind =
      r.state === 'withdrawn'
        ? 'withdrawn'
        : r.forceDeadline && r.forceDeadline.getTime() < now
          ? 'overdue'
          : 'awaiting';
    return {
      flag,
      revision: r,
      title: u?.title ?? r.subjectId,
      publicUrl: u?.public ?? null,
      manageUrl: u?.manage ?? null,
      people,
    };
  });
}
