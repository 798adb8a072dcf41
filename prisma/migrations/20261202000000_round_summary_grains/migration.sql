-- Rounds counted one way, at three grains (issue 14).
--
-- Until now two summaries were kept by near-copies of the same triggers: round_day_summary (rounds per day, unit and
-- owner; migration 20261129080000) and round_visit_day_summary (visits per day, unit and owner; 20261201231000).
-- The dashboard's rounds per week / owner / unit and the activity index read a year of them after every logged round:
-- days × owners rows (36,499 a year at 100k projects, 25,133 at 10k), the most expensive part of what a logged round
-- recomputes. Now:
--
-- - round_day_summary holds rounds, visits_out (VISIT_INVESTOR, 外出拜访) and visits_in (VISIT_HERE, 来访) per day,
--   unit and owner of the project: the one fine grain (owner filters, the edges of a custom period). The visits
--   summary's rows are moved into it and the table dropped.
-- - round_week_summary: the same counts per part of an ISO week inside one calendar month (starts_on: the part's first
--   day, a Monday or a 1st), unit and slot (owner_id % 8). A month, quarter or year is an exact run of parts, so the
--   weekly series, the per-unit totals and the activity index read about 64 parts × units × slots rows a year,
--   whatever the number of projects or days; a custom period completes its first and last part from the days.
--   The slot keeps the row from being a queue: a unit's officers logging at once would otherwise all wait on one row
--   per unit until each commits (the round's transaction holds it from its INSERT to its commit); with the owner's
--   slot two of them share a row only when their ids agree modulo 8 — as before only the owner's own day row was
--   shared.
-- - round_month_summary: rounds per calendar month (its 1st), unit and owner: the per-owner totals read owners ×
--   months rows; a custom period completes its first and last month from the days.
--
-- One set of triggers keeps the three: each turns the rows it saw into signed deltas (day, unit, owner, rounds,
-- visits_out, visits_in) and hands them to round_summary_apply, which adds them to each grain (rows written in key
-- order). Rows brought to zero stay (bounded by the keys that ever had a round); readers skip zero sums. Nothing here
-- scans a summary. A round counts for the unit and owner of its project; a project moved to another unit or owner
-- takes its rounds along. lib/data/round-summaries.ts is the one reader; lib/data/dashboard/round-day-summary.int.test.ts
-- checks every grain against a recount after every kind of write.

-- 1. The visits join the day grain.
ALTER TABLE "round_day_summary" ADD COLUMN "visits_out" INTEGER NOT NULL DEFAULT 0, ADD COLUMN "visits_in" INTEGER NOT NULL DEFAULT 0;
INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds, visits_out, visits_in)
SELECT v.day, v.unit_id, v.owner_id, 0, v.visits_out, v.visits_in FROM round_visit_day_summary v WHERE v.visits_out <> 0 OR v.visits_in <> 0
ON CONFLICT (day, unit_id, owner_id) DO UPDATE SET visits_out = EXCLUDED.visits_out, visits_in = EXCLUDED.visits_in;
-- An officer's own dashboard reads the days of one owner.
CREATE INDEX "round_day_summary_owner_id_day_idx" ON "round_day_summary" ("owner_id", "day");

