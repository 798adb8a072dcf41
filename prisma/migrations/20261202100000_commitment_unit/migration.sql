-- My work's milestone alerts for one unit read along that unit's own milestones (issue 14).
--
-- The alerts (lib/data/commitments.ts milestoneAlertsSql) walk the milestone promises in force by deadline and stop
-- at 50 in view. Along commitment_milestone_due_idx (every unit's milestones, migration 20261202020000) a county's
-- walk passed over the other units' milestones too, probing each one's project for its unit: 3,010 index entries for
-- a county at 300k projects, nine in ten out of view, each a random probe into an index that grows with the data.
-- A commitment now carries its project's unit, so the walk is a range of (unit_id, due_on, …) holding only the
-- unit's milestones. The city's view (no unit) keeps walking commitment_milestone_due_idx.
--
-- unit_id is its project's unit_id, kept by triggers in the writing transaction:
-- - commitment_unit sets it on every insert (and if project_id or unit_id is ever written), from the project;
-- - project_unit_to_commitments carries a project's move to another unit to its commitments.
-- lib/data/commitments.int.test.ts checks it against the projects after every kind of write that can change it.

ALTER TABLE "commitment" ADD COLUMN "unit_id" INTEGER NOT NULL DEFAULT 0;

-- The rows already there, without the table's triggers (the update writes only unit_id, which no summary, cache
-- or data_version reader depends on; the change log's statement trigger would list every project), and before the
-- index is built (one build instead of row-by-row updates). The triggers below keep it from here on.
ALTER TABLE "commitment" DISABLE TRIGGER USER;
UPDATE "commitment" m SET "unit_id" = p."unit_id" FROM "project" p WHERE p."id" = m."project_id";
ALTER TABLE "commitment" ENABLE TRIGGER USER;

CREATE FUNCTION commitment_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- FOR SHARE conflicts with the lock of an UPDATE of the project: an insert waits for a move of its project still
  -- in progress (and then reads the unit it committed), and a move waits for an insert holding the lock (and then
  -- its UPDATE of commitment, a later statement, sees the inserted row). Either way the unit is the one that stays.
  SELECT p.unit_id INTO NEW.unit_id FROM project p WHERE p.id = NEW.project_id FOR SHARE;
  RETURN NEW;
END $$;

CREATE TRIGGER commitment_unit BEFORE INSERT OR UPDATE OF project_id, unit_id ON commitment
  FOR EACH ROW EXECUTE FUNCTION commitment_unit();

CREATE FUNCTION project_unit_to_commitments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commitment SET unit_id = NEW.unit_id WHERE project_id = NEW.id AND unit_id <> NEW.unit_id;
  RETURN NULL;
END $$;

-- Only a write of unit_id that changes it: a round logged or an edit of other fields does not call the function.
CREATE TRIGGER project_unit_to_commitments AFTER UPDATE OF unit_id ON project
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id) EXECUTE FUNCTION project_unit_to_commitments();

-- The milestone promises in force (unreachedMilestoneSql, lib/data/sql-rules.ts: not replaced, of the milestone
-- kinds MILESTONE_KINDS, lib/domain/milestones.ts) of one unit by deadline, with project and kind (the "reached"
-- checks need nothing else of the row). Same predicate as commitment_milestone_due_idx.
CREATE INDEX "commitment_unit_milestone_due_idx" ON "commitment" ("unit_id", "due_on", "project_id", "kind")
  WHERE "replaced_at" IS NULL AND "kind" IN ('LAND_HANDOVER', 'CONSTRUCTION_START', 'PRODUCTION', 'FULL_PRODUCTION', 'STATISTICS');
