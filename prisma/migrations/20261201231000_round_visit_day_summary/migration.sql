-- Visits per day, unit and owner (issue 14): the activity index's visits (rounds whose format is VISIT_INVESTOR, 外出拜访,
-- or VISIT_HERE, 来访) were counted from negotiation_round itself — at 100k projects a year holds 172k visits among
-- 430k rounds, read from the heap after every logged round (5.5 s cold under load). Kept here by triggers in the
-- writing transaction, as round_day_summary keeps the rounds: the activity index reads at most days × owners rows.
--
-- A round counts for the unit and owner of its project (as in round_day_summary); a project moved to another unit
-- or owner takes its visits along. Rows whose counts fall to zero stay (bounded by the keys that ever had a visit);
-- nothing here scans the summary. lib/data/dashboard/visit-summary.int.test.ts: the summary equals a recount after
-- every kind of write. Read through lib/data/round-summaries.ts only.

CREATE TABLE "round_visit_day_summary" (
    "day" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "visits_out" INTEGER NOT NULL DEFAULT 0,
    "visits_in" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "round_visit_day_summary_pkey" PRIMARY KEY ("day","unit_id","owner_id")
);

-- Adds per-round deltas (day, unit_id, owner_id, visits_out, visits_in: +1 / −1 each).
CREATE FUNCTION round_visit_day_summary_add(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO round_visit_day_summary AS s (day, unit_id, owner_id, visits_out, visits_in)
  SELECT d.day, d.unit_id, d.owner_id, SUM(d.visits_out)::int, SUM(d.visits_in)::int
    FROM jsonb_to_recordset(deltas) AS d(day date, unit_id int, owner_id int, visits_out int, visits_in int)
   GROUP BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE
    SET visits_out = s.visits_out + EXCLUDED.visits_out, visits_in = s.visits_in + EXCLUDED.visits_in;
$$;

CREATE FUNCTION round_visit_day_summary_on_round_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO round_visit_day_summary AS s (day, unit_id, owner_id, visits_out, visits_in)
  SELECT n.held_on, p.unit_id, p.owner_id, COUNT(*) FILTER (WHERE n.format = 'VISIT_INVESTOR')::int, COUNT(*) FILTER (WHERE n.format = 'VISIT_HERE')::int
    FROM new_rounds n JOIN project p ON p.id = n.project_id
   WHERE n.format IN ('VISIT_INVESTOR', 'VISIT_HERE')
   GROUP BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE
    SET visits_out = s.visits_out + EXCLUDED.visits_out, visits_in = s.visits_in + EXCLUDED.visits_in;
  RETURN NULL;
END $$;

CREATE FUNCTION round_visit_day_summary_on_round_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rounds deleted with their project were taken away by the project's delete trigger while it was still there;
  -- here the join finds no project for them.
  UPDATE round_visit_day_summary s
     SET visits_out = s.visits_out - d.o, visits_in = s.visits_in - d.i
    FROM (SELECT o.held_on AS day, p.unit_id, p.owner_id,
                 COUNT(*) FILTER (WHERE o.format = 'VISIT_INVESTOR')::int AS o, COUNT(*) FILTER (WHERE o.format = 'VISIT_HERE')::int AS i
            FROM old_rounds o JOIN project p ON p.id = o.project_id
           WHERE o.format IN ('VISIT_INVESTOR', 'VISIT_HERE')
           GROUP BY 1, 2, 3) d
   WHERE s.day = d.day AND s.unit_id = d.unit_id AND s.owner_id = d.owner_id;
  RETURN NULL;
END $$;

CREATE FUNCTION round_visit_day_summary_on_round_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE deltas jsonb;
BEGIN
  -- Only rounds whose day, project or format changed move; most updates change none.
  WITH moved AS (
    SELECT o.project_id AS old_project, o.held_on AS old_day, o.format AS old_format, n.project_id AS new_project, n.held_on AS new_day, n.format AS new_format
      FROM old_rounds o JOIN new_rounds n ON n.id = o.id
     WHERE o.project_id <> n.project_id OR o.held_on <> n.held_on OR o.format <> n.format
  )
  SELECT jsonb_agg(x) INTO deltas FROM (
    SELECT m.old_day AS day, p.unit_id, p.owner_id, -(m.old_format = 'VISIT_INVESTOR')::int AS visits_out, -(m.old_format = 'VISIT_HERE')::int AS visits_in
      FROM moved m JOIN project p ON p.id = m.old_project WHERE m.old_format IN ('VISIT_INVESTOR', 'VISIT_HERE')
    UNION ALL
    SELECT m.new_day, p.unit_id, p.owner_id, (m.new_format = 'VISIT_INVESTOR')::int, (m.new_format = 'VISIT_HERE')::int
      FROM moved m JOIN project p ON p.id = m.new_project WHERE m.new_format IN ('VISIT_INVESTOR', 'VISIT_HERE')
  ) x;
  IF deltas IS NOT NULL THEN PERFORM round_visit_day_summary_add(deltas); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_visit_day_summary_on_project_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE deltas jsonb;
BEGIN
  -- Most updates of a project (a round logged, an edit) move it nowhere. (EXCEPT, not a join: see
  -- round_day_summary_on_project_update, migration 20261201070100.)
  IF NOT EXISTS (SELECT id, unit_id, owner_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id FROM new_projects) THEN
    RETURN NULL;
  END IF;
  WITH moved AS (
    SELECT o.id, o.unit_id AS old_unit, o.owner_id AS old_owner, n.unit_id AS new_unit, n.owner_id AS new_owner
      FROM old_projects o JOIN new_projects n ON n.id = o.id
     WHERE o.unit_id <> n.unit_id OR o.owner_id <> n.owner_id
  ), per_day AS (
    SELECT m.old_unit, m.old_owner, m.new_unit, m.new_owner, r.held_on AS day,
           COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int AS o, COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int AS i
      FROM moved m JOIN negotiation_round r ON r.project_id = m.id
     WHERE r.format IN ('VISIT_INVESTOR', 'VISIT_HERE')
     GROUP BY 1, 2, 3, 4, 5
  )
  SELECT jsonb_agg(x) INTO deltas FROM (
    SELECT day, old_unit AS unit_id, old_owner AS owner_id, -o AS visits_out, -i AS visits_in FROM per_day
    UNION ALL
    SELECT day, new_unit, new_owner, o, i FROM per_day
  ) x;
  IF deltas IS NOT NULL THEN PERFORM round_visit_day_summary_add(deltas); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_visit_day_summary_on_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE round_visit_day_summary s
     SET visits_out = s.visits_out - d.o, visits_in = s.visits_in - d.i
    FROM (SELECT r.held_on AS day, COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int AS o, COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int AS i
            FROM negotiation_round r WHERE r.project_id = OLD.id AND r.format IN ('VISIT_INVESTOR', 'VISIT_HERE') GROUP BY 1) d
   WHERE s.day = d.day AND s.unit_id = OLD.unit_id AND s.owner_id = OLD.owner_id;
  RETURN OLD;
END $$;

CREATE FUNCTION round_visit_day_summary_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM round_visit_day_summary;
  RETURN NULL;
END $$;

CREATE TRIGGER round_visit_day_summary_round_insert AFTER INSERT ON negotiation_round
  REFERENCING NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_visit_day_summary_on_round_insert();
CREATE TRIGGER round_visit_day_summary_round_delete AFTER DELETE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_visit_day_summary_on_round_delete();
CREATE TRIGGER round_visit_day_summary_round_update AFTER UPDATE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_visit_day_summary_on_round_update();
CREATE TRIGGER round_visit_day_summary_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION round_visit_day_summary_on_project_update();
CREATE TRIGGER round_visit_day_summary_project_delete BEFORE DELETE ON project
  FOR EACH ROW EXECUTE FUNCTION round_visit_day_summary_on_project_delete();
CREATE TRIGGER round_visit_day_summary_round_truncate AFTER TRUNCATE ON negotiation_round
  FOR EACH STATEMENT EXECUTE FUNCTION round_visit_day_summary_on_truncate();

-- The visits already held.
INSERT INTO round_visit_day_summary (day, unit_id, owner_id, visits_out, visits_in)
SELECT r.held_on, p.unit_id, p.owner_id, COUNT(*) FILTER (WHERE r.format = 'VISIT_INVESTOR')::int, COUNT(*) FILTER (WHERE r.format = 'VISIT_HERE')::int
  FROM negotiation_round r JOIN project p ON p.id = r.project_id
 WHERE r.format IN ('VISIT_INVESTOR', 'VISIT_HERE')
 GROUP BY 1, 2, 3;
