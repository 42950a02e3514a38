// The one definition of "has a second factor": TOTP turned on, or at least one passkey. An SQL condition for the
// per-request credential query (resolveCredential) and a query for code that loads one user (loadActor).
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';

/** SQL condition over a users row aliased `u`: true when the user has a second factor. */
export const hasSecondFactorSql = (u: string) =>
  `(${u}.totp_enabled_at is not null or exists (select 1 from webauthn_credentials w where w.user_id = ${u}.id))`;

/** The same rule for one user, read with the query builder. */
export async function hasSecondFactor(db: Tx, userId: string): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(
    sql`select ${sql.raw(hasSecondFactorSql('u'))} as ok from users u where u.id = ${userId}`,
  );
  const rows = (Array.isArray(r) ? r : (r as { rows: { ok: boolean }[] }).rows) as { ok: boolean }[];
  return !!rows[0]?.ok;
}
