-- Full-text search over a row's string fields (the rows page's search box). An expression index
-- Prisma's schema cannot describe: queries must use exactly this expression to hit it
-- (packages/db/src/repositories/row-browser.ts, ROW_TSVECTOR). 'simple': no stemming, any language.
CREATE INDEX "Row_fields_fts_idx" ON "Row" USING GIN (jsonb_to_tsvector('simple'::regconfig, "fields", '["string"]'::jsonb));
