-- Projects per stage kept by triggers (issue 14).
--
-- The dashboard's pipeline (projects now in INTENT and NEGOTIATION with their planned amounts, lib/data/dashboard/
-- pipeline.ts pipelineByStage) grouped every project of those stages each time a stage moved or an amount changed:
-- 85–160 ms at 300k projects, the largest part of what a stage move recomputes once the funnel is kept per period
-- (migration 20261204090000). project_stage_summary holds, per unit, owner, sector, chain (0: none) and stage, the
-- projects, and the sums of their planned yuan and foreign US-dollar investment with how many have each (a sum over
-- none is NULL, as SUM over the projects is): the grain for the owner, sector and chain filters, as many rows as such
-- combinations (67k at 300k seed:large projects, 25–47 ms to sum). project_stage_unit_summary holds the same per unit,
-- slot (owner_id % 8, as funnel_unit_summary) and stage: units × 8 × 8 rows, whatever the number of projects.
--
-- One set of statement triggers on project turns the rows it saw into signed deltas and adds them
-- (project_stage_summary_apply, rows written in key order). Most updates of a project (a round logged, a follow-up
-- set, a title edited) change none of the columns kept: nothing to do. Rows brought to zero stay.
-- lib/data/dashboard/project-stage-summary.int.test.ts checks the summary against a recount after every kind of write.

CREATE TABLE "project_stage_summary" (
    "unit_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "sector_id" INTEGER NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "stage" "Stage" NOT NULL,
    "projects" INTEGER NOT NULL DEFAULT 0,
    "planned_cny" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "planned_cny_n" INTEGER NOT NULL DEFAULT 0,
    "foreign_usd" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "foreign_usd_n" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "project_stage_summary_pkey" PRIMARY KEY ("unit_id", "owner_id", "sector_id", "chain_id", "stage")
);

CREATE TABLE "project_stage_unit_summary" (
    "unit_id" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "stage" "Stage" NOT NULL,
    "projects" INTEGER NOT NULL DEFAULT 0,
    "planned_cny" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "planned_cny_n" INTEGER NOT NULL DEFAULT 0,
    "foreign_usd" DECIMAL(20,2) NOT NULL DEFAULT 0,
    "foreign_usd_n" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "project_stage_unit_summary_pkey" PRIMARY KEY ("unit_id", "slot", "stage")
);

-- Adds signed rows (parallel arrays: unit, owner, sector, chain, stage, planned yuan, foreign US dollars, ±1) to both
-- grains: the fine from the rows, the unit grain from the fine (rows written in key order).
CREATE FUNCTION project_stage_summary_apply(units int[], owners int[], sectors int[], chains int[], stages "Stage"[],
                                            cny numeric[], usd numeric[], signs int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH fine AS (
    SELECT k.unit_id, k.owner_id, k.sector_id, k.chain_id, k.stage, SUM(k.sign)::int AS projects,
           COALESCE(SUM(k.sign * k.cny), 0) AS planned_cny, (COUNT(k.cny) FILTER (WHERE k.sign > 0) - COUNT(k.cny) FILTER (WHERE k.sign < 0))::int AS planned_cny_n,
           COALESCE(SUM(k.sign * k.usd), 0) AS foreign_usd, (COUNT(k.usd) FILTER (WHERE k.sign > 0) - COUNT(k.usd) FILTER (WHERE k.sign < 0))::int AS foreign_usd_n
      FROM unnest(units, owners, sectors, chains, stages, cny, usd, signs) AS k(unit_id, owner_id, sector_id, chain_id, stage, cny, usd, sign)
     GROUP BY 1, 2, 3, 4, 5
  ), written AS (
    INSERT INTO project_stage_summary AS s (unit_id, owner_id, sector_id, chain_id, stage, projects, planned_cny, planned_cny_n, foreign_usd, foreign_usd_n)
    SELECT * FROM fine ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (unit_id, owner_id, sector_id, chain_id, stage) DO UPDATE
      SET projects = s.projects + EXCLUDED.projects,
          planned_cny = s.planned_cny + EXCLUDED.planned_cny, planned_cny_n = s.planned_cny_n + EXCLUDED.planned_cny_n,
          foreign_usd = s.foreign_usd + EXCLUDED.foreign_usd, foreign_usd_n = s.foreign_usd_n + EXCLUDED.foreign_usd_n
  )
  INSERT INTO project_stage_unit_summary AS s (unit_id, slot, stage, projects, planned_cny, planned_cny_n, foreign_usd, foreign_usd_n)
  SELECT f.unit_id, (f.owner_id % 8)::smallint, f.stage, SUM(f.projects)::int, SUM(f.planned_cny), SUM(f.planned_cny_n)::int, SUM(f.foreign_usd), SUM(f.foreign_usd_n)::int
    FROM fine f GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, slot, stage) DO UPDATE
    SET projects = s.projects + EXCLUDED.projects,
        planned_cny = s.planned_cny + EXCLUDED.planned_cny, planned_cny_n = s.planned_cny_n + EXCLUDED.planned_cny_n,
        foreign_usd = s.foreign_usd + EXCLUDED.foreign_usd, foreign_usd_n = s.foreign_usd_n + EXCLUDED.foreign_usd_n;
