-- The text of the library's files, for search (modules/library/extract): one row per revision, made pending by a
-- trigger whenever a revision is inserted (every path: uploads, event documents, the demo seed, SQL by hand), then
-- filled by the `library.extract` job — done, failed with a reason, or too large (the part within bounds kept).
-- `search_kind`/`search_id` name the owner's search record a kept document's text belongs to (an event document).
-- Hand-written; idempotent; forward only. Existing revisions are queued too.
CREATE TABLE IF NOT EXISTS "library_file_texts" (
  "file_id" uuid PRIMARY KEY NOT NULL,
  "status" text DEFAULT 'pending' NOT NULL,
  "reason" text,
  "text" text DEFAULT '' NOT NULL,
  "pages" integer,
  "characters" integer DEFAULT 0 NOT NULL,
  "attempts" integer DEFAULT 0 NOT NULL,
  "claimed_until" timestamp with time zone,
  "search_kind" text,
  "search_id" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "extracted_at" timestamp with time zone,
  CONSTRAINT "library_file_texts_file_id_fk" FOREIGN KEY ("file_id")
    REFERENCES "library_files"("id") ON DELETE cascade,
  CONSTRAINT "library_file_texts_status_check" CHECK ("status" IN ('pending', 'done', 'failed', 'too_large'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "library_file_texts_pending_idx" ON "library_file_texts" ("created_at")
  WHERE "status" = 'pending';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION library_file_text_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO library_file_texts (file_id) VALUES (NEW.id) ON CONFLICT (file_id) DO NOTHING;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "library_files_text_pending" ON "library_files";
--> statement-breakpoint
CREATE TRIGGER "library_files_text_pending" AFTER INSERT ON "library_files"
  FOR EACH ROW EXECUTE FUNCTION library_file_text_pending();
--> statement-breakpoint
INSERT INTO library_file_texts (file_id, search_kind, search_id)
  SELECT f.id, CASE WHEN e.id IS NOT NULL THEN 'document' END, e.id
  FROM library_files f LEFT JOIN event_documents e ON e.library_document_id = f.document_id
  ON CONFLICT (file_id) DO NOTHING;
