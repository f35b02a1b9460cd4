-- The rows page's full-text search reads a stored tsvector: the expression index alone made
-- Postgres compute jsonb_to_tsvector per row whenever a search matched many rows (a count over
-- 100k matches took ~1 s, ~30 ms from the stored column). Kept out of schema.prisma (Prisma
-- has no tsvector or generated columns), queries name it in packages/db/src/repositories/row-browser.ts.
ALTER TABLE "Row" ADD COLUMN "searchText" tsvector GENERATED ALWAYS AS (jsonb_to_tsvector('simple'::regconfig, "fields", '["string"]'::jsonb)) STORED;
CREATE INDEX "Row_searchText_idx" ON "Row" USING GIN ("searchText");
DROP INDEX "Row_fields_fts_idx";
