-- Meetings of the Compact's bodies and their minutes (hand-written, idempotent). Adopted minutes are locked: the
-- trigger refuses any UPDATE that changes an adopted version's text, status, hash or adoption, and its DELETE.
CREATE TABLE IF NOT EXISTS "meeting_series" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "body_id" uuid NOT NULL REFERENCES "compact_bodies"("id") ON DELETE cascade,
  "rrule" text NOT NULL,
  "time_zone" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meetings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "body_id" uuid NOT NULL REFERENCES "compact_bodies"("id") ON DELETE cascade,
  "series_id" uuid REFERENCES "meeting_series"("id") ON DELETE set null,
  "kind" text NOT NULL,
  "title" jsonb NOT NULL,
  "time_zone" text NOT NULL,
  "starts_at" timestamp with time zone NOT NULL,
  "ends_at" timestamp with time zone NOT NULL,
  "format" text NOT NULL,
  "venue" text,
  "meeting_link" text,
  "sequence" integer DEFAULT 0 NOT NULL,
  "circulated_version" integer,
  "circulated_at" timestamp with time zone,
  "attendance_recorded_at" timestamp with time zone,
  "is_demo" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "meetings_ends_after_start" CHECK ("ends_at" > "starts_at")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_body_idx" ON "meetings" ("body_id", "starts_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meetings_starts_idx" ON "meetings" ("starts_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meeting_invitees" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "meeting_id" uuid NOT NULL REFERENCES "meetings"("id") ON DELETE cascade,
  "person_id" uuid NOT NULL REFERENCES "people"("id") ON DELETE cascade,
  "organization_id" uuid REFERENCES "organizations"("id") ON DELETE set null,
  "locale" text,
  "attendance" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "meeting_invitees_meeting_person_idx" ON "meeting_invitees" ("meeting_id", "person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meeting_invitees_person_idx" ON "meeting_invitees" ("person_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meeting_agenda_items" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "meeting_id" uuid NOT NULL REFERENCES "meetings"("id") ON DELETE cascade,
  "position" integer NOT NULL,
  "type" text NOT NULL,
  "lead_org_id" uuid REFERENCES "organizations"("id") ON DELETE set null,
  "title" jsonb NOT NULL,
  "documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "start_time" text,
  "duration_minutes" integer,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meeting_agenda_items_meeting_idx" ON "meeting_agenda_items" ("meeting_id", "position");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meeting_circulations" (
  "meeting_id" uuid NOT NULL REFERENCES "meetings"("id") ON DELETE cascade,
  "version" integer NOT NULL,
  "recipient_key" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "meeting_circulations_meeting_id_version_recipient_key_pk" PRIMARY KEY ("meeting_id", "version", "recipient_key")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meeting_minutes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "meeting_id" uuid NOT NULL REFERENCES "meetings"("id") ON DELETE cascade,
  "version" integer DEFAULT 1 NOT NULL,
  "previous_id" uuid REFERENCES "meeting_minutes"("id"),
  "status" text DEFAULT 'draft' NOT NULL,
  "summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "items" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "comment_deadline" timestamp with time zone,
  "sha256" text,
  "adopted_at" timestamp with time zone,
  "created_by" uuid REFERENCES "users"("id") ON DELETE set null,
  "is_demo" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "meeting_minutes_meeting_version_idx" ON "meeting_minutes" ("meeting_id", "version");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "meeting_minutes_comments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "minutes_id" uuid NOT NULL REFERENCES "meeting_minutes"("id") ON DELETE cascade,
  "author_user_id" uuid REFERENCES "users"("id") ON DELETE set null,
  "author_name" text NOT NULL,
  "body" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "meeting_minutes_comments_minutes_idx" ON "meeting_minutes_comments" ("minutes_id");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION meeting_minutes_refuse_adopted_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'adopted minutes are locked (DELETE refused)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.summary IS DISTINCT FROM OLD.summary OR NEW.items IS DISTINCT FROM OLD.items
     OR NEW.status IS DISTINCT FROM OLD.status OR NEW.sha256 IS DISTINCT FROM OLD.sha256
     OR NEW.adopted_at IS DISTINCT FROM OLD.adopted_at OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id OR NEW.previous_id IS DISTINCT FROM OLD.previous_id THEN
    RAISE EXCEPTION 'adopted minutes are locked (UPDATE refused)' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS meeting_minutes_locked ON meeting_minutes;
--> statement-breakpoint
CREATE TRIGGER meeting_minutes_locked BEFORE UPDATE OR DELETE ON meeting_minutes FOR EACH ROW
  WHEN (OLD.status = 'adopted') EXECUTE FUNCTION meeting_minutes_refuse_adopted_change();
--> statement-breakpoint
-- The register's decisions (wt-register) reference the meeting that took them, when that table exists.
DO $$
BEGIN
  IF to_regclass('public.compact_decisions') IS NOT NULL
     AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'compact_decisions' AND column_name = 'meeting_id')
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'compact_decisions_meeting_id_fk') THEN
    ALTER TABLE compact_decisions ADD CONSTRAINT compact_decisions_meeting_id_fk
      FOREIGN KEY (meeting_id) REFERENCES meetings(id) ON DELETE SET NULL;
  END IF;
END;
$$;
