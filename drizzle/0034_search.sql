-- The search index (docs/architecture.md, "Search"): one row per language version of a searchable record, with its
-- text search vector built in the language's own configuration (Chinese segmented into words by the application and
-- indexed with 'simple'), and the folded title for trigram matching. Hand-written (the table is search.schema.ts);
-- idempotent; forward only. Rights are not stored here: the owners' rules are joined at query time by subject id.
CREATE TABLE IF NOT EXISTS "search_passages" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "kind" text NOT NULL,
  "subject_id" uuid NOT NULL,
  "language" text NOT NULL,
  "title" text NOT NULL,
  "body" text DEFAULT '' NOT NULL,
  "config" text NOT NULL,
  "tsv" tsvector NOT NULL,
  "title_folded" text NOT NULL,
  "date" date,
  "pillars" text[] DEFAULT '{}'::text[] NOT NULL,
  "url" text NOT NULL,
  "indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "search_passages_subject_idx"
  ON "search_passages" USING btree ("kind","subject_id","language");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_idx" ON "search_passages" USING gin ("tsv");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_title_trgm_idx" ON "search_passages" USING gin ("title_folded" gin_trgm_ops)
  WHERE "kind" IN ('organization', 'person');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_date_idx" ON "search_passages" USING btree ("date");
