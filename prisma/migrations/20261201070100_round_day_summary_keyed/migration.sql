-- The round_day_summary triggers do only the work of the rows they touch
-- (issue 14). Until now each ended with `DELETE FROM round_day_summary WHERE
-- rounds <= 0`, a scan of the whole summary, and the project trigger ran it on
-- every UPDATE of project — which logging a round does (round_count,
-- last_round_on). Now:
-- - an UPDATE of project that moves no project to another unit or owner
--   returns at once;
-- - each trigger collects the keys of the summary rows it brought to zero
--   (RETURNING) and deletes those by primary key.
-- Same results as before; lib/data/dashboard/round-day-summary.int.test.ts
-- checks the recount after each kind of write and that none scans the summary.

-- Deletes the emptied rows among the given keys (parallel arrays, as RETURNING collected them).
CREATE FUNCTION round_day_summary_drop_empty(days date[], units int[], owners int[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM round_day_summary s
   USING unnest(days, units, owners) AS k(day, unit_id, owner_id)
   WHERE s.day = k.day AND s.unit_id = k.unit_id AND s.owner_id = k.owner_id AND s.rounds <= 0;
$$;

CREATE OR REPLACE FUNCTION round_day_summary_on_round_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE days date[]; units int[]; owners int[];
BEGIN
  -- Rounds deleted with their project were taken away by
  -- round_day_summary_on_project_delete while the project was still there;
  -- here the join finds no project for them.
  WITH applied AS (
    UPDATE round_day_summary s SET rounds = s.rounds - d.n
      FROM (SELECT o.held_on AS day, p.unit_id, p.owner_id, COUNT(*)::int AS n
              FROM old_rounds o JOIN project p ON p.id = o.project_id
             GROUP BY 1, 2, 3) d
     WHERE s.day = d.day AND s.unit_id = d.unit_id AND s.owner_id = d.owner_id
    RETURNING s.day, s.unit_id, s.owner_id, s.rounds
  )
  SELECT array_agg(day), array_agg(unit_id), array_agg(owner_id) INTO days, units, owners FROM applied WHERE rounds <= 0;
  IF days IS NOT NULL THEN PERFORM round_day_summary_drop_empty(days, units, owners); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION round_day_summary_on_round_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE days date[]; units int[]; owners int[];
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
  ), applied AS (
    INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds)
    SELECT day, unit_id, owner_id, SUM(n)::int FROM delta GROUP BY 1, 2, 3
    ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds
    RETURNING s.day, s.unit_id, s.owner_id, s.rounds
  )
  SELECT array_agg(day), array_agg(unit_id), array_agg(owner_id) INTO days, units, owners FROM applied WHERE rounds <= 0;
  IF days IS NOT NULL THEN PERFORM round_day_summary_drop_empty(days, units, owners); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION round_day_summary_on_project_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE days date[]; units int[]; owners int[];
BEGIN
  -- Most updates of a project (a round logged, an edit) move it nowhere. (EXCEPT, not a join: the planner has no
  -- statistics for transition tables and joined two of 20,000 rows by nested loop — 55 s for one UPDATE.)
  IF NOT EXISTS (SELECT id, unit_id, owner_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id FROM new_projects) THEN
    RETURN NULL;
  END IF;
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
  ), applied AS (
    INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds)
    SELECT day, unit_id, owner_id, SUM(n)::int FROM delta GROUP BY 1, 2, 3
    ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds
    RETURNING s.day, s.unit_id, s.owner_id, s.rounds
  )
  SELECT array_agg(day), array_agg(unit_id), array_agg(owner_id) INTO days, units, owners FROM applied WHERE rounds <= 0;
  IF days IS NOT NULL THEN PERFORM round_day_summary_drop_empty(days, units, owners); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION round_day_summary_on_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE days date[]; units int[]; owners int[];
BEGIN
  WITH applied AS (
    UPDATE round_day_summary s SET rounds = s.rounds - d.n
      FROM (SELECT r.held_on AS day, COUNT(*)::int AS n
              FROM negotiation_round r WHERE r.project_id = OLD.id GROUP BY 1) d
     WHERE s.day = d.day AND s.unit_id = OLD.unit_id AND s.owner_id = OLD.owner_id
    RETURNING s.day, s.unit_id, s.owner_id, s.rounds
  )
  SELECT array_agg(day), array_agg(unit_id), array_agg(owner_id) INTO days, units, owners FROM applied WHERE rounds <= 0;
  IF days IS NOT NULL THEN PERFORM round_day_summary_drop_empty(days, units, owners); END IF;
  RETURN OLD;
END $$;
