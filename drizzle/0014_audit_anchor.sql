-- An anchored audit chain (docs/security.md, "Audit chain"). Forward only and idempotent: every statement may run again.
-- 1. Personal data leaves the chain: the actor's label (an e-mail address) and the IP address move to audit_personal,
--    which the application may UPDATE (to forget a person, or IP addresses after their retention period); the chained
--    row keeps only a hiding commitment to each (actor_digest, ip_digest: HMAC-SHA-256 under a random per-row nonce
--    that is kept beside the plaintext and erased with it).
-- 2. Each new row carries mac = HMAC-SHA-256(audit key, body) and the id of that key; the chain hash covers the mac:
--    hash = sha256(prev_hash || '|' || body || '|' || mac). Rows written before this migration have no mac ("legacy,
--    unkeyed"): they still verify with the old formula, and the exported anchors protect them from truncation.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor_digest text;
--> statement-breakpoint
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS ip_digest text;
--> statement-breakpoint
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS mac text;
--> statement-breakpoint
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS key_id text;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS audit_personal (
  audit_id bigint PRIMARY KEY REFERENCES audit_log(id),
  actor_label text,
  ip text,
  actor_nonce text,
  ip_nonce text,
  legacy_seal text
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_personal_actor_idx ON audit_personal (lower(actor_label));
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'audit_log' AND column_name = 'actor_label') THEN
    INSERT INTO audit_personal (audit_id, actor_label, ip)
      SELECT id, actor_label, ip FROM audit_log WHERE actor_label IS NOT NULL OR ip IS NOT NULL
      ON CONFLICT (audit_id) DO NOTHING;
    ALTER TABLE audit_log DROP COLUMN actor_label;
    ALTER TABLE audit_log DROP COLUMN ip;
  END IF;
END;
$$;
--> statement-breakpoint
-- Forgetting is an UPDATE; nothing removes a row of audit_personal.
CREATE OR REPLACE FUNCTION audit_personal_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_personal rows are never removed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_personal_no_delete ON audit_personal;
--> statement-breakpoint
CREATE TRIGGER audit_personal_no_delete BEFORE DELETE ON audit_personal FOR EACH ROW EXECUTE FUNCTION audit_personal_refuse_delete();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_personal_no_truncate ON audit_personal;
--> statement-breakpoint
CREATE TRIGGER audit_personal_no_truncate BEFORE TRUNCATE ON audit_personal FOR EACH STATEMENT EXECUTE FUNCTION audit_personal_refuse_delete();
--> statement-breakpoint
DROP FUNCTION IF EXISTS audit_append(timestamptz, uuid, text, text, text, text, text, jsonb, text);
--> statement-breakpoint
-- One statement appends a row: the writers' lock (held to commit), the last hash, the linked row and its personal data.
-- The application computes body and mac (it holds the key; the database never sees it).
CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor_id uuid, p_actor_digest text, p_action text,
  p_target_type text, p_target_id text, p_ip_digest text, p_details jsonb, p_body text, p_mac text, p_key_id text,
  p_actor_label text, p_actor_nonce text, p_ip text, p_ip_nonce text)
RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE prev text; new_id bigint;
BEGIN
  IF p_mac IS NULL OR p_key_id IS NULL THEN
    RAISE EXCEPTION 'audit_append needs a mac and a key id';
  END IF;
  PERFORM pg_advisory_xact_lock(7310001);
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, actor_id, actor_digest, action, target_type, target_id, ip_digest, details, mac, key_id,
    prev_hash, hash)
  VALUES (p_at, p_actor_id, p_actor_digest, p_action, p_target_type, p_target_id, p_ip_digest, p_details, p_mac,
    p_key_id, prev, encode(sha256(convert_to(prev || '|' || p_body || '|' || p_mac, 'UTF8')), 'hex'))
  RETURNING id INTO new_id;
  IF p_actor_label IS NOT NULL OR p_ip IS NOT NULL THEN
    INSERT INTO audit_personal (audit_id, actor_label, ip, actor_nonce, ip_nonce)
    VALUES (new_id, p_actor_label, p_ip, p_actor_nonce, p_ip_nonce);
  END IF;
  RETURN new_id;
END;
$$;
