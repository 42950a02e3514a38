-- The Compact's structure (modules/compact): its bodies (the Coordination Committee, the working groups, the heads'
-- coordination meeting, the joint briefing to the Counter-Terrorism Committee), their member entities with roles and
-- terms of office, the people who represent them, the Compact's member entities with their joining dates, and the
-- Joint Programme of Work (priorities, outputs and their owner bodies). Hand-written; idempotent; forward only.
-- working_groups keeps its ids (consent grants reference them): a working-group body points at its working group.
CREATE TABLE IF NOT EXISTS "compact_bodies" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "slug" text NOT NULL,
  "kind" text NOT NULL,
  "names" jsonb NOT NULL,
  "symbol_prefix" text NOT NULL,
  "working_group_id" uuid,
  "pillars" text[] DEFAULT '{}'::text[] NOT NULL,
  "themes" text[] DEFAULT '{}'::text[] NOT NULL,
  "sort_order" integer DEFAULT 0 NOT NULL,
  "source" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_bodies_slug_unique" UNIQUE("slug"),
  CONSTRAINT "compact_bodies_symbol_prefix_unique" UNIQUE("symbol_prefix"),
  CONSTRAINT "compact_bodies_working_group_id_unique" UNIQUE("working_group_id"),
  CONSTRAINT "compact_bodies_working_group_id_working_groups_id_fk" FOREIGN KEY ("working_group_id")
    REFERENCES "working_groups"("id") ON DELETE cascade,
  CONSTRAINT "compact_bodies_kind_check"
    CHECK ("kind" IN ('coordination_committee', 'working_group', 'heads_meeting', 'ctc_briefing')),
  CONSTRAINT "compact_bodies_group_check" CHECK (("kind" = 'working_group') = ("working_group_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_bodies_one_committee_idx" ON "compact_bodies" ("kind")
  WHERE "kind" = 'coordination_committee';
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_body_members" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "body_id" uuid NOT NULL,
  "organization_id" uuid NOT NULL,
  "role" text NOT NULL,
  "term_start" date,
  "term_end" date,
  "by_office_of" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_body_members_body_id_compact_bodies_id_fk" FOREIGN KEY ("body_id")
    REFERENCES "compact_bodies"("id") ON DELETE cascade,
  CONSTRAINT "compact_body_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id")
    REFERENCES "organizations"("id") ON DELETE cascade,
  CONSTRAINT "compact_body_members_by_office_of_compact_bodies_id_fk" FOREIGN KEY ("by_office_of")
    REFERENCES "compact_bodies"("id") ON DELETE set null,
  CONSTRAINT "compact_body_members_role_check"
    CHECK ("role" IN ('chair', 'co_chair', 'vice_chair', 'member', 'observer')),
  CONSTRAINT "compact_body_members_term_check"
    CHECK ("term_end" IS NULL OR "term_start" IS NULL OR "term_end" >= "term_start")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_body_members_body_org_idx"
  ON "compact_body_members" ("body_id", "organization_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_body_members_org_idx" ON "compact_body_members" ("organization_id");
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_body_representatives" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "member_id" uuid NOT NULL,
  "person_id" uuid NOT NULL,
  "role_title" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "compact_body_representatives_member_id_compact_body_members_id_fk" FOREIGN KEY ("member_id")
    REFERENCES "compact_body_members"("id") ON DELETE cascade,
  CONSTRAINT "compact_body_representatives_person_id_people_id_fk" FOREIGN KEY ("person_id")
    REFERENCES "people"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_body_representatives_member_person_idx"
  ON "compact_body_representatives" ("member_id", "person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_body_representatives_person_idx" ON "compact_body_representatives" ("person_id");
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_entities" (
  "organization_id" uuid PRIMARY KEY NOT NULL,
  "joined_on" date,
  "source" text,
  CONSTRAINT "compact_entities_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id")
    REFERENCES "organizations"("id") ON DELETE cascade
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_priorities" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "code" text NOT NULL,
  "period" text NOT NULL,
  "title" jsonb NOT NULL,
  "sort_order" integer DEFAULT 0 NOT NULL,
  "source" text,
  "is_demo" boolean DEFAULT false NOT NULL,
  CONSTRAINT "compact_priorities_code_unique" UNIQUE("code")
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_outputs" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "priority_id" uuid NOT NULL,
  "code" text NOT NULL,
  "title" jsonb NOT NULL,
  "status" text DEFAULT 'planned' NOT NULL,
  "sort_order" integer DEFAULT 0 NOT NULL,
  "source" text,
  "is_demo" boolean DEFAULT false NOT NULL,
  CONSTRAINT "compact_outputs_code_unique" UNIQUE("code"),
  CONSTRAINT "compact_outputs_priority_id_compact_priorities_id_fk" FOREIGN KEY ("priority_id")
    REFERENCES "compact_priorities"("id") ON DELETE cascade,
  CONSTRAINT "compact_outputs_status_check" CHECK ("status" IN ('planned', 'in_progress', 'completed', 'delayed'))
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS "compact_output_owners" (
  "output_id" uuid NOT NULL,
  "body_id" uuid NOT NULL,
  CONSTRAINT "compact_output_owners_output_id_compact_outputs_id_fk" FOREIGN KEY ("output_id")
    REFERENCES "compact_outputs"("id") ON DELETE cascade,
  CONSTRAINT "compact_output_owners_body_id_compact_bodies_id_fk" FOREIGN KEY ("body_id")
    REFERENCES "compact_bodies"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "compact_output_owners_pk" ON "compact_output_owners" ("output_id", "body_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "compact_output_owners_body_idx" ON "compact_output_owners" ("body_id");
