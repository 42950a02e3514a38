// The retention runner: the one place that applies every owner's retention rules, in one transaction guarded by a
// PostgreSQL advisory lock (several processes never apply at once), audited as `privacy.retention.applied`. The
// job queue runs it every RETENTION_INTERVAL_MINUTES (platform/jobs, `privacy.retention`).
// The owners (the platform's declaration and the modules') are handed in: app.ts registers them (registerPersonalData,
// as it registers policies) and the CLI passes the module list, so platform/ knows no module.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { recordAudit, type AuditEntry } from '../audit/audit.service.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { PLATFORM_PERSONAL_DATA } from './platform.data.ts';
import type { PersonalDataOwner, RetentionConfig, RetentionRule } from './privacy.types.ts';

/** The advisory-lock key of the retention job (any constant unique to this job: "ctcp:retention"). */
export const RETENTION_LOCK_KEY = 7_263_731_001;
export const RETENTION_AUDIT_ACTION = 'privacy.retention.applied';

let registered: readonly PersonalDataOwner[] = [PLATFORM_PERSONAL_DATA];

/** Called by buildApp with the module list (idempotent); the platform's own declaration always comes first. */
export function registerPersonalData(modules: readonly PersonalDataOwner[]): void {
  registered = [PLATFORM_PERSONAL_DATA, ...modules.filter((m) => m.personalData)];
}

/** The platform's declaration and every registered module's. */
export const personalDataOwners = (): readonly PersonalDataOwner[] => registered;

/** The platform's declaration followed by the given modules' (for the CLI, which builds no app). */
export const ownersOf = (modules: readonly PersonalDataOwner[]): PersonalDataOwner[] => [
  PLATFORM_PERSONAL_DATA,
  ...modules.filter((m) => m.personalData),
];

export const rulesOf = (owners: readonly PersonalDataOwner[]): { owner: string; rule: RetentionRule }[] =>
  owners.flatMap((o) => (o.personalData?.retention ?? []).map((rule) => ({ owner: o.name, rule })));

export interface RetentionLine {
  kind: string;
  owner: string;
  days: number | null;
  due: number;
  next: Date | null;
}

export interface LastRun {
  at: Date;
  counts: Record<string, number>;
}

/** What each rule would change now, when its next removal comes, and the last application. */
export async function retentionStatus(
  db: Db,
  owners: readonly PersonalDataOwner[],
  config: RetentionConfig,
  now = new Date(),
): Promise<{ lines: RetentionLine[]; lastRun: LastRun | null }> {
  const lines: RetentionLine[] = [];
  for (const { owner, rule } of rulesOf(owners)) {
    const d = await rule.due(db, config, now);
    lines.push({ kind: rule.kind, owner, days: rule.days(config), due: d.count, next: d.next });
  }
  const [last] = await db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.action, RETENTION_AUDIT_ACTION))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return {
    lines,
    lastRun: last ? { at: last.at, counts: (last.details.counts ?? {}) as Record<string, number> } : null,
  };
}

export interface RetentionResult {
  /** False when another process held the lock: nothing was done. */
  ran: boolean;
  counts: Record<string, number>;
  total: number;
}

/**
 * Applies every rule in one transaction. `pg_try_advisory_xact_lock` makes a second process's run (or a second run
 * in this one) return at once with `ran: false`; the lock ends with the transaction. The application is audited when
 * it changed something, or always when a person asked for it (`actor`).
 */
export async function applyRetention(
  db: Db,
  owners: readonly PersonalDataOwner[],
  config: RetentionConfig,
  opts: { now?: Date; actor?: AuditEntry['actor']; ip?: string | null; hold?: (tx: Tx) => Promise<void> } = {},
): Promise<RetentionResult> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`select pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}::bigint) as locked`);
    const first = ((rows as unknown as { rows?: { locked: boolean }[] }).rows ?? (rows as unknown as never[]))[0] as
      | { locked: boolean }
      | undefined;
    if (!first?.locked) return { ran: false, counts: {}, total: 0 };
    const counts: Record<string, number> = {};
    for (const { rule } of rulesOf(owners)) counts[rule.kind] = await rule.apply(tx, config, now);
    const total = Object.values(counts).reduce((s, n) => s + n, 0);
    // Tests hold the transaction open here to prove a concurrent run is refused.
    if (opts.hold) await opts.hold(tx);
    if (total > 0 || opts.actor)
      await recordAudit(tx, {
        action: RETENTION_AUDIT_ACTION,
        actor: opts.actor ?? { id: null, label: 'retention job' },
        ip: opts.ip ?? null,
        details: { counts },
      });
    return { ran: true, counts, total };
  });
}
