-- The Compact's register of decisions and actions (modules/compact/register): decisions with a symbol per body and
-- year (a counter row per body and year), actions with an owner entity, a due date and a status (overdue is computed),
-- dated progress notes, evidence and links. An event's Chair's Summary follow-up actions join the register: the rows
-- of event_actions move here keeping their ids, and event_actions goes. Hand-written; idempotent; forward only.
CREATE TABLE IF NOT EXISTS "compact_decision_counters" (
  "body_id" uuid NOT NULL REFERENCES "compact_bodies"("id") ON DELETE cascade,
  "year" integer NOT NULL,
  "last" integer NOT NULL,
  CONSTRAINT "compact_decision_counters_body_id_year_pk" PRIMARY KEY ("body_id", "year")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_decisions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "body_id" uuid NOT NULL REFERENCES "compact_bodies"("id") ON DELETE cascade,
  "year" integer NOT NULL,
  "number" integer NOT NULL,
  "symbol" text NOT NULL,
  "text" jsonb NOT NULL,
  "meeting_id" uuid,
  "decided_on" date NOT NULL,
  "review_on" date,
  "created_by" uuid REFERENCES "users"("id") ON DELETE set null,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_decisions_symbol_unique" UNIQUE("symbol"),
  CONSTRAINT "compact_decisions_number_check" CHECK ("number" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_decisions_body_year_number_idx"
  ON "compact_decisions" ("body_id", "year", "number");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_decisions_meeting_idx" ON "compact_decisions" ("meeting_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_actions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "body_id" uuid REFERENCES "compact_bodies"("id") ON DELETE cascade,
  "decision_id" uuid REFERENCES "compact_decisions"("id") ON DELETE set null,
  "source_kind" text NOT NULL,
  "source_id" uuid,
  "source_item_id" uuid,
  "title" jsonb NOT NULL,
  "owner_org_id" uuid REFERENCES "organizations"("id"),
  "owner_person_id" uuid REFERENCES "people"("id") ON DELETE set null,
  "status" text DEFAULT 'open' NOT NULL,
  "due_on" date,
  "note" text,
  "evidence_url" text,
  "evidence_note" text,
  "created_by" uuid REFERENCES "users"("id") ON DELETE set null,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "closed_at" timestamp with time zone,
  CONSTRAINT "compact_actions_status_check" CHECK ("status" IN ('open', 'in_progress', 'done', 'dropped')),
  CONSTRAINT "compact_actions_source_check" CHECK ("source_kind" IN ('decision', 'meeting', 'event'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_actions_source_item_idx" ON "compact_actions" ("source_item_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_actions_source_idx" ON "compact_actions" ("source_kind", "source_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_actions_body_idx" ON "compact_actions" ("body_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_actions_owner_idx" ON "compact_actions" ("owner_org_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_actions_decision_idx" ON "compact_actions" ("decision_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_action_notes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "action_id" uuid NOT NULL REFERENCES "compact_actions"("id") ON DELETE cascade,
  "body" text NOT NULL,
  "status" text,
  "author_user_id" uuid REFERENCES "users"("id") ON DELETE set null,
  "author_person_id" uuid REFERENCES "people"("id") ON DELETE set null,
  "author_name" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_action_notes_action_idx" ON "compact_action_notes" ("action_id", "created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_action_links" (
  "action_id" uuid NOT NULL REFERENCES "compact_actions"("id") ON DELETE cascade,
  "target_kind" text NOT NULL,
  "target_id" uuid NOT NULL,
  CONSTRAINT "compact_action_links_action_id_target_kind_target_id_pk" PRIMARY KEY ("action_id", "target_kind", "target_id"),
  CONSTRAINT "compact_action_links_kind_check" CHECK ("target_kind" IN ('need', 'project', 'event', 'output'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_action_links_target_idx" ON "compact_action_links" ("target_kind", "target_id");
--> statement-breakpoint
-- One model: the events' follow-up actions move into the register (same ids), titles become translatable text in the
-- recommendation's language (English when detached); the event is the action's source.
DO $$ BEGIN
  IF to_regclass('public.event_actions') IS NOT NULL THEN
    INSERT INTO "compact_actions" ("id", "body_id", "source_kind", "source_id", "source_item_id", "title",
        "owner_org_id", "status", "due_on", "note", "created_at", "updated_at", "closed_at")
      SELECT a."id", NULL, 'event', a."event_id", a."recommendation_id",
        jsonb_build_object(coalesce(s."language", 'en'), jsonb_build_object('text', a."title", 'status', 'original')),
        a."owner_org_id", a."status", a."due_on", a."note", a."updated_at", a."updated_at",
        CASE WHEN a."status" IN ('done', 'dropped') THEN a."updated_at" END
      FROM "event_actions" a LEFT JOIN "event_summary_items" s ON s."id" = a."recommendation_id"
      ON CONFLICT ("id") DO NOTHING;
    DROP TABLE "event_actions";
  END IF;
END $$;
