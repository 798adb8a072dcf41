-- Projects per unit, stage and day of their last activity and of their next
-- follow-up, kept current by triggers in the same transaction as every write
-- to project (issue 14). The dashboard's stalled and overdue counts
-- (lib/data/dashboard/work.ts stalledAndOverdue) read these instead of every
-- open project: counted by project they grew with the data (16–25 ms at 10k,
-- 210–296 ms at 100k projects) and a logged round recomputes them.
--
-- "Stalled" and "overdue" depend on today, and the stall limits on the admins'
-- settings, so the rows are by day, not by verdict: the query applies the one
-- rule (stalledSql / overdueSql in lib/data/sql-rules.ts, on the rows' stage
-- and day) to them. Two grains, so the query reads a number of rows bounded
-- by units × stages × months of history plus a month of days around each
-- cutoff, whatever the number of projects:
-- - project_month_summary: per calendar month;
-- - project_day_summary: per day (keyed day first: the query reads a range of days).
--
-- Each row holds two counts:
-- - last_activity: projects whose last activity — COALESCE(last_round_on,
--   first_contact_on), lastActivitySql — is that day;
-- - follow_ups: projects whose next_follow_up_on is that day.
-- Rows brought to zero stay (the tables are bounded by units × stages × days,
-- not by projects, and a row that comes back is not re-inserted); readers
-- skip nothing because a zero adds nothing.
-- Keyed by unit, not owner: with the owner in the key there would be about
-- one row per project. The dashboard filtered by owner, sector or chain counts
-- from project itself (an owner's projects are few; the others are filters).
--
-- In schema.prisma terms: models ProjectDaySummary, ProjectMonthSummary.

CREATE TABLE "project_day_summary" (
    "stage" "Stage" NOT NULL,
    "day" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "last_activity" INTEGER NOT NULL DEFAULT 0,
    "follow_ups" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "project_day_summary_pkey" PRIMARY KEY ("day", "stage", "unit_id")
);

CREATE TABLE "project_month_summary" (
    "stage" "Stage" NOT NULL,
    "month" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "last_activity" INTEGER NOT NULL DEFAULT 0,
    "follow_ups" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "project_month_summary_pkey" PRIMARY KEY ("stage", "month", "unit_id")
);

-- Adds the changes (parallel arrays: unit, stage, day, Δ last_activity, Δ follow_ups) to both grains. Rows are
-- written in key order, so two transactions never take the same rows' locks in opposite orders.
CREATE FUNCTION project_summary_apply(units int[], stages "Stage"[], days date[], da int[], df int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO project_day_summary AS s (stage, day, unit_id, last_activity, follow_ups)
  SELECT k.stage, k.day, k.unit_id, SUM(k.da)::int, SUM(k.df)::int
    FROM unnest(units, stages, days, da, df) AS k(unit_id, stage, day, da, df)
   GROUP BY 1, 2, 3 HAVING SUM(k.da) <> 0 OR SUM(k.df) <> 0
   ORDER BY 2, 1, 3
  ON CONFLICT (day, stage, unit_id) DO UPDATE
    SET last_activity = s.last_activity + EXCLUDED.last_activity, follow_ups = s.follow_ups + EXCLUDED.follow_ups;
  INSERT INTO project_month_summary AS s (stage, month, unit_id, last_activity, follow_ups)
  SELECT k.stage, date_trunc('month', k.day::timestamp)::date, k.unit_id, SUM(k.da)::int, SUM(k.df)::int
    FROM unnest(units, stages, days, da, df) AS k(unit_id, stage, day, da, df)
   GROUP BY 1, 2, 3 HAVING SUM(k.da) <> 0 OR SUM(k.df) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (stage, month, unit_id) DO UPDATE
    SET last_activity = s.last_activity + EXCLUDED.last_activity, follow_ups = s.follow_ups + EXCLUDED.follow_ups;
$$;

-- Each trigger turns the projects it saw into signed rows (one for the last activity, one for the follow-up date)
-- and hands them to project_summary_apply. The last activity is lastActivitySql's expression
-- (lib/data/sql-rules.ts): change them together.
CREATE FUNCTION project_summary_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u int[]; s "Stage"[]; d date[]; da int[]; df int[];
BEGIN
  SELECT array_agg(x.unit_id), array_agg(x.stage), array_agg(x.day), array_agg(x.da), array_agg(x.df) INTO u, s, d, da, df
    FROM (SELECT n.unit_id, n.stage, COALESCE(n.last_round_on, n.first_contact_on) AS day, 1 AS da, 0 AS df FROM new_projects n
          UNION ALL
          SELECT n.unit_id, n.stage, n.next_follow_up_on, 0, 1 FROM new_projects n WHERE n.next_follow_up_on IS NOT NULL) x;
  IF u IS NOT NULL THEN PERFORM project_summary_apply(u, s, d, da, df); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION project_summary_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u int[]; s "Stage"[]; d date[]; da int[]; df int[];
BEGIN
  SELECT array_agg(x.unit_id), array_agg(x.stage), array_agg(x.day), array_agg(x.da), array_agg(x.df) INTO u, s, d, da, df
    FROM (SELECT o.unit_id, o.stage, COALESCE(o.last_round_on, o.first_contact_on) AS day, -1 AS da, 0 AS df FROM old_projects o
          UNION ALL
          SELECT o.unit_id, o.stage, o.next_follow_up_on, 0, -1 FROM old_projects o WHERE o.next_follow_up_on IS NOT NULL) x;
  IF u IS NOT NULL THEN PERFORM project_summary_apply(u, s, d, da, df); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION project_summary_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u int[]; s "Stage"[]; d date[]; da int[]; df int[];
BEGIN
  -- Only projects whose unit, stage, last activity or follow-up date changed move (EXCEPT, not a join: the planner
  -- has no statistics for transition tables; see round_day_summary_on_project_update). An edit that changes none
  -- of them writes nothing.
  WITH gone AS (
    SELECT o.id, o.unit_id, o.stage, COALESCE(o.last_round_on, o.first_contact_on) AS activity, o.next_follow_up_on FROM old_projects o
    EXCEPT
    SELECT n.id, n.unit_id, n.stage, COALESCE(n.last_round_on, n.first_contact_on), n.next_follow_up_on FROM new_projects n
  ), came AS (
    SELECT n.id, n.unit_id, n.stage, COALESCE(n.last_round_on, n.first_contact_on) AS activity, n.next_follow_up_on FROM new_projects n
    EXCEPT
    SELECT o.id, o.unit_id, o.stage, COALESCE(o.last_round_on, o.first_contact_on), o.next_follow_up_on FROM old_projects o
  ), x AS (
    SELECT unit_id, stage, activity AS day, -1 AS da, 0 AS df FROM gone
    UNION ALL SELECT unit_id, stage, next_follow_up_on, 0, -1 FROM gone WHERE next_follow_up_on IS NOT NULL
    UNION ALL SELECT unit_id, stage, activity, 1, 0 FROM came
    UNION ALL SELECT unit_id, stage, next_follow_up_on, 0, 1 FROM came WHERE next_follow_up_on IS NOT NULL
  )
  SELECT array_agg(x.unit_id), array_agg(x.stage), array_agg(x.day), array_agg(x.da), array_agg(x.df) INTO u, s, d, da, df FROM x;
  IF u IS NOT NULL THEN PERFORM project_summary_apply(u, s, d, da, df); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER project_summary_on_insert AFTER INSERT ON project
  REFERENCING NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION project_summary_on_insert();
CREATE TRIGGER project_summary_on_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION project_summary_on_update();
CREATE TRIGGER project_summary_on_delete AFTER DELETE ON project
  REFERENCING OLD TABLE AS old_projects FOR EACH STATEMENT EXECUTE FUNCTION project_summary_on_delete();

-- The projects already there.
INSERT INTO project_day_summary (stage, day, unit_id, last_activity, follow_ups)
SELECT stage, day, unit_id, SUM(da)::int, SUM(df)::int
  FROM (SELECT unit_id, stage, COALESCE(last_round_on, first_contact_on) AS day, 1 AS da, 0 AS df FROM project
        UNION ALL
        SELECT unit_id, stage, next_follow_up_on, 0, 1 FROM project WHERE next_follow_up_on IS NOT NULL) x
 GROUP BY 1, 2, 3;
INSERT INTO project_month_summary (stage, month, unit_id, last_activity, follow_ups)
SELECT stage, date_trunc('month', day::timestamp)::date, unit_id, SUM(last_activity)::int, SUM(follow_ups)::int
  FROM project_day_summary GROUP BY 1, 2, 3;
