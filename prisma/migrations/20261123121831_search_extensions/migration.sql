-- For the PostgreSQL search engine (apps/server/src/search/postgres-engine.ts):
-- pg_trgm finds partial words, identifiers, URLs and CJK text by the trigrams of the text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
