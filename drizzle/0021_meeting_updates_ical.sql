-- Editing and cancelling meetings, and the update e-mails of meetings and events (hand-written, idempotent).
-- A meeting is scheduled or cancelled. An event's iCalendar SEQUENCE is kept by the database: every change of its
-- time, place or status raises it (trigger), whatever code path makes the change. event_update_mails holds one row
-- per event, version and registration: an update or cancellation e-mail is queued only by the statement that
-- inserts its row (meetings use meeting_circulations the same way).
ALTER TABLE "meetings" ADD COLUMN IF NOT EXISTS "status" text DEFAULT 'scheduled' NOT NULL;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'meetings_status_check') THEN
    ALTER TABLE "meetings" ADD CONSTRAINT "meetings_status_check" CHECK ("status" IN ('scheduled', 'cancelled'));
  END IF;
END;
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_series_idx" ON "meetings" ("series_id", "starts_at");
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN IF NOT EXISTS "sequence" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION events_raise_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at, NEW.ends_at, NEW.time_zone, NEW.all_day, NEW.venue, NEW.meeting_url, NEW.format, NEW.status)
     IS DISTINCT FROM
     (OLD.starts_at, OLD.ends_at, OLD.time_zone, OLD.all_day, OLD.venue, OLD.meeting_url, OLD.format, OLD.status) THEN
    NEW.sequence := greatest(NEW.sequence, OLD.sequence + 1);
  ELSE
    NEW.sequence := greatest(NEW.sequence, OLD.sequence);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_sequence ON events;
--> statement-breakpoint
CREATE TRIGGER events_sequence BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION events_raise_sequence();
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "event_update_mails" (
  "event_id" uuid NOT NULL REFERENCES "events"("id") ON DELETE cascade,
  "sequence" integer NOT NULL,
  "registration_id" uuid NOT NULL REFERENCES "event_registrations"("id") ON DELETE cascade,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "event_update_mails_pk" PRIMARY KEY ("event_id", "sequence", "registration_id")
);
