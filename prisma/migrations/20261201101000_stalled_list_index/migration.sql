-- The report's stalled list (lib/reports/build-report.ts, listPages "stalledProjects") is read in pages of
-- LIST_PAGE_SIZE by keyset on (last activity, id), last activity being lastActivitySql:
-- COALESCE(last_round_on, first_contact_on). Without an index in that order each page scanned every stalled
-- project and sorted them again (issue 14: the report 14 s / 33 s / 120 s at 10k / 100k / 300k projects). This
-- index is that order over the projects the stall rule can hold (stalledSql: stage in STALL_STAGES,
-- lib/domain/stages.ts): a page is a range of it.
--
-- An expression index, which schema.prisma cannot describe (prisma/schema-drift.int.test.ts does not see it).
-- Its expression and its WHERE are lastActivitySql's and STALL_STAGES's: change them together.
CREATE INDEX "project_stall_list_idx" ON "project" ((COALESCE("last_round_on", "first_contact_on")), "id")
  WHERE "stage" IN ('FIRST_CONTACT', 'INTENT', 'NEGOTIATION', 'SIGNED');
