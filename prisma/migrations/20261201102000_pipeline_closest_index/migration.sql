-- The dashboard's "closest to signing" cards (lib/data/dashboard/pipeline.ts, pipelineClosest: the largest
-- NEGOTIATION projects by planned yuan, ties by id) are in the half a logged round recomputes. Without an index in
-- that order each recompute scanned every project and sorted the NEGOTIATION ones (a parallel sequential scan at
-- 100k projects); with it, the first CLOSEST_LIMIT entries of the index, whatever the number of projects.
--
-- A partial index, which schema.prisma cannot describe (prisma/schema-drift.int.test.ts does not see it). Its
-- WHERE and order are pipelineClosest's: change them together.
CREATE INDEX "project_pipeline_closest_idx" ON "project" ("planned_investment_cny" DESC NULLS LAST, "id")
  WHERE "stage" = 'NEGOTIATION';
