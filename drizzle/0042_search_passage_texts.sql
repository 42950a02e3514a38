-- Search reads every passage that matches a query (to rank, count and facet it) and the display text of the page's
-- twenty only: the display columns (title, body, url) move to their own table, joined for those twenty, so the rows
-- the query scans hold only what it tests (vector, kind, language, date, pillars, audience) and are about half as
-- wide. The folded title is kept for the names the trigram index serves (organizations and people) and emptied for
-- the others (their rows are rewritten narrow by that update). The vectors get one partial index per text search
-- configuration instead of one for all: a query is matched in each configuration (the passage's own), and a partial
-- index answers that test exactly, where one shared index made every match be tested again on its row.
-- Hand-written; idempotent; forward only.
CREATE TABLE IF NOT EXISTS "search_passage_texts" (
  "passage_id" uuid PRIMARY KEY NOT NULL REFERENCES "search_passages"("id") ON DELETE CASCADE,
  "title" text NOT NULL,
  "body" text DEFAULT '' NOT NULL,
  "url" text NOT NULL
);
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'search_passages' AND column_name = 'body') THEN
    INSERT INTO "search_passage_texts" ("passage_id", "title", "body", "url")
      SELECT "id", "title", "body", "url" FROM "search_passages" ON CONFLICT DO NOTHING;
    ALTER TABLE "search_passages" DROP COLUMN "title", DROP COLUMN "body", DROP COLUMN "url";
  END IF;
END $$;
--> statement-breakpoint
UPDATE "search_passages" SET "title_folded" = ''
  WHERE "kind" NOT IN ('organization', 'person') AND "title_folded" <> '';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_arabic_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'arabic';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_english_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'english';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_spanish_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'spanish';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_french_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'french';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_russian_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'russian';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_passages_tsv_simple_idx" ON "search_passages"
  USING gin ("tsv") WHERE "config" = 'simple';
--> statement-breakpoint
DROP INDEX IF EXISTS "search_passages_tsv_idx";
