-- The speakers' list as shown leaves withdrawn requests out; its index now does too, so reading a session's list
-- does not grow with every request a delegation made and withdrew. Hand-written; idempotent; forward only.
DROP INDEX IF EXISTS "event_speakers_session_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "event_speakers_shown_idx" ON "event_speakers" USING btree ("session_id","position")
  WHERE "event_speakers"."status" <> 'withdrawn';
