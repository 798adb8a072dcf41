-- The conversion funnel kept per calendar period, as the rounds are (issue 14).
--
-- The funnel (lib/data/dashboard/funnel.ts) counted a period's stage changes each time a stage moved anywhere: at 300k
-- projects a year holds 165k of them, and the funnel took 470–570 ms of what the dashboard recomputes after a stage
-- move. Its numbers are not sums over days — a project is reached, entered and converted once per period however often
-- it moved — so they are kept per project and calendar period first, then summed:
--
-- - funnel_period_fact: for each project and each month, quarter and year (months = 1, 3, 12; starts_on: the period's
--   first day) in which it changed stage: `best`, the furthest forward stage it moved into (funnel_stage_rank, 0: only
--   ON_HOLD or LOST); `entered`, the stages it moved into (a bit per Stage, in the enum's order); `converted`, the
--   forward stages it moved into whose first entry in the period it later (by now) moved past. A project's facts are
--   computed again, from its own stage changes, whenever they change (funnel_facts_of).
-- - funnel_summary: the facts counted per period, unit, owner, sector, chain (0: none) and stage — reached (best at or
--   past the stage), entered, converted: the grain for the dashboard's owner, sector and chain filters.
-- - funnel_unit_summary: the same counts per period, unit and slot (owner_id % 8, so a unit's officers moving stages at
--   once rarely wait on one row): about units × 8 × 8 rows a period, whatever the number of projects.
--
-- The triggers turn a changed fact into signed deltas under its project's unit, owner, sector and chain, and add them
-- to both summaries (funnel_summary_apply); a project given to another unit, owner, sector or chain takes its facts
-- along. Rows brought to zero stay; readers skip nothing (zeros add nothing). A custom period is counted from the stage
-- changes, as before. lib/data/dashboard/funnel-summary.int.test.ts checks the summaries against a recount after every
-- kind of write.

-- A stage's place on the journey (FIRST_CONTACT = 1 … OPERATING = 6; ON_HOLD and LOST: 0), as lib/domain/stages.ts
-- FORWARD_STAGES orders them (funnel-summary.int.test.ts checks the two agree). Inlined by the planner where it is used.
CREATE FUNCTION funnel_stage_rank(s "Stage") RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE s WHEN 'FIRST_CONTACT' THEN 1 WHEN 'INTENT' THEN 2 WHEN 'NEGOTIATION' THEN 3 WHEN 'SIGNED' THEN 4
                WHEN 'CONSTRUCTION' THEN 5 WHEN 'OPERATING' THEN 6 ELSE 0 END
$$;

CREATE TABLE "funnel_period_fact" (
    "project_id" INTEGER NOT NULL,
    "months" SMALLINT NOT NULL,
    "starts_on" DATE NOT NULL,
    "best" SMALLINT NOT NULL,
    "entered" SMALLINT NOT NULL,
    "converted" SMALLINT NOT NULL,
    CONSTRAINT "funnel_period_fact_pkey" PRIMARY KEY ("project_id", "months", "starts_on")
);

CREATE TABLE "funnel_summary" (
    "months" SMALLINT NOT NULL,
    "starts_on" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "sector_id" INTEGER NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "stage" "Stage" NOT NULL,
    "reached" INTEGER NOT NULL DEFAULT 0,
    "entered" INTEGER NOT NULL DEFAULT 0,
    "converted" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "funnel_summary_pkey" PRIMARY KEY ("months", "starts_on", "unit_id", "owner_id", "sector_id", "chain_id", "stage")
);

CREATE TABLE "funnel_unit_summary" (
    "months" SMALLINT NOT NULL,
    "starts_on" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "stage" "Stage" NOT NULL,
    "reached" INTEGER NOT NULL DEFAULT 0,
    "entered" INTEGER NOT NULL DEFAULT 0,
    "converted" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "funnel_unit_summary_pkey" PRIMARY KEY ("months", "starts_on", "unit_id", "slot", "stage")
);

-- The facts of the projects `ids`, from their stage changes. A change is on its day at UTC+8 (as lib/domain/period.ts
-- dayStart places it: a fixed offset, not the zone's rules, which had summer time in 1986–1991); an entry is converted when a later change (time, then id) of the project
-- moved further: the furthest stage among its later changes, from one pass over the project's changes.
CREATE FUNCTION funnel_facts_of(ids int[])
  RETURNS TABLE (project_id int, months smallint, starts_on date, best smallint, entered smallint, converted smallint)
  LANGUAGE sql STABLE AS $$
  WITH ch AS (
    SELECT c.id, c.project_id, c.to_stage, c.changed_at, c.rank, ((c.changed_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day,
           MAX(c.rank) OVER (PARTITION BY c.project_id ORDER BY c.changed_at DESC, c.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS later_best
      FROM (SELECT sc.id, sc.project_id, sc.to_stage, sc.changed_at, funnel_stage_rank(sc.to_stage) AS rank
              FROM stage_change sc WHERE sc.project_id = ANY(ids)) c
  ), entry AS (
    SELECT DISTINCT ON (ch.project_id, g.months, g.starts_on, ch.to_stage)
           ch.project_id, g.months, g.starts_on, ch.to_stage, ch.rank, ch.later_best
      FROM ch CROSS JOIN LATERAL (VALUES (1::smallint, date_trunc('month', ch.day::timestamp)::date),
                                         (3::smallint, date_trunc('quarter', ch.day::timestamp)::date),
                                         (12::smallint, date_trunc('year', ch.day::timestamp)::date)) g(months, starts_on)
     ORDER BY ch.project_id, g.months, g.starts_on, ch.to_stage, ch.changed_at, ch.id
  )
  SELECT e.project_id, e.months, e.starts_on, MAX(e.rank)::smallint,
         bit_or(1 << (array_position(enum_range(NULL::"Stage"), e.to_stage) - 1))::smallint,
         COALESCE(bit_or(1 << (array_position(enum_range(NULL::"Stage"), e.to_stage) - 1)) FILTER (WHERE e.rank > 0 AND e.later_best > e.rank), 0)::smallint
    FROM entry e GROUP BY e.project_id, e.months, e.starts_on
$$;

-- Adds signed facts (parallel arrays: period, facts, the project's unit, owner, sector and chain, ±1) to both summaries,
-- a row per stage: the fine grain from the facts, the unit grain from the fine (rows written in key order).
CREATE FUNCTION funnel_summary_apply(ms smallint[], starts date[], bests smallint[], ents smallint[], convs smallint[],
                                     units int[], owners int[], sectors int[], chains int[], signs int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH fine AS (
    SELECT k.months, k.starts_on, k.unit_id, k.owner_id, k.sector_id, k.chain_id, st.stage,
           SUM(k.sign * (funnel_stage_rank(st.stage) > 0 AND k.best >= funnel_stage_rank(st.stage))::int)::int AS reached,
           SUM(k.sign * ((k.entered >> (st.i - 1)::int) & 1))::int AS entered,
           SUM(k.sign * ((k.converted >> (st.i - 1)::int) & 1))::int AS converted
      FROM unnest(ms, starts, bests, ents, convs, units, owners, sectors, chains, signs)
             AS k(months, starts_on, best, entered, converted, unit_id, owner_id, sector_id, chain_id, sign)
     CROSS JOIN unnest(enum_range(NULL::"Stage")) WITH ORDINALITY st(stage, i)
     GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), written AS (
    INSERT INTO funnel_summary AS s (months, starts_on, unit_id, owner_id, sector_id, chain_id, stage, reached, entered, converted)
    SELECT * FROM fine f WHERE f.reached <> 0 OR f.entered <> 0 OR f.converted <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (months, starts_on, unit_id, owner_id, sector_id, chain_id, stage) DO UPDATE
      SET reached = s.reached + EXCLUDED.reached, entered = s.entered + EXCLUDED.entered, converted = s.converted + EXCLUDED.converted
  )
  INSERT INTO funnel_unit_summary AS s (months, starts_on, unit_id, slot, stage, reached, entered, converted)
  SELECT f.months, f.starts_on, f.unit_id, (f.owner_id % 8)::smallint, f.stage, SUM(f.reached)::int, SUM(f.entered)::int, SUM(f.converted)::int
    FROM fine f GROUP BY 1, 2, 3, 4, 5
  HAVING SUM(f.reached) <> 0 OR SUM(f.entered) <> 0 OR SUM(f.converted) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (months, starts_on, unit_id, slot, stage) DO UPDATE
    SET reached = s.reached + EXCLUDED.reached, entered = s.entered + EXCLUDED.entered, converted = s.converted + EXCLUDED.converted;
END $$;

-- The facts of the projects `ids` computed again from their stage changes: what changed is taken out of the summaries
-- and put back in its new form, under the project's unit, owner, sector and chain. A project no longer there (its
-- changes deleted with it) was taken out by funnel_on_project_delete.
CREATE FUNCTION funnel_refresh(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  fp int[]; fm smallint[]; fs date[]; fb smallint[]; fe smallint[]; fc smallint[];
  m smallint[]; s date[]; b smallint[]; e smallint[]; c smallint[]; u int[]; o int[]; sec int[]; ch int[]; sg int[];
BEGIN
  SELECT array_agg(f.project_id), array_agg(f.months), array_agg(f.starts_on), array_agg(f.best), array_agg(f.entered), array_agg(f.converted)
    INTO fp, fm, fs, fb, fe, fc
    FROM funnel_facts_of(ids) f WHERE EXISTS (SELECT 1 FROM project p WHERE p.id = f.project_id);
  WITH fresh AS (
    SELECT * FROM unnest(fp, fm, fs, fb, fe, fc) AS t(project_id, months, starts_on, best, entered, converted)
  ), kept AS (
    SELECT f.project_id, f.months, f.starts_on, f.best, f.entered, f.converted FROM funnel_period_fact f WHERE f.project_id = ANY(ids)
  ), d AS (
    SELECT x.*, -1 AS sign FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) x
    UNION ALL
    SELECT x.*, 1 FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) x
  )
  SELECT array_agg(d.months), array_agg(d.starts_on), array_agg(d.best), array_agg(d.entered), array_agg(d.converted),
         array_agg(p.unit_id), array_agg(p.owner_id), array_agg(COALESCE(p.sector_id, 0)), array_agg(COALESCE(p.chain_id, 0)), array_agg(d.sign)
    INTO m, s, b, e, c, u, o, sec, ch, sg
    FROM d JOIN project p ON p.id = d.project_id;
  IF m IS NULL THEN RETURN; END IF;
  PERFORM funnel_summary_apply(m, s, b, e, c, u, o, sec, ch, sg);
  DELETE FROM funnel_period_fact f WHERE f.project_id = ANY(ids);
  INSERT INTO funnel_period_fact (project_id, months, starts_on, best, entered, converted)
  SELECT * FROM unnest(fp, fm, fs, fb, fe, fc) ORDER BY 1, 2, 3;
END $$;

CREATE FUNCTION funnel_on_stage_change_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM funnel_refresh(ARRAY(SELECT DISTINCT n.project_id FROM new_changes n));
  RETURN NULL;
END $$;

CREATE FUNCTION funnel_on_stage_change_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM funnel_refresh(ARRAY(SELECT DISTINCT o.project_id FROM old_changes o));
  RETURN NULL;
END $$;

CREATE FUNCTION funnel_on_stage_change_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only changes whose project, stage or time moved count; the projects of both sides are computed again.
  PERFORM funnel_refresh(ARRAY(
    SELECT x.project_id FROM (
      (SELECT o.id, o.project_id, o.to_stage, o.changed_at FROM old_changes o EXCEPT SELECT n.id, n.project_id, n.to_stage, n.changed_at FROM new_changes n)
      UNION
      (SELECT n.id, n.project_id, n.to_stage, n.changed_at FROM new_changes n EXCEPT SELECT o.id, o.project_id, o.to_stage, o.changed_at FROM old_changes o)
    ) x));
  RETURN NULL;
END $$;

CREATE FUNCTION funnel_on_project_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m smallint[]; s date[]; b smallint[]; e smallint[]; c smallint[]; u int[]; o int[]; sec int[]; ch int[]; sg int[];
BEGIN
  -- Most updates of a project (a round logged, a stage moved, an edit) leave its unit, owner, sector and chain: nothing to do.
  IF NOT EXISTS (SELECT id, unit_id, owner_id, sector_id, chain_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id, sector_id, chain_id FROM new_projects) THEN
    RETURN NULL;
  END IF;
  -- A project given to another unit, owner, sector or chain takes its facts along: out of the old key, into the new.
  WITH moved AS (
    SELECT g.*, -1 AS sign FROM (SELECT id, unit_id, owner_id, sector_id, chain_id FROM old_projects EXCEPT SELECT id, unit_id, owner_id, sector_id, chain_id FROM new_projects) g
    UNION ALL
    SELECT c.*, 1 FROM (SELECT id, unit_id, owner_id, sector_id, chain_id FROM new_projects EXCEPT SELECT id, unit_id, owner_id, sector_id, chain_id FROM old_projects) c
  )
  SELECT array_agg(f.months), array_agg(f.starts_on), array_agg(f.best), array_agg(f.entered), array_agg(f.converted),
         array_agg(mv.unit_id), array_agg(mv.owner_id), array_agg(COALESCE(mv.sector_id, 0)), array_agg(COALESCE(mv.chain_id, 0)), array_agg(mv.sign)
    INTO m, s, b, e, c, u, o, sec, ch, sg
    FROM moved mv JOIN funnel_period_fact f ON f.project_id = mv.id;
  IF m IS NOT NULL THEN PERFORM funnel_summary_apply(m, s, b, e, c, u, o, sec, ch, sg); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION funnel_on_project_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m smallint[]; s date[]; b smallint[]; e smallint[]; c smallint[]; u int[]; o int[]; sec int[]; ch int[]; sg int[];
BEGIN
  SELECT array_agg(f.months), array_agg(f.starts_on), array_agg(f.best), array_agg(f.entered), array_agg(f.converted),
         array_agg(OLD.unit_id), array_agg(OLD.owner_id), array_agg(COALESCE(OLD.sector_id, 0)), array_agg(COALESCE(OLD.chain_id, 0)), array_agg(-1)
    INTO m, s, b, e, c, u, o, sec, ch, sg
    FROM funnel_period_fact f WHERE f.project_id = OLD.id;
  IF m IS NOT NULL THEN
    PERFORM funnel_summary_apply(m, s, b, e, c, u, o, sec, ch, sg);
    DELETE FROM funnel_period_fact f WHERE f.project_id = OLD.id;
  END IF;
  RETURN OLD;
END $$;

CREATE FUNCTION funnel_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM funnel_period_fact;
  DELETE FROM funnel_summary;
  DELETE FROM funnel_unit_summary;
  RETURN NULL;
END $$;

CREATE TRIGGER funnel_stage_change_insert AFTER INSERT ON stage_change
  REFERENCING NEW TABLE AS new_changes FOR EACH STATEMENT EXECUTE FUNCTION funnel_on_stage_change_insert();
CREATE TRIGGER funnel_stage_change_delete AFTER DELETE ON stage_change
  REFERENCING OLD TABLE AS old_changes FOR EACH STATEMENT EXECUTE FUNCTION funnel_on_stage_change_delete();
CREATE TRIGGER funnel_stage_change_update AFTER UPDATE ON stage_change
  REFERENCING OLD TABLE AS old_changes NEW TABLE AS new_changes FOR EACH STATEMENT EXECUTE FUNCTION funnel_on_stage_change_update();
CREATE TRIGGER funnel_stage_change_truncate AFTER TRUNCATE ON stage_change
  FOR EACH STATEMENT EXECUTE FUNCTION funnel_on_truncate();
CREATE TRIGGER funnel_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION funnel_on_project_update();
-- BEFORE and per row: the project's unit and facts must still be there to be taken out.
CREATE TRIGGER funnel_project_delete BEFORE DELETE ON project
  FOR EACH ROW EXECUTE FUNCTION funnel_on_project_delete();

-- The stage changes already recorded.
SELECT funnel_refresh(ARRAY(SELECT id FROM project ORDER BY id));

ANALYZE funnel_period_fact;
ANALYZE funnel_summary;
ANALYZE funnel_unit_summary;
