// The Joint Programme of Work: its priorities and their outputs, each owned by one or more bodies.
import { asc, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { authorize, type Actor } from '../../../platform/auth/policy.ts';
import type { TranslatableText } from '../../../platform/i18n/text.ts';
import {
  compactOutputOwners,
  compactOutputs,
  compactPriorities,
  OUTPUT_STATUSES,
  type OutputStatus,
} from '../compact.schema.ts';

export { OUTPUT_STATUSES, type OutputStatus };

export interface ProgrammeOutput {
  id: string;
  code: string;
  title: TranslatableText;
  status: OutputStatus;
  isDemo: boolean;
  ownerBodyIds: string[];
}
export interface ProgrammePriority {
  id: string;
  code: string;
  period: string;
  title: TranslatableText;
  source: string | null;
  isDemo: boolean;
  outputs: ProgrammeOutput[];
}

/** Every priority with its outputs and their owner bodies (optionally only the outputs a body owns). */
export async function programme(
  ctx: { db: Db | Tx; actor: Actor },
  opts: { bodyId?: string } = {},
): Promise<ProgrammePriority[]> {
  authorize(ctx.actor, 'compact.read');
  const priorities = await ctx.db.select().from(compactPriorities).orderBy(asc(compactPriorities.sortOrder));
  const outputs = await ctx.db.select().from(compactOutputs).orderBy(asc(compactOutputs.sortOrder));
  const owners = outputs.length
    ? await ctx.db
        .select()
        .from(compactOutputOwners)
        .where(
          inArray(
            compactOutputOwners.outputId,
            outputs.map((o) => o.id),
          ),
        )
    : [];
  return priorities.map((p) => ({
    id: p.id,
    code: p.code,
    period: p.period,
    title: p.title,
    source: p.source,
    isDemo: p.isDemo,
    outputs: outputs
      .filter((o) => o.priorityId === p.id)
      .map((o) => ({
        id: o.id,
        code: o.code,
        title: o.title,
        status: o.status as OutputStatus,
        isDemo: o.isDemo,
        ownerBodyIds: owners.filter((w) => w.outputId === o.id).map((w) => w.bodyId),
      }))
      .filter((o) => !opts.bodyId || o.ownerBodyIds.includes(opts.bodyId)),
  }));
}
