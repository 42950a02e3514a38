-- Organizers' bulk tools for events (modules/events/registration): registrations imported from a file are records the
-- event's organizers own (origin 'import'), with or without an account, and may name an organization that is not in
-- the directory (organization_name, counted by name in the statistics); messages e-mailed to participants, each sent
-- once per (author, key) and once per recipient. Hand-written; idempotent; forward only.
ALTER TABLE "event_registrations" ADD COLUMN IF NOT EXISTS "origin" text DEFAULT 'self' NOT NULL;
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN IF NOT EXISTS "organization_name" text;
--> statement-breakpoint
UPDATE "event_registrations" SET "origin" = 'delegation' WHERE "delegation_id" IS NOT NULL AND "origin" = 'self';
--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_origin_check"
    CHECK ("origin" IN ('self', 'delegation', 'import'));
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "event_messages" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "event_id" uuid NOT NULL,
  "subject" jsonb NOT NULL,
  "body" jsonb NOT NULL,
  "audience" jsonb NOT NULL,
  "idempotency_key" text NOT NULL,
  "recipients" integer DEFAULT 0 NOT NULL,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "event_messages_event_id_events_id_fk" FOREIGN KEY ("event_id")
    REFERENCES "events"("id") ON DELETE cascade,
  CONSTRAINT "event_messages_created_by_users_id_fk" FOREIGN KEY ("created_by")
    REFERENCES "users"("id") ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "event_messages_key_idx"
  ON "event_messages" ("event_id", "created_by", "idempotency_key");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "event_messages_event_idx" ON "event_messages" ("event_id", "created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "event_message_recipients" (
  "message_id" uuid NOT NULL,
  "registration_id" uuid NOT NULL,
  CONSTRAINT "event_message_recipients_message_id_fk" FOREIGN KEY ("message_id")
    REFERENCES "event_messages"("id") ON DELETE cascade,
  CONSTRAINT "event_message_recipients_registration_id_fk" FOREIGN KEY ("registration_id")
    REFERENCES "event_registrations"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "event_message_recipients_pk"
  ON "event_message_recipients" ("message_id", "registration_id");