DROP TRIGGER round_day_summary_round_insert ON negotiation_round;
DROP TRIGGER round_day_summary_round_delete ON negotiation_round;
DROP TRIGGER round_day_summary_round_update ON negotiation_round;
DROP TRIGGER round_day_summary_round_truncate ON negotiation_round;
DROP TRIGGER round_day_summary_project_update ON project;
DROP TRIGGER round_day_summary_project_delete ON project;
DROP TRIGGER round_visit_day_summary_round_insert ON negotiation_round;
DROP TRIGGER round_visit_day_summary_round_delete ON negotiation_round;
DROP TRIGGER round_visit_day_summary_round_update ON negotiation_round;
DROP TRIGGER round_visit_day_summary_round_truncate ON negotiation_round;
DROP TRIGGER round_visit_day_summary_project_update ON project;
DROP TRIGGER round_visit_day_summary_project_delete ON project;
DROP FUNCTION round_day_summary_on_round_insert();
DROP FUNCTION round_day_summary_on_round_delete();
DROP FUNCTION round_day_summary_on_round_update();
DROP FUNCTION round_day_summary_on_truncate();
DROP FUNCTION round_day_summary_on_project_update();
DROP FUNCTION round_day_summary_on_project_delete();
DROP FUNCTION round_day_summary_drop_empty(date[], int[], int[]);
DROP FUNCTION round_visit_day_summary_on_round_insert();
DROP FUNCTION round_visit_day_summary_on_round_delete();
DROP FUNCTION round_visit_day_summary_on_round_update();
DROP FUNCTION round_visit_day_summary_on_truncate();
DROP FUNCTION round_visit_day_summary_on_project_update();
DROP FUNCTION round_visit_day_summary_on_project_delete();
DROP FUNCTION round_visit_day_summary_add(jsonb);
DROP TABLE "round_visit_day_summary";

-- 2. The coarse grains.
CREATE TABLE "round_week_summary" (
    "starts_on" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "rounds" INTEGER NOT NULL DEFAULT 0,
    "visits_out" INTEGER NOT NULL DEFAULT 0,
    "visits_in" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "round_week_summary_pkey" PRIMARY KEY ("starts_on", "unit_id", "slot")
);

CREATE TABLE "round_month_summary" (
    "month" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "rounds" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "round_month_summary_pkey" PRIMARY KEY ("month", "unit_id", "owner_id")
);

