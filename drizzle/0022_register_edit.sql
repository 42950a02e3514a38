-- Editing the register's decisions and actions (modules/compact/register): an action's own Strategy pillar, and the
-- change history of decisions and actions — who changed which fields when, and whether a decision was changed after
-- its meeting's minutes were adopted. Hand-written; idempotent; forward only.
ALTER TABLE "compact_actions" ADD COLUMN IF NOT EXISTS "pillar" text;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "compact_register_changes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "decision_id" uuid REFERENCES "compact_decisions"("id") ON DELETE cascade,
  "action_id" uuid REFERENCES "compact_actions"("id") ON DELETE cascade,
  "fields" text[] NOT NULL,
  "after_adoption" boolean DEFAULT false NOT NULL,
  "author_user_id" uuid REFERENCES "users"("id") ON DELETE set null,
  "author_person_id" uuid REFERENCES "people"("id") ON DELETE set null,
  "author_name" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_register_changes_one_target" CHECK (("decision_id" IS NULL) <> ("action_id" IS NULL)),
  CONSTRAINT "compact_register_changes_fields" CHECK (cardinality("fields") > 0)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_register_changes_decision_idx"
  ON "compact_register_changes" ("decision_id", "created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_register_changes_action_idx"
  ON "compact_register_changes" ("action_id", "created_at");
