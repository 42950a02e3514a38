-- Needs' descriptions and projects' titles move to the translatable-text model (platform/i18n/text.ts):
-- { "en": "x", "fr": "y" } becomes { "en": { "text": "x", "status": "original" }, "fr": { "text": "y", "status": "reviewed" } }.
-- The original is the only language, else English when present, else the first (ar, en, es, fr, ru, zh order).
-- Idempotent: values already in the new form are left as they are (only plain-string entries are converted).
CREATE OR REPLACE FUNCTION ctcp_translatable_from_names(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  WITH plain AS (
    SELECT e.key, e.value #>> '{}' AS text FROM jsonb_each(j) AS e WHERE jsonb_typeof(e.value) = 'string' AND e.value #>> '{}' <> ''
  ), orig AS (
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM jsonb_each(j) AS e WHERE jsonb_typeof(e.value) = 'object' AND e.value ->> 'status' = 'original') THEN NULL
      WHEN EXISTS (SELECT 1 FROM plain WHERE key = 'en') THEN 'en'
      ELSE (SELECT min(key) FROM plain)
    END AS lang
  )
  SELECT coalesce(jsonb_object_agg(e.key, CASE
      WHEN jsonb_typeof(e.value) = 'string' THEN jsonb_build_object(
        'text', e.value #>> '{}',
        'status', CASE WHEN e.key = (SELECT lang FROM orig) THEN 'original' ELSE 'reviewed' END)
      ELSE e.value
    END), '{}'::jsonb)
  FROM jsonb_each(j) AS e
  WHERE jsonb_typeof(e.value) <> 'string' OR e.value #>> '{}' <> ''
$$;
--> statement-breakpoint
UPDATE "ta_needs" SET "descriptions" = ctcp_translatable_from_names("descriptions")
WHERE jsonb_typeof("descriptions") = 'object'
  AND EXISTS (SELECT 1 FROM jsonb_each("descriptions") AS e WHERE jsonb_typeof(e.value) = 'string');
--> statement-breakpoint
UPDATE "projects" SET "titles" = ctcp_translatable_from_names("titles")
WHERE jsonb_typeof("titles") = 'object'
  AND EXISTS (SELECT 1 FROM jsonb_each("titles") AS e WHERE jsonb_typeof(e.value) = 'string');
--> statement-breakpoint
DROP FUNCTION ctcp_translatable_from_names(jsonb);
