-- Substring search (ILIKE '%…%') on project titles and company names, fast
-- with 100,000 projects: trigram GIN indexes. The embedded PGlite loads
-- pg_trgm too (scripts/lib/embedded-db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "company_name_zh_trgm_idx" ON "company" USING GIN ("name_zh" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "company_name_en_trgm_idx" ON "company" USING GIN ("name_en" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "project_title_trgm_idx" ON "project" USING GIN ("title" gin_trgm_ops);