-- The part of its ISO week and calendar month a day is in, named by its first day (lib/data/round-summaries.ts
-- weekPartOf says the same in TypeScript).
CREATE FUNCTION round_week_part(day date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT GREATEST(day - (EXTRACT(ISODOW FROM day)::int - 1), date_trunc('month', day::timestamp)::date)
$$;

-- Adds the deltas (parallel arrays: day, unit, owner, Δ rounds, Δ visits_out, Δ visits_in) to the three grains.
-- plpgsql, not sql: a sql function's statements are planned again at every call, a plpgsql function's once per
-- session (300 rounds logged one by one at 100k: 1.2–1.8 s of triggers as sql, 0.7–1.2 s as plpgsql, 0.7–1.2 s for
-- the two summaries before).
CREATE FUNCTION round_summary_apply(days date[], units int[], owners int[], dr int[], dout int[], din int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO round_day_summary AS s (day, unit_id, owner_id, rounds, visits_out, visits_in)
  SELECT k.day, k.unit_id, k.owner_id, SUM(k.dr)::int, SUM(k.dout)::int, SUM(k.din)::int
    FROM unnest(days, units, owners, dr, dout, din) AS k(day, unit_id, owner_id, dr, dout, din)
   GROUP BY 1, 2, 3 HAVING SUM(k.dr) <> 0 OR SUM(k.dout) <> 0 OR SUM(k.din) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (day, unit_id, owner_id) DO UPDATE
    SET rounds = s.rounds + EXCLUDED.rounds, visits_out = s.visits_out + EXCLUDED.visits_out, visits_in = s.visits_in + EXCLUDED.visits_in;
  INSERT INTO round_week_summary AS s (starts_on, unit_id, slot, rounds, visits_out, visits_in)
  SELECT round_week_part(k.day), k.unit_id, (k.owner_id % 8)::smallint, SUM(k.dr)::int, SUM(k.dout)::int, SUM(k.din)::int
    FROM unnest(days, units, owners, dr, dout, din) AS k(day, unit_id, owner_id, dr, dout, din)
   GROUP BY 1, 2, 3 HAVING SUM(k.dr) <> 0 OR SUM(k.dout) <> 0 OR SUM(k.din) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (starts_on, unit_id, slot) DO UPDATE
    SET rounds = s.rounds + EXCLUDED.rounds, visits_out = s.visits_out + EXCLUDED.visits_out, visits_in = s.visits_in + EXCLUDED.visits_in;
  INSERT INTO round_month_summary AS s (month, unit_id, owner_id, rounds)
  SELECT date_trunc('month', k.day::timestamp)::date, k.unit_id, k.owner_id, SUM(k.dr)::int
    FROM unnest(days, units, owners, dr, dout, din) AS k(day, unit_id, owner_id, dr, dout, din)
   GROUP BY 1, 2, 3 HAVING SUM(k.dr) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (month, unit_id, owner_id) DO UPDATE SET rounds = s.rounds + EXCLUDED.rounds;
END $$;

-- Each trigger below collects its deltas (x: day, unit_id, owner_id, dr, dout, din) and applies them.
CREATE FUNCTION round_summary_on_round_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date[]; u int[]; o int[]; dr int[]; dout int[]; din int[];
BEGIN
  SELECT array_agg(n.held_on), array_agg(p.unit_id), array_agg(p.owner_id), array_agg(1),
         array_agg((n.format = 'VISIT_INVESTOR')::int), array_agg((n.format = 'VISIT_HERE')::int)
    INTO d, u, o, dr, dout, din
    FROM new_rounds n JOIN project p ON p.id = n.project_id;
  IF d IS NOT NULL THEN PERFORM round_summary_apply(d, u, o, dr, dout, din); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_summary_on_round_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date[]; u int[]; o int[]; dr int[]; dout int[]; din int[];
BEGIN
  -- Rounds deleted with their project were taken away by round_summary_on_project_delete while the project was still
  -- there; here the join finds no project for them.
  SELECT array_agg(r.held_on), array_agg(p.unit_id), array_agg(p.owner_id), array_agg(-1),
         array_agg(-(r.format = 'VISIT_INVESTOR')::int), array_agg(-(r.format = 'VISIT_HERE')::int)
    INTO d, u, o, dr, dout, din
    FROM old_rounds r JOIN project p ON p.id = r.project_id;
  IF d IS NOT NULL THEN PERFORM round_summary_apply(d, u, o, dr, dout, din); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_summary_on_round_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date[]; u int[]; o int[]; dr int[]; dout int[]; din int[];
BEGIN
  -- Only rounds whose day, project or format changed move; most updates change none. (EXCEPT, not a join: the
  -- planner has no statistics for transition tables; see migration 20261201070100.)
  WITH gone AS (
    SELECT r.id, r.project_id, r.held_on, r.format FROM old_rounds r
    EXCEPT SELECT r.id, r.project_id, r.held_on, r.format FROM new_rounds r
  ), came AS (
    SELECT r.id, r.project_id, r.held_on, r.format FROM new_rounds r
    EXCEPT SELECT r.id, r.project_id, r.held_on, r.format FROM old_rounds r
  ), x AS (
    SELECT g.held_on AS day, p.unit_id, p.owner_id, -1 AS dr, -(g.format = 'VISIT_INVESTOR')::int AS dout, -(g.format = 'VISIT_HERE')::int AS din
      FROM gone g JOIN project p ON p.id = g.project_id
    UNION ALL
    SELECT c.held_on, p.unit_id, p.owner_id, 1, (c.format = 'VISIT_INVESTOR')::int, (c.format = 'VISIT_HERE')::int
      FROM came c JOIN project p ON p.id = c.project_id
  )
  SELECT array_agg(x.day), array_agg(x.unit_id), array_agg(x.owner_id), array_agg(x.dr), array_agg(x.dout), array_agg(x.din)
    INTO d, u, o, dr, dout, din FROM x;
  IF d IS NOT NULL THEN PERFORM round_summary_apply(d, u, o, dr, dout, din); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_summary_on_project_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date[]; u int[]; o int[]; dr int[]; dout int[]; din int[];
BEGIN
  -- Most updates of a project (a round logged, an edit) move it to no other unit or owner: nothing to do.
  IF NOT EXISTS (SELECT id, unit_id, owner_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id FROM new_projects) THEN
    RETURN NULL;
  END IF;
  -- A project given to another owner or unit takes its rounds along: out of the old key, into the new.
  WITH gone AS (
    SELECT id, unit_id, owner_id, -1 AS sign FROM (SELECT id, unit_id, owner_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id FROM new_projects) g
  ), came AS (
    SELECT id, unit_id, owner_id, 1 AS sign FROM (SELECT id, unit_id, owner_id FROM new_projects EXCEPT SELECT id, unit_id, owner_id FROM old_projects) c
  ), x AS (
    SELECT r.held_on AS day, m.unit_id, m.owner_id, m.sign AS dr, m.sign * (r.format = 'VISIT_INVESTOR')::int AS dout, m.sign * (r.format = 'VISIT_HERE')::int AS din
      FROM (SELECT * FROM gone UNION ALL SELECT * FROM came) m JOIN negotiation_round r ON r.project_id = m.id
  )
  SELECT array_agg(x.day), array_agg(x.unit_id), array_agg(x.owner_id), array_agg(x.dr), array_agg(x.dout), array_agg(x.din)
    INTO d, u, o, dr, dout, din FROM x;
  IF d IS NOT NULL THEN PERFORM round_summary_apply(d, u, o, dr, dout, din); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION round_summary_on_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date[]; u int[]; o int[]; dr int[]; dout int[]; din int[];
BEGIN
  SELECT array_agg(r.held_on), array_agg(OLD.unit_id), array_agg(OLD.owner_id), array_agg(-1),
         array_agg(-(r.format = 'VISIT_INVESTOR')::int), array_agg(-(r.format = 'VISIT_HERE')::int)
    INTO d, u, o, dr, dout, din
    FROM negotiation_round r WHERE r.project_id = OLD.id;
  IF d IS NOT NULL THEN PERFORM round_summary_apply(d, u, o, dr, dout, din); END IF;
  RETURN OLD;
END $$;

CREATE FUNCTION round_summary_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM round_day_summary;
  DELETE FROM round_week_summary;
  DELETE FROM round_month_summary;
  RETURN NULL;
END $$;

CREATE TRIGGER round_summary_round_insert AFTER INSERT ON negotiation_round
  REFERENCING NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_summary_on_round_insert();
CREATE TRIGGER round_summary_round_delete AFTER DELETE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_summary_on_round_delete();
CREATE TRIGGER round_summary_round_update AFTER UPDATE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION round_summary_on_round_update();
CREATE TRIGGER round_summary_round_truncate AFTER TRUNCATE ON negotiation_round
  FOR EACH STATEMENT EXECUTE FUNCTION round_summary_on_truncate();
CREATE TRIGGER round_summary_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION round_summary_on_project_update();
-- BEFORE and per row: the project's rounds must still be there to be counted.
CREATE TRIGGER round_summary_project_delete BEFORE DELETE ON project
  FOR EACH ROW EXECUTE FUNCTION round_summary_on_project_delete();

-- 3. The coarse grains of the rounds already counted (from the day grain).
INSERT INTO round_week_summary (starts_on, unit_id, slot, rounds, visits_out, visits_in)
SELECT round_week_part(day), unit_id, (owner_id % 8)::smallint, SUM(rounds)::int, SUM(visits_out)::int, SUM(visits_in)::int
  FROM round_day_summary GROUP BY 1, 2, 3;
INSERT INTO round_month_summary (month, unit_id, owner_id, rounds)
SELECT date_trunc('month', day::timestamp)::date, unit_id, owner_id, SUM(rounds)::int
  FROM round_day_summary GROUP BY 1, 2, 3;

-- Statistics for the new tables and the new index now, not at autovacuum's next visit.
ANALYZE round_day_summary;
ANALYZE round_week_summary;
ANALYZE round_month_summary;
