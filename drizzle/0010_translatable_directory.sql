-- Organizations' descriptions become translatable text ({ [locale]: { text, status } }, platform/i18n/text.ts).
-- A plain-text description (the column was text) is kept as its English original; a per-language JSON value
-- ({ "en": "x" }) gets statuses: the original is the only language, else English, else the first; the others
-- 'reviewed'. Idempotent: the type change runs only on a text column, and only string entries are converted.
DO $$
BEGIN
  IF (SELECT data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'organizations' AND column_name = 'description') = 'text' THEN
    ALTER TABLE "organizations" ALTER COLUMN "description" SET DATA TYPE jsonb USING
      CASE WHEN btrim(coalesce("description", '')) = '' THEN NULL ELSE jsonb_build_object('en', "description") END;
  END IF;
END $$;
--> statement-breakpoint
UPDATE "organizations" o SET "description" = (
  SELECT jsonb_object_agg(e.key,
    CASE WHEN jsonb_typeof(e.value) = 'string' THEN jsonb_build_object('text', e.value #>> '{}', 'status',
      CASE WHEN e.key = (
        SELECT CASE WHEN count(*) = 1 THEN min(k) WHEN bool_or(k = 'en') THEN 'en' ELSE min(k) END
        FROM jsonb_object_keys(o."description") k
      ) THEN 'original' ELSE 'reviewed' END)
    ELSE e.value END)
  FROM jsonb_each(o."description") e
  WHERE jsonb_typeof(e.value) <> 'string' OR btrim(e.value #>> '{}') <> ''
)
WHERE jsonb_typeof(o."description") = 'object'
  AND EXISTS (SELECT 1 FROM jsonb_each(o."description") e WHERE jsonb_typeof(e.value) = 'string');
--> statement-breakpoint
UPDATE "organizations" SET "description" = NULL WHERE "description" = '{}'::jsonb OR jsonb_typeof("description") <> 'object';
