-- My work's stalled list (lib/data/my-work.ts STALLED_ORDER) in its own order (issue 14): never-met projects first
-- by first contact, then the longest silence. Without an index in that order PostgreSQL read every stalled project
-- in scope and sorted them to show 50 (a scan of `project` for a city manager's unit view, linear in the data);
-- along this index it stops after the first 50 that pass the filter. Partial on the stall stages (STALL_STAGES,
-- lib/domain/stages.ts): stalledSql only ever matches those, and the planner proves it from its conditions.
CREATE INDEX "project_silence_idx" ON "project" ("last_round_on" ASC NULLS FIRST, "first_contact_on", "id")
  WHERE "stage" IN ('FIRST_CONTACT', 'INTENT', 'NEGOTIATION', 'SIGNED');
