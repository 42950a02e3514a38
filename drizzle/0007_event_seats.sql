ALTER TABLE "events" ADD COLUMN "seats_taken" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Seats: one counter per event, kept by the database on every change of a registration's status, so that no code
-- path can miscount. Taking a seat is one conditional UPDATE; beyond capacity it raises CT409 (event full).
UPDATE "events" e SET "seats_taken" = (SELECT count(*) FROM "event_registrations" r WHERE r."event_id" = e."id" AND r."status" = 'accepted');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_registrations_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'accepted' AND (TG_OP = 'DELETE' OR NEW.status <> 'accepted' OR NEW.event_id <> OLD.event_id) THEN
    UPDATE events SET seats_taken = seats_taken - 1 WHERE id = OLD.event_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'accepted' AND (TG_OP = 'INSERT' OR OLD.status <> 'accepted' OR NEW.event_id <> OLD.event_id) THEN
    UPDATE events SET seats_taken = seats_taken + 1 WHERE id = NEW.event_id AND (capacity IS NULL OR seats_taken < capacity);
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % is full', NEW.event_id USING ERRCODE = 'CT409';
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_registrations_seats AFTER INSERT OR UPDATE OF status, event_id OR DELETE ON event_registrations FOR EACH ROW EXECUTE FUNCTION event_registrations_seats();
--> statement-breakpoint
-- The audit log's append in one statement: the chain's writers are serialized by an advisory lock held to commit,
-- and the previous hash is read after the lock is taken (a VOLATILE function's queries each take a fresh snapshot).
-- The hash is sha256(prev_hash || '|' || body), body being the row's canonical JSON made by the application, which
-- verifies the chain with the same definition (src/platform/audit/audit.service.ts).
CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor_id uuid, p_actor_label text, p_action text, p_target_type text, p_target_id text, p_ip text, p_details jsonb, p_body text)
RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310001);
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, actor_id, actor_label, action, target_type, target_id, ip, details, prev_hash, hash)
  VALUES (p_at, p_actor_id, p_actor_label, p_action, p_target_type, p_target_id, p_ip, p_details, prev, encode(sha256(convert_to(prev || '|' || p_body, 'UTF8')), 'hex'));
END;
$$;
