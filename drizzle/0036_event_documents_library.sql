-- Event documents live in the library (modules/library): every event document gets a library document kept for the
-- event (`source` 'event_document', symbol EVT/<row id>), and each of its uploaded files becomes revision 1 of its
-- language there, with the same storage key, name, type, size and SHA-256; the event document points at it and its
-- language versions keep their links, texts and statuses but no file. A translation is recorded as made from revision 1 of the original
-- when the original language has a file. Hand-written; idempotent (rows already moved are left alone); forward only.
-- The function stays, so the move can be checked on rows written in the old shape.
ALTER TABLE "event_documents" ADD COLUMN IF NOT EXISTS "library_document_id" uuid;
--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "event_documents" ADD CONSTRAINT "event_documents_library_document_id_fk"
    FOREIGN KEY ("library_document_id") REFERENCES "library_documents"("id") ON DELETE set null;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION library_import_event_documents() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  d record;
  v record;
  lib uuid;
  orig text;
  moved integer := 0;
BEGIN
  FOR d IN
    SELECT * FROM event_documents e
    WHERE e.library_document_id IS NULL
    ORDER BY e.created_at, e.id
    FOR UPDATE
  LOOP
    orig := coalesce(
      (SELECT t.key FROM jsonb_each(d.title) t WHERE t.value->>'status' = 'original' LIMIT 1),
      (SELECT x.key FROM jsonb_each(d.versions) x ORDER BY x.key LIMIT 1), 'en');
    INSERT INTO library_documents (symbol, title, original_language, classification, distribution, source, created_at,
        updated_at)
      VALUES ('EVT/' || upper(d.id::text), d.title, orig, 'unclassified', 'signed_in', 'event_document', d.created_at,
        d.created_at)
      RETURNING id INTO lib;
    FOR v IN SELECT x.key AS lang, x.value->'file' AS f FROM jsonb_each(d.versions) x WHERE x.value ? 'file' LOOP
      INSERT INTO library_files (document_id, language, revision, file_key, file_name, sha256, size, media_type,
          translated_from_revision, uploaded_at)
        VALUES (lib, v.lang, 1, v.f->>'key', coalesce(v.f->>'name', 'document'), v.f->>'sha256', (v.f->>'size')::integer,
          v.f->>'contentType',
          CASE WHEN v.lang <> orig AND d.versions->orig ? 'file' THEN 1 END, d.created_at);
    END LOOP;
    UPDATE event_documents SET library_document_id = lib,
        versions = coalesce((SELECT jsonb_object_agg(x.key, x.value - 'file') FROM jsonb_each(d.versions) x), '{}')
      WHERE id = d.id;
    moved := moved + 1;
  END LOOP;
  RETURN moved;
END $$;
--> statement-breakpoint
SELECT library_import_event_documents();
