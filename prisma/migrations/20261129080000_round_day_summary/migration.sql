-- Rounds per day, per unit and per owner, kept current by triggers in the
-- same transaction as every write to negotiation_round (and to the unit or
-- owner of a project), so the dashboard's "rounds per week / officer / unit"
-- sums ~36k summary rows a year instead of scanning ~400k rounds and joining
-- each to its project (issue 4, bench/results.md). Days, not weeks, so any
-- period (month, quarter, custom) is still cut exactly. Triggers rather than
-- application code because rounds are written by the round form, the importer
-- and the seeds alike.
--
-- A round counts on its held_on, for the unit and the owner of its project
-- (lib/data/dashboard/work.ts). Moving a project to another owner or unit
-- moves its past rounds with it.
--
-- In schema.prisma terms: model RoundDaySummary (@@map("round_day_summary")).

CREATE TABLE "round_day_summary" (
    "day" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "rounds" INTEGER NOT NULL,
    CONSTRAINT "round_day_summary_pkey" PRIMARY KEY ("day", "unit_id", "owner_id")
);

CREATE FUNCTION round_day_summary_on_round_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds)
  SELECT n.held_on, p.unit_id, p.owner_id, COUNT(*)::int
    FROM new_rounds n JOIN project p ON p.id = n.project_id
   GROUP BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds;
  RETURN NULL;
END $$;

CREATE FUNCTION round_day_summary_on_round_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rounds deleted with their project were taken away by
  -- round_day_summary_on_project_delete while the project was still there;
  -- here the join finds no project for them.
  UPDATE round_day_summary s SET rounds = s.rounds - d.n
    FROM (SELECT o.held_on AS day, p.unit_id, p.owner_id, COUNT(*)::int AS n
            FROM old_rounds o JOIN project p ON p.id = o.project_id
           GROUP BY 1, 2, 3) d
   WHERE s.day = d.day AND s.unit_id = d.unit_id AND s.owner_id = d.owner_id;
  DELETE FROM round_day_summary WHERE rounds <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION round_day_summary_on_round_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rounds whose day or project changed move; most updates change neither.
  WITH moved AS (
    SELECT o.project_id AS old_project, o.held_on AS old_day, n.project_id AS new_project, n.held_on AS new_day
      FROM old_rounds o JOIN new_rounds n ON n.id = o.id
     WHERE o.project_id <> n.project_id OR o.held_on <> n.held_on
  ), delta AS (
    SELECT m.old_day AS day, p.unit_id, p.owner_id, -1 AS n FROM moved m JOIN project p ON p.id = m.old_project
    UNION ALL
    SELECT m.new_day, p.unit_id, p.owner_id, 1 FROM moved m JOIN project p ON p.id = m.new_project
  )
  INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds)
  SELECT day, unit_id, owner_id, SUM(n)::int FROM delta GROUP BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds;
  DELETE FROM round_day_summary WHERE rounds <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION round_day_summary_on_project_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A project given to another owner or unit takes its rounds along.
  WITH moved AS (
    SELECT o.id, o.unit_id AS old_unit, o.owner_id AS old_owner, n.unit_id AS new_unit, n.owner_id AS new_owner
      FROM old_projects o JOIN new_projects n ON n.id = o.id
     WHERE o.unit_id <> n.unit_id OR o.owner_id <> n.owner_id
  ), per_day AS (
    SELECT m.old_unit, m.old_owner, m.new_unit, m.new_owner, r.held_on AS day, COUNT(*)::int AS n
      FROM moved m JOIN negotiation_round r ON r.project_id = m.id
     GROUP BY 1, 2, 3, 4, 5
  ), delta AS (
    SELECT day, old_unit AS unit_id, old_owner AS owner_id, -n AS n FROM per_day
    UNION ALL
    SELECT day, new_unit, new_owner, n FROM per_day
  )
  INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds)
  SELECT day, unit_id, owner_id, SUM(n)::int FROM delta GROUP BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds;
  DELETE FROM round_day_summary WHERE rounds <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION round_day_summary_on_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE round_day_summary s SET rounds = s.rounds - d.n
    FROM (SELECT r.held_on AS day, COUNT(*)::int AS n
            FROM negotiation_round r WHERE r.project_id = OLD.id GROUP BY 1) d
   WHERE s.day = d.day AND s.unit_id = OLD.unit_id AND s.owner_id = OLD.owner_id;
  DELETE FROM round_day_summary WHERE rounds <= 0;
  RETURN OLD;
END $$;

CREATE FUNCTION round_day_summary_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE round_day_summary;
  RETURN NULL;
END $$;

CREATE TRIGGER round_day_summary_round_insert AFTER INSERT ON negotiation_round
  REFERENCING NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_day_summary_on_round_insert();
CREATE TRIGGER round_day_summary_round_delete AFTER DELETE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_day_summary_on_round_delete();
CREATE TRIGGER round_day_summary_round_update AFTER UPDATE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_day_summary_on_round_update();
CREATE TRIGGER round_day_summary_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION round_day_summary_on_project_update();
-- BEFORE and per row: the project's rounds must still be there to be counted.
CREATE TRIGGER round_day_summary_project_delete BEFORE DELETE ON project
  FOR EACH ROW EXECUTE FUNCTION round_day_summary_on_project_delete();
CREATE TRIGGER round_day_summary_round_truncate AFTER TRUNCATE ON negotiation_round
  FOR EACH STATEMENT EXECUTE FUNCTION round_day_summary_on_truncate();

-- Rounds already held.
INSERT INTO round_day_summary (day, unit_id, owner_id, rounds)
SELECT r.held_on, p.unit_id, p.owner_id, COUNT(*)::int
  FROM negotiation_round r JOIN project p ON p.id = r.project_id
 GROUP BY 1, 2, 3;
