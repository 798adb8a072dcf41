-- My work's activity feed lists the latest rounds recorded on the projects in
-- view (ORDER BY created_at DESC, id DESC LIMIT 20). Without this index it read
-- every round (2,000,000 on bench data) to find them.
CREATE INDEX "negotiation_round_created_at_id_idx" ON "negotiation_round"("created_at", "id");
