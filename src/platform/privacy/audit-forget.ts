// TEMPORARY: the audit log's forget API (forgetAuditActor, forgetAuditIps) is being added to audit.service.ts on
// another branch ("audit: forget API"). Until it is merged, these wrappers call it when present and fail loudly when
// not; after the merge they become direct imports.
import * as audit from '../audit/audit.service.ts';
import type { Tx } from '../db/client.ts';

interface ForgetApi {
  forgetAuditActor?(
    tx: Tx,
    who: { actorId?: string | null; label?: string | null; pseudonym: string },
  ): Promise<number>;
  forgetAuditIps?(tx: Tx, before: Date): Promise<number>;
}
const api = audit as unknown as ForgetApi;

export function forgetActor(
  tx: Tx,
  who: { actorId?: string | null; label?: string | null; pseudonym: string },
): Promise<number> {
  if (!api.forgetAuditActor) throw new Error('audit.service.ts has no forgetAuditActor yet (branch wt-audit)');
  return api.forgetAuditActor(tx, who);
}

export function forgetIps(tx: Tx, before: Date): Promise<number> {
  if (!api.forgetAuditIps) throw new Error('audit.service.ts has no forgetAuditIps yet (branch wt-audit)');
  return api.forgetAuditIps(tx, before);
}
