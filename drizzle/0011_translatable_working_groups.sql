-- Working groups' names become translatable text ({ [locale]: { text, status } }, platform/i18n/text.ts): English is
-- the original (the only language when it is the only one), the other languages reviewed translations.
-- Idempotent: only string entries are converted.
UPDATE "working_groups" g SET "names" = (
  SELECT jsonb_object_agg(e.key,
    CASE WHEN jsonb_typeof(e.value) = 'string' THEN jsonb_build_object('text', e.value #>> '{}', 'status',
      CASE WHEN e.key = (
        SELECT CASE WHEN count(*) = 1 THEN min(k) WHEN bool_or(k = 'en') THEN 'en' ELSE min(k) END
        FROM jsonb_object_keys(g."names") k
      ) THEN 'original' ELSE 'reviewed' END)
    ELSE e.value END)
  FROM jsonb_each(g."names") e
  WHERE jsonb_typeof(e.value) <> 'string' OR btrim(e.value #>> '{}') <> ''
)
WHERE jsonb_typeof(g."names") = 'object'
  AND EXISTS (SELECT 1 FROM jsonb_each(g."names") e WHERE jsonb_typeof(e.value) = 'string');
