-- Covering indexes for the dashboard sections that still read the base
-- tables (issue 4, bench/results.md), so each is an index-only scan:
-- - the funnel's period scan of stage_change reads id too (first entry into a
--   stage), and its "moved further later?" probe per entry reads to_stage;
-- - "rounds to signing" counts a project's rounds held on or before a day;
-- - stalled and overdue read stage, dates and the filter columns of every
--   project (52 MB of heap on the large data set, ~5 MB of index).
-- In schema.prisma terms (same names):
--   StageChange:      @@index([projectId, changedAt, id, toStage]) replaces @@index([projectId, changedAt])
--                     @@index([changedAt, projectId, toStage, id], map: "stage_change_changed_at_cover_idx")
--   NegotiationRound: @@index([projectId, heldOn])
--   Project:          @@index([stage, lastRoundOn, firstContactOn, nextFollowUpOn, unitId, ownerId, sectorId, chainId], map: "project_status_cover_idx")

DROP INDEX "stage_change_project_id_changed_at_idx";
CREATE INDEX "stage_change_project_id_changed_at_id_to_stage_idx" ON "stage_change"("project_id", "changed_at", "id", "to_stage");

DROP INDEX "stage_change_changed_at_cover_idx";
CREATE INDEX "stage_change_changed_at_cover_idx" ON "stage_change"("changed_at", "project_id", "to_stage", "id");

CREATE INDEX "negotiation_round_project_id_held_on_idx" ON "negotiation_round"("project_id", "held_on");

CREATE INDEX "project_status_cover_idx" ON "project"("stage", "last_round_on", "first_contact_on", "next_follow_up_on", "unit_id", "owner_id", "sector_id", "chain_id");