END $$;

-- Projects added (+1) or deleted (−1): one function for both triggers, each naming its transition table `changed`.
CREATE FUNCTION project_stage_summary_on_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u int[]; o int[]; sec int[]; ch int[]; st "Stage"[]; cny numeric[]; usd numeric[]; sg int[];
BEGIN
  SELECT array_agg(c.unit_id), array_agg(c.owner_id), array_agg(COALESCE(c.sector_id, 0)), array_agg(COALESCE(c.chain_id, 0)), array_agg(c.stage),
         array_agg(c.planned_investment_cny), array_agg(c.foreign_investment_usd), array_agg(CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END)
    INTO u, o, sec, ch, st, cny, usd, sg FROM changed c;
  IF u IS NOT NULL THEN PERFORM project_stage_summary_apply(u, o, sec, ch, st, cny, usd, sg); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION project_stage_summary_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u int[]; o int[]; sec int[]; ch int[]; st "Stage"[]; cny numeric[]; usd numeric[]; sg int[];
BEGIN
  WITH gone AS (
    SELECT id, unit_id, owner_id, sector_id, chain_id, stage, planned_investment_cny, foreign_investment_usd FROM old_projects
    EXCEPT SELECT id, unit_id, owner_id, sector_id, chain_id, stage, planned_investment_cny, foreign_investment_usd FROM new_projects
  ), came AS (
    SELECT id, unit_id, owner_id, sector_id, chain_id, stage, planned_investment_cny, foreign_investment_usd FROM new_projects
    EXCEPT SELECT id, unit_id, owner_id, sector_id, chain_id, stage, planned_investment_cny, foreign_investment_usd FROM old_projects
  ), x AS (
    SELECT g.*, -1 AS sign FROM gone g UNION ALL SELECT c.*, 1 FROM came c
  )
  SELECT array_agg(x.unit_id), array_agg(x.owner_id), array_agg(COALESCE(x.sector_id, 0)), array_agg(COALESCE(x.chain_id, 0)), array_agg(x.stage),
         array_agg(x.planned_investment_cny), array_agg(x.foreign_investment_usd), array_agg(x.sign)
    INTO u, o, sec, ch, st, cny, usd, sg FROM x;
  IF u IS NOT NULL THEN PERFORM project_stage_summary_apply(u, o, sec, ch, st, cny, usd, sg); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION project_stage_summary_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM project_stage_summary;
  DELETE FROM project_stage_unit_summary;
  RETURN NULL;
END $$;

CREATE TRIGGER project_stage_summary_insert AFTER INSERT ON project
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION project_stage_summary_on_insert_or_delete();
CREATE TRIGGER project_stage_summary_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_projects NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION project_stage_summary_on_update();
CREATE TRIGGER project_stage_summary_delete AFTER DELETE ON project
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION project_stage_summary_on_insert_or_delete();
CREATE TRIGGER project_stage_summary_truncate AFTER TRUNCATE ON project
  FOR EACH STATEMENT EXECUTE FUNCTION project_stage_summary_on_truncate();

-- The projects already there.
INSERT INTO project_stage_summary (unit_id, owner_id, sector_id, chain_id, stage, projects, planned_cny, planned_cny_n, foreign_usd, foreign_usd_n)
SELECT p.unit_id, p.owner_id, COALESCE(p.sector_id, 0), COALESCE(p.chain_id, 0), p.stage, COUNT(*)::int,
       COALESCE(SUM(p.planned_investment_cny), 0), COUNT(p.planned_investment_cny)::int,
       COALESCE(SUM(p.foreign_investment_usd), 0), COUNT(p.foreign_investment_usd)::int
  FROM project p GROUP BY 1, 2, 3, 4, 5;
INSERT INTO project_stage_unit_summary (unit_id, slot, stage, projects, planned_cny, planned_cny_n, foreign_usd, foreign_usd_n)
SELECT s.unit_id, (s.owner_id % 8)::smallint, s.stage, SUM(s.projects)::int, SUM(s.planned_cny), SUM(s.planned_cny_n)::int, SUM(s.foreign_usd), SUM(s.foreign_usd_n)::int
  FROM project_stage_summary s GROUP BY 1, 2, 3;

ANALYZE project_stage_summary;
ANALYZE project_stage_unit_summary;
