-- Trigram similarity (pg_trgm) for the search's names and typos: PostgreSQL's contrib extension, shipped with PGlite
-- too (loaded by platform/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
