-- Dashboard and report aggregates (issue 4), measured on the seed:large data set
-- (bench/results.md): covering indexes so the period scans and the joins to
-- project are index-only.
-- In schema.prisma terms (same names, so `migrate dev` sees no drift once added):
--   NegotiationRound: @@index([heldOn, projectId])
--   Project:          @@index([id, unitId, ownerId, sectorId, chainId, companyId, firstContactOn], map: "project_dashboard_cover_idx")
--   StageChange:      @@index([changedAt, projectId, toStage], map: "stage_change_changed_at_cover_idx")

-- CreateIndex
CREATE INDEX "negotiation_round_held_on_project_id_idx" ON "negotiation_round"("held_on", "project_id");

-- CreateIndex
CREATE INDEX "project_dashboard_cover_idx" ON "project"("id", "unit_id", "owner_id", "sector_id", "chain_id", "company_id", "first_contact_on");

-- CreateIndex
CREATE INDEX "stage_change_changed_at_cover_idx" ON "stage_change"("changed_at", "project_id", "to_stage");
