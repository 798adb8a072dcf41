-- My work's unit view at any size (issue 14): the activity feed and the milestone alerts read along indexes the few
-- rows they show, so a province's My work costs what a county's does (lib/data/my-work.ts recentActivity,
-- lib/data/commitments.ts listMilestoneAlerts).

-- The feed's rounds: the newest first along (created_at, id), with the project carried in the index so that rounds of
-- projects out of view are passed over without reading their (wide) rows. Replaces the (created_at, id) index of
-- migration 20261129130000, which read each round's row to learn its project.
CREATE INDEX "negotiation_round_created_at_id_project_id_idx" ON "negotiation_round" ("created_at", "id", "project_id");
DROP INDEX "negotiation_round_created_at_id_idx";

-- The feed's audit entries about projects and their funds in place, the newest first (two sources: their project is
-- read from different places). The project's entries carry the project and the action (what the feed filters on).
CREATE INDEX "audit_log_project_feed_idx" ON "audit_log" ("at", "id") INCLUDE ("entity_id", "action") WHERE "entity" = 'project';
CREATE INDEX "audit_log_funds_feed_idx" ON "audit_log" ("at", "id") WHERE "entity" = 'funds_in_place';

-- The milestone alerts: milestone promises in force by deadline (unreachedMilestoneSql, lib/data/sql-rules.ts: not
-- replaced, of the milestone kinds MILESTONE_KINDS, lib/domain/milestones.ts), read from the earliest deadline until
-- enough in view are found, instead of every milestone in view sorted (and every construction start hashed).
-- The project and kind are in the index: the scope and "reached" checks need nothing else of the row.
CREATE INDEX "commitment_milestone_due_idx" ON "commitment" ("due_on", "project_id", "kind")
  WHERE "replaced_at" IS NULL AND "kind" IN ('LAND_HANDOVER', 'CONSTRUCTION_START', 'PRODUCTION', 'FULL_PRODUCTION', 'STATISTICS');
