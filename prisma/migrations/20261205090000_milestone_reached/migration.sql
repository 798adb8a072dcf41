-- The day each kind of milestone was first reached on a project (lib/domain/delivery-rates.ts: the earliest actual of
-- its kind; 开工 the first construction start record, not an actual), kept in the transaction that writes the starts
-- and the actuals. The delivery rates ask it of every milestone due and of every project signed in the period: at 300k
-- projects 137k and 33k index probes of construction_start and commitment_actual per dashboard, the most of what a
-- construction start or a contract recomputed. Read as one table, they are joined in one pass.
-- Every kind of actual has its row (readers ask the milestone kinds): the list of milestone kinds stays in one place
-- (lib/domain/milestones.ts MILESTONE_KINDS).
CREATE TABLE "milestone_reached" (
    "project_id" INTEGER NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "reached_on" DATE NOT NULL,

    CONSTRAINT "milestone_reached_pkey" PRIMARY KEY ("project_id", "kind")
);

-- First starts in a period (sql-rules.ts firstStartsSql: the dashboard's starts, the funnel's days to start, the
-- targets' and the report's starts): a range of one kind.
CREATE INDEX "milestone_reached_kind_reached_on_project_id_idx" ON "milestone_reached"("kind", "reached_on", "project_id");

-- The rows of projects `ids` computed again from their starts and actuals; a row whose day did not move is not
-- rewritten. (A project deleted takes its starts and actuals along, and with them, through this, its rows.)
-- Concurrency, as counted_signing's refresh: the projects are locked first (FOR NO KEY UPDATE; the stage form already
-- holds its project's row), then read with a fresh snapshot (a volatile function takes one per statement), so of two
-- writers of one project's actuals the second waits and counts the first's (without the lock it wrote its own day
-- over the first's earlier one).
CREATE FUNCTION milestone_reached_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM project WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  WITH fresh AS (
    SELECT cs.project_id, 'CONSTRUCTION_START'::"CommitmentKind" AS kind, MIN(cs.started_on) AS reached_on
      FROM construction_start cs WHERE cs.project_id = ANY(ids) GROUP BY cs.project_id
    UNION ALL
    SELECT ca.project_id, ca.kind, MIN(ca.reported_on)
      FROM commitment_actual ca WHERE ca.project_id = ANY(ids) AND ca.kind <> 'CONSTRUCTION_START' GROUP BY ca.project_id, ca.kind
  ),
  gone AS (
    DELETE FROM milestone_reached r
     WHERE r.project_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.project_id = r.project_id AND f.kind = r.kind)
  )
  INSERT INTO milestone_reached (project_id, kind, reached_on)
  SELECT project_id, kind, reached_on FROM fresh
  ON CONFLICT (project_id, kind) DO UPDATE SET reached_on = EXCLUDED.reached_on
   WHERE milestone_reached.reached_on IS DISTINCT FROM EXCLUDED.reached_on;
$$;

-- One function for the starts and the actuals, every operation: the projects of the rows written (both sides of an
-- update: a start moved to another project changes two).
CREATE FUNCTION milestone_reached_on_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM milestone_reached_refresh(ARRAY(SELECT DISTINCT n.project_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM milestone_reached_refresh(ARRAY(SELECT DISTINCT o.project_id FROM old_rows o));
  ELSE
    PERFORM milestone_reached_refresh(ARRAY(SELECT o.project_id FROM old_rows o UNION SELECT n.project_id FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION milestone_reached_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE milestone_reached;
  PERFORM milestone_reached_refresh(ARRAY(SELECT project_id FROM construction_start UNION SELECT project_id FROM commitment_actual));
  RETURN NULL;
END $$;

CREATE TRIGGER milestone_reached_start_insert AFTER INSERT ON construction_start
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_start_update AFTER UPDATE ON construction_start
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_start_delete AFTER DELETE ON construction_start
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_start_truncate AFTER TRUNCATE ON construction_start
  FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_truncate();
CREATE TRIGGER milestone_reached_actual_insert AFTER INSERT ON commitment_actual
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_actual_update AFTER UPDATE ON commitment_actual
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_actual_delete AFTER DELETE ON commitment_actual
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_write();
CREATE TRIGGER milestone_reached_actual_truncate AFTER TRUNCATE ON commitment_actual
  FOR EACH STATEMENT EXECUTE FUNCTION milestone_reached_on_truncate();

-- What is already recorded.
SELECT milestone_reached_refresh(ARRAY(SELECT project_id FROM construction_start UNION SELECT project_id FROM commitment_actual));
