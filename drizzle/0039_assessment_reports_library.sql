-- Assessment reports live in the library (modules/library): every report gets a library document kept for the
-- assessments module (`source` 'assessment_report', symbol RPT/<report id>, the report's classification — confidential
-- or strictly confidential, the same levels —, owned by the assessed State), and each of its files in `report_files`
-- becomes revision 1 of its language there with the same id (download addresses stay valid), storage key, name, type,
-- size, SHA-256, uploader and time. The original language is the language of the report's first file; a translation
-- is recorded as made from revision 1 of it. The report points at its library document and `report_files` is left
-- empty. Who reads a report stays the assessments module's rule (the State's consent). Hand-written; idempotent
-- (reports already moved are left alone, files already moved are not moved twice); forward only. The function stays,
-- so the move can be checked on rows written in the old shape.
ALTER TABLE "assessment_reports" ADD COLUMN IF NOT EXISTS "library_document_id" uuid;
--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "assessment_reports" ADD CONSTRAINT "assessment_reports_library_document_id_fk"
    FOREIGN KEY ("library_document_id") REFERENCES "library_documents"("id") ON DELETE set null;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION library_import_assessment_reports() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  rf record;
  lib uuid;
  orig text;
  moved integer := 0;
BEGIN
  FOR r IN
    SELECT a.*, v.state_org_id FROM assessment_reports a JOIN assessment_visits v ON v.id = a.visit_id
    WHERE a.library_document_id IS NULL
       OR EXISTS (SELECT 1 FROM report_files f WHERE f.report_id = a.id)
    ORDER BY a.created_at, a.id
    FOR UPDATE OF a
  LOOP
    lib := r.library_document_id;
    IF lib IS NULL THEN
      orig := coalesce(
        (SELECT f.language FROM report_files f WHERE f.report_id = r.id ORDER BY f.uploaded_at, f.language LIMIT 1),
        'en');
      INSERT INTO library_documents (symbol, title, original_language, classification, distribution, source,
          owner_org_id, created_by, created_at, updated_at)
        VALUES ('RPT/' || upper(r.id::text), jsonb_build_object(orig, jsonb_build_object('text', r.title,
            'status', 'original')), orig, r.classification::text, 'signed_in', 'assessment_report', r.state_org_id,
          r.created_by, r.created_at, r.created_at)
        RETURNING id INTO lib;
      UPDATE assessment_reports SET library_document_id = lib WHERE id = r.id;
    ELSE
      SELECT d.original_language INTO orig FROM library_documents d WHERE d.id = lib FOR UPDATE;
    END IF;
    -- Each file becomes the next revision of its language (1 for a report not moved before), the original first.
    FOR rf IN
      SELECT * FROM report_files x WHERE x.report_id = r.id
        AND NOT EXISTS (SELECT 1 FROM library_files l WHERE l.id = x.id)
      ORDER BY (x.language = orig) DESC, x.language
    LOOP
      INSERT INTO library_files (id, document_id, language, revision, file_key, file_name, sha256, size, media_type,
          translated_from_revision, uploaded_by, uploaded_at)
        VALUES (rf.id, lib, rf.language,
          coalesce((SELECT max(l.revision) FROM library_files l WHERE l.document_id = lib AND l.language = rf.language),
            0) + 1,
          rf.storage_key, rf.original_name, rf.sha256, rf.size, rf.content_type,
          CASE WHEN rf.language <> orig THEN (SELECT max(l.revision) FROM library_files l WHERE l.document_id = lib
            AND l.language = orig) END,
          rf.uploaded_by, rf.uploaded_at);
    END LOOP;
    DELETE FROM report_files x WHERE x.report_id = r.id
      AND EXISTS (SELECT 1 FROM library_files l WHERE l.id = x.id AND l.document_id = lib);
    moved := moved + 1;
  END LOOP;
  RETURN moved;
END $$;
--> statement-breakpoint
SELECT library_import_assessment_reports();
