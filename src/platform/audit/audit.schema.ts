import { pgTable, bigserial, bigint, uuid, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained, keyed (migration 0014). A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * The actor's label and the IP address are not here but in auditPersonal; the chained row holds commitments to them.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    /** HMAC-SHA-256(actor nonce, 'actor:' + label) in hex; null when there is no label or on legacy rows. */
    actorDigest: text('actor_digest'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** HMAC-SHA-256(ip nonce, 'ip:' + ip) in hex; null when there is no IP or on legacy rows. */
    ipDigest: text('ip_digest'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** HMAC-SHA-256(audit key, body) in hex; null on legacy rows (written before migration 0014). */
    mac: text('mac'),
    /** First 8 hex digits of sha256(audit key): which key made mac. */
    keyId: text('key_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_action_idx').on(t.action),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * The personal data of an audit entry, outside the chain so that it can be forgotten: the application may UPDATE it
 * (a trigger refuses DELETE and TRUNCATE). A forgotten actor has a pseudonym as label and no nonce; a forgotten IP is
 * null. legacySeal: on a legacy row whose personal data was forgotten, a keyed seal of its remaining content.
 */
export const auditPersonal = pgTable('audit_personal', {
  auditId: bigint('audit_id', { mode: 'number' })
    .primaryKey()
    .references(() => auditLog.id),
  actorLabel: text('actor_label'),
  ip: text('ip'),
  actorNonce: text('actor_nonce'),
  ipNonce: text('ip_nonce'),
  legacySeal: text('legacy_seal'),
});
