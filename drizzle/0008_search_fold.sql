-- List filters match text, not syntax: the values of a multilingual field (never its JSON keys), compared without
-- case and accents after Unicode normalization. Used by platform/db/sql.ts (matchesText).
CREATE OR REPLACE FUNCTION ctcp_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g'))
$$;
--> statement-breakpoint
-- The text of a multilingual value: { "en": "…" } (names) or { "en": { "text": "…", "status": … } } (content),
-- one language per line; a plain string is itself.
CREATE OR REPLACE FUNCTION ctcp_text_values(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(j)
    WHEN 'string' THEN j #>> '{}'
    WHEN 'object' THEN (
      SELECT string_agg(CASE jsonb_typeof(e.value) WHEN 'string' THEN e.value #>> '{}' ELSE e.value ->> 'text' END, E'\n')
      FROM jsonb_each(j) AS e
    )
    ELSE NULL
  END
$$;
