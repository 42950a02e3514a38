-- Time zones asked and remembered, and one Chair's Summary. Hand-written; idempotent; forward only.
--
-- 1. An account's time zone is asked at the first sign-in and on the account page; the moment the person confirmed
-- it is kept (null: never asked, the platform's default UTC is only a placeholder).
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "time_zone_confirmed_at" timestamp with time zone;
--> statement-breakpoint
-- An account whose zone is not the default was set on the account page by its owner: that was a choice.
UPDATE "users" SET "time_zone_confirmed_at" = now()
WHERE "time_zone" <> 'UTC' AND "time_zone_confirmed_at" IS NULL;
--> statement-breakpoint
-- 2. A Chair's Summary's text lives in event_summary_items only (the event page, the Chair's Summary page and the
-- outcome report read it there). A document of kind chairs_summary that carried the text itself (a body, neither a
-- file nor a link: the demo data of the 2023 High-Level Conference) becomes its event's summary — conclusions in the
-- body's language, one per line, numbering removed — when the event has no summary yet.
WITH "src" AS (
  SELECT DISTINCT ON (d."event_id") d."event_id", v."lang", v."body"
  FROM "event_documents" d
  CROSS JOIN LATERAL (
    SELECT e."key" AS "lang", e."value"->>'body' AS "body"
    FROM jsonb_each(d."versions") e
    WHERE coalesce(e."value"->>'body', '') <> ''
    ORDER BY (e."value"->>'status' = 'original') DESC, (e."key" = 'en') DESC, e."key"
    LIMIT 1
  ) v
  WHERE d."kind" = 'chairs_summary'
    AND NOT EXISTS (SELECT 1 FROM "event_summary_items" s WHERE s."event_id" = d."event_id")
  ORDER BY d."event_id", d."sort", d."created_at"
)
INSERT INTO "event_summary_items" ("event_id", "kind", "sort", "language", "body")
SELECT "src"."event_id", 'conclusion', (row_number() OVER (PARTITION BY "src"."event_id" ORDER BY l."n") - 1)::int,
  "src"."lang", regexp_replace(btrim(l."line"), '^([0-9]+[.)]|[-•*])\s*', '')
FROM "src"
CROSS JOIN LATERAL regexp_split_to_table("src"."body", E'\r?\n') WITH ORDINALITY AS l("line", "n")
WHERE btrim(l."line") <> '';
--> statement-breakpoint
-- The text is now the summary's (or the event had one already): a Chair's Summary document keeps only what publishes
-- it — a file or a link. One that had nothing else is removed; the others lose their text-only versions.
DELETE FROM "event_documents" d
WHERE d."kind" = 'chairs_summary'
  AND EXISTS (SELECT 1 FROM jsonb_each(d."versions") e WHERE e."value" ? 'body')
  AND NOT EXISTS (SELECT 1 FROM jsonb_each(d."versions") e WHERE e."value" ? 'url' OR e."value" ? 'file');
--> statement-breakpoint
UPDATE "event_documents" d
SET "versions" = (
  SELECT coalesce(jsonb_object_agg(e."key", e."value" - 'body'), '{}'::jsonb)
  FROM jsonb_each(d."versions") e
  WHERE e."value" ? 'url' OR e."value" ? 'file'
)
WHERE d."kind" = 'chairs_summary'
  AND EXISTS (SELECT 1 FROM jsonb_each(d."versions") e WHERE e."value" ? 'body');
