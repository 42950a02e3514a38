// The audit keys: HMAC-SHA-256 keys kept outside the database (config AUDIT_KEY, AUDIT_KEY_PREVIOUS). A row or an
// anchor names the key that made its MAC by an id (the first 8 hex digits of sha256(key)), so rows written under a
// previous key still verify after a rotation while that key is listed in AUDIT_KEY_PREVIOUS.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The development and test key (a fixed value, so that a development database verifies across restarts).
 * Production refuses to start with it (config.ts). */
export const DEV_AUDIT_KEY = 'development-only-audit-key-not-for-production-use-00';

export interface AuditKey {
  id: string;
  secret: string;
}

export interface AuditKeyring {
  /** The key new rows and anchors are MACed with. */
  current: AuditKey;
  /** Every known key by id (the current one and the previous ones). */
  byId: ReadonlyMap<string, AuditKey>;
}

export const auditKeyId = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 8);

export function makeKeyring(current: string, previous: readonly string[] = []): AuditKeyring {
  const key = (secret: string): AuditKey => ({ id: auditKeyId(secret), secret });
  const cur = key(current);
  const byId = new Map<string, AuditKey>();
  for (const k of [cur, ...previous.filter((p) => p && p !== current).map(key)]) if (!byId.has(k.id)) byId.set(k.id, k);
  return { current: cur, byId };
}

export const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** Constant-time comparison of two hex strings (false when either is missing or their lengths differ). */
export function sameHex(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
