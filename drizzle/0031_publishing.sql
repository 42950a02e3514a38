-- Public content under the two-signature workflow (modules/publishing): revisions of a subject (kind + id) with the
-- canonical content, its SHA-256, who wrote, edited, submitted, approved, published or withdrew it; one revision being
-- worked on and one published per subject (partial unique indexes). Hand-written (the schema file is
-- publishing.schema.ts); idempotent; forward only.
CREATE TABLE IF NOT EXISTS "publishing_revisions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "subject_kind" text NOT NULL,
  "subject_id" uuid NOT NULL,
  "number" integer NOT NULL,
  "content" jsonb NOT NULL,
  "sha256" text NOT NULL,
  "state" text DEFAULT 'draft' NOT NULL,
  "author_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "last_editor_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "submitted_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "submitted_at" timestamp with time zone,
  "submitted_sha256" text,
  "acceptances" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "approver_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "approved_at" timestamp with time zone,
  "approved_sha256" text,
  "published_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "published_at" timestamp with time zone,
  "published_sha256" text,
  "forced" boolean DEFAULT false NOT NULL,
  "force_reason" text,
  "force_deadline" timestamp with time zone,
  "second_approver_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "second_approved_at" timestamp with time zone,
  "withdrawn_at" timestamp with time zone,
  "withdrawn_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "withdrawn_reason" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "publishing_revisions_number_uq" UNIQUE("subject_kind", "subject_id", "number"),
  CONSTRAINT "publishing_revisions_state_ck"
    CHECK ("state" IN ('draft', 'submitted', 'approved', 'published', 'withdrawn', 'superseded'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "publishing_revisions_open_uq" ON "publishing_revisions" ("subject_kind", "subject_id")
  WHERE state in ('draft', 'submitted', 'approved');
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "publishing_revisions_published_uq" ON "publishing_revisions" ("subject_kind", "subject_id")
  WHERE state = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "publishing_revisions_state_idx" ON "publishing_revisions" ("state", "subject_kind");
