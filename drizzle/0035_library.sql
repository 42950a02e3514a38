-- The document library (modules/library): documents with one symbol for every language version, and the numbered
-- revisions of each language version's file. Hand-written; idempotent; forward only. A document under legal hold
-- cannot be deleted, whatever code path (or hand-written statement) tries: a trigger refuses it.
CREATE TABLE IF NOT EXISTS "library_documents" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "symbol" text NOT NULL,
  "related_id" uuid,
  "relation" text,
  "title" jsonb NOT NULL,
  "summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "original_language" text NOT NULL,
  "classification" text DEFAULT 'unclassified' NOT NULL,
  "distribution" text DEFAULT 'signed_in' NOT NULL,
  "working_group_id" uuid,
  "distribution_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
  "retain_until" date,
  "legal_hold" boolean DEFAULT false NOT NULL,
  "source" text,
  "owner_org_id" uuid,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "library_documents_related_id_fk" FOREIGN KEY ("related_id")
    REFERENCES "library_documents"("id") ON DELETE set null,
  CONSTRAINT "library_documents_working_group_id_fk" FOREIGN KEY ("working_group_id")
    REFERENCES "working_groups"("id") ON DELETE restrict,
  CONSTRAINT "library_documents_owner_org_id_fk" FOREIGN KEY ("owner_org_id")
    REFERENCES "organizations"("id") ON DELETE set null,
  CONSTRAINT "library_documents_created_by_fk" FOREIGN KEY ("created_by")
    REFERENCES "users"("id") ON DELETE set null,
  CONSTRAINT "library_documents_relation_check" CHECK (("related_id" IS NULL) = ("relation" IS NULL)),
  CONSTRAINT "library_documents_classification_check"
    CHECK ("classification" IN ('unclassified', 'confidential', 'strictly_confidential')),
  CONSTRAINT "library_documents_distribution_check"
    CHECK ("distribution" IN ('public', 'signed_in', 'compact', 'working_group', 'organizations')
      AND ("distribution" <> 'working_group' OR "working_group_id" IS NOT NULL)
      AND ("distribution" <> 'public' OR "classification" = 'unclassified'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "library_documents_symbol_key" ON "library_documents" ("symbol");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "library_documents_related_idx" ON "library_documents" ("related_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "library_files" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "document_id" uuid NOT NULL,
  "language" text NOT NULL,
  "revision" integer NOT NULL,
  "file_key" text NOT NULL,
  "file_name" text NOT NULL,
  "sha256" text NOT NULL,
  "size" integer NOT NULL,
  "media_type" text NOT NULL,
  "translated_from_revision" integer,
  "uploaded_by" uuid,
  "uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "library_files_document_id_fk" FOREIGN KEY ("document_id")
    REFERENCES "library_documents"("id") ON DELETE cascade,
  CONSTRAINT "library_files_uploaded_by_fk" FOREIGN KEY ("uploaded_by")
    REFERENCES "users"("id") ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "library_files_revision_key"
  ON "library_files" ("document_id", "language", "revision");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION library_documents_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.legal_hold THEN
    RAISE EXCEPTION 'library document % is under legal hold', OLD.symbol USING ERRCODE = 'CT409';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "library_documents_hold" ON "library_documents";
--> statement-breakpoint
CREATE TRIGGER "library_documents_hold" BEFORE DELETE ON "library_documents"
  FOR EACH ROW EXECUTE FUNCTION library_documents_hold();
