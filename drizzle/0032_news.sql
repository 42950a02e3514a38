-- News items (modules/news): the subject of each article; its public content lives in publishing_revisions.
-- Hand-written (the schema file is news.schema.ts); idempotent; forward only.
CREATE TABLE IF NOT EXISTS "news_items" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "slug" text NOT NULL,
  "created_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "news_items_slug_unique" UNIQUE("slug")
);
