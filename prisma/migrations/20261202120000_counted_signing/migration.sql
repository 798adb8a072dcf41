-- Counted signings kept in the writing transaction (issue 14): "signed in the period" read from rows that hold only
-- what counts, each with its project's unit, sector, chain, owner, investor and first contact (what the dashboard
-- filters and groups by), instead of judging every contract of the period against its project's other contracts, its project's
-- recognition and the automatic rules on every dashboard computed after a write (56k buffers for a year's totals
-- at 100k projects, each signed section again).
--
-- counted_signing_rule is the SQL form of "counted" (lib/domain/signings.ts: a BASE signing — its project's first
-- contract that is not a capital increase, in (signed_on, id) order — or a CAPITAL_INCREASE, of a project neither
-- marked 不予认定 nor of an excluded sector, not below the minimum amount). counted_signing holds its rows, refreshed
-- per project by the triggers below whenever a contract is written or moved, a project's recognition or sector
-- changes, or the automatic rules change (every project). lib/data/counted-signing.int.test.ts checks the table
-- equals the rule recomputed in TypeScript (classifySignings) after every kind of write.
--
-- Concurrency: a refresh first locks its projects (FOR NO KEY UPDATE) and the rules' row (FOR SHARE), then reads
-- with a fresh snapshot (READ COMMITTED takes one per statement): two writers of one project's contracts refresh one
-- after the other and the second sees the first's contract; a change of the rules waits for refreshes in flight and
-- they wait for it.

-- CreateTable
CREATE TABLE "counted_signing" (
    "contract_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,
    "signed_on" DATE NOT NULL,
    "cny" DECIMAL(18,2) NOT NULL,
    "usd" DECIMAL(18,2),
    "unit_id" INTEGER NOT NULL,
    "sector_id" INTEGER,
    "chain_id" INTEGER,
    "owner_id" INTEGER NOT NULL,
    "company_id" INTEGER NOT NULL,
    "first_contact_on" DATE NOT NULL,

    CONSTRAINT "counted_signing_pkey" PRIMARY KEY ("contract_id")
);

-- CreateIndex
CREATE INDEX "counted_signing_signed_on_project_id_cny_usd_idx" ON "counted_signing"("signed_on", "project_id", "cny", "usd");

-- CreateIndex
CREATE INDEX "counted_signing_project_id_signed_on_idx" ON "counted_signing"("project_id", "signed_on");

-- A filter on project_id is pushed into the window (project_id is its partition), so one project's rows read only
-- that project's contracts.
CREATE VIEW counted_signing_rule AS
  SELECT c.id AS contract_id, c.project_id, c.signed_on, c.contracted_investment_cny AS cny, c.contracted_foreign_usd AS usd,
         p.unit_id, p.sector_id, p.chain_id, p.owner_id, p.company_id, p.first_contact_on
    FROM (SELECT k.id, k.project_id, k.signed_on, k.kind, k.contracted_investment_cny, k.contracted_foreign_usd,
                 row_number() OVER (PARTITION BY k.project_id, k.kind = 'CAPITAL_INCREASE' ORDER BY k.signed_on, k.id) AS nth
            FROM contract k) c
    JOIN project p ON p.id = c.project_id
    LEFT JOIN installation_setting st ON st.id = 1
   WHERE (c.kind = 'CAPITAL_INCREASE' OR c.nth = 1)
     AND p.not_recognised_reason_id IS NULL
     AND NOT COALESCE(p.sector_id = ANY(st.not_recognised_sector_ids), FALSE)
     AND NOT COALESCE(c.contracted_investment_cny < st.min_recognised_cny, FALSE);

-- `projects`' rows made equal to the rule (NULL: every project's). Only rows that differ are written, so a write that
-- changes no counted signing (a repeat signing, a framework agreement's note) stamps nothing the dashboard reads.
CREATE FUNCTION counted_signing_refresh(projects integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF projects IS NULL THEN
    WITH fresh AS MATERIALIZED (SELECT * FROM counted_signing_rule),
    gone AS (DELETE FROM counted_signing cs WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.contract_id = cs.contract_id))
    INSERT INTO counted_signing AS cs (contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on)
    SELECT contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on FROM fresh
    ON CONFLICT (contract_id) DO UPDATE
      SET (project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on) =
          (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on)
      WHERE (cs.project_id, cs.signed_on, cs.cny, cs.usd, cs.unit_id, cs.sector_id, cs.chain_id, cs.owner_id, cs.company_id, cs.first_contact_on)
            IS DISTINCT FROM (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on);
    RETURN;
  END IF;
  PERFORM 1 FROM installation_setting WHERE id = 1 FOR SHARE;
  PERFORM 1 FROM project WHERE id = ANY(projects) ORDER BY id FOR NO KEY UPDATE;
  WITH fresh AS MATERIALIZED (SELECT * FROM counted_signing_rule r WHERE r.project_id = ANY(projects)),
  gone AS (DELETE FROM counted_signing cs WHERE cs.project_id = ANY(projects) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.contract_id = cs.contract_id))
  INSERT INTO counted_signing AS cs (contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on)
  SELECT contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on FROM fresh
  ON CONFLICT (contract_id) DO UPDATE
    SET (project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on) =
        (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on)
    WHERE (cs.project_id, cs.signed_on, cs.cny, cs.usd, cs.unit_id, cs.sector_id, cs.chain_id, cs.owner_id, cs.company_id, cs.first_contact_on)
          IS DISTINCT FROM (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on);
END $$;

CREATE FUNCTION counted_signing_on_contract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM counted_signing_refresh(CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.project_id] WHEN 'DELETE' THEN ARRAY[OLD.project_id]
    ELSE ARRAY[OLD.project_id, NEW.project_id] END);
  RETURN NULL;
END $$;

CREATE FUNCTION counted_signing_on_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM counted_signing_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;

CREATE FUNCTION counted_signing_on_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM counted_signing_refresh(NULL);
  RETURN NULL;
END $$;

-- DELETE, not TRUNCATE: one TRUNCATE of several tables (the rules' row with the contracts) runs the rules' refresh
-- first, whose writes leave trigger events pending on counted_signing, and a table with pending events cannot be
-- truncated.
CREATE FUNCTION counted_signing_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM counted_signing;
  RETURN NULL;
END $$;

-- A project deleted deletes its contracts (cascade), which refresh it: nothing left.
CREATE TRIGGER counted_signing_contract AFTER INSERT OR DELETE OR UPDATE OF project_id, signed_on, kind, contracted_investment_cny, contracted_foreign_usd
  ON contract FOR EACH ROW EXECUTE FUNCTION counted_signing_on_contract();
-- A project's recognition or sector changes what counts; its unit, chain, owner, investor and first contact are
-- copied beside each signing (the dashboard's scope and filters, its groupings: no join to project).
CREATE TRIGGER counted_signing_project AFTER UPDATE OF not_recognised_reason_id, sector_id, unit_id, chain_id, owner_id, company_id, first_contact_on
  ON project FOR EACH ROW
  WHEN ((OLD.not_recognised_reason_id, OLD.sector_id, OLD.unit_id, OLD.chain_id, OLD.owner_id, OLD.company_id, OLD.first_contact_on)
        IS DISTINCT FROM (NEW.not_recognised_reason_id, NEW.sector_id, NEW.unit_id, NEW.chain_id, NEW.owner_id, NEW.company_id, NEW.first_contact_on))
  EXECUTE FUNCTION counted_signing_on_project();
CREATE TRIGGER counted_signing_rules_update AFTER UPDATE OF min_recognised_cny, not_recognised_sector_ids ON installation_setting FOR EACH ROW
  WHEN (OLD.min_recognised_cny IS DISTINCT FROM NEW.min_recognised_cny OR OLD.not_recognised_sector_ids IS DISTINCT FROM NEW.not_recognised_sector_ids)
  EXECUTE FUNCTION counted_signing_on_rules();
CREATE TRIGGER counted_signing_rules_insert_delete AFTER INSERT OR DELETE ON installation_setting FOR EACH ROW EXECUTE FUNCTION counted_signing_on_rules();
CREATE TRIGGER counted_signing_rules_truncate AFTER TRUNCATE ON installation_setting FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_rules();
CREATE TRIGGER counted_signing_contract_truncate AFTER TRUNCATE ON contract FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_truncate();
CREATE TRIGGER counted_signing_project_truncate AFTER TRUNCATE ON project FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_truncate();

INSERT INTO counted_signing (contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on)
SELECT contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on FROM counted_signing_rule;

-- The dashboard's sections that read counted signings are cached on this table's stamp (lib/data/dashboard/sections.ts).
CREATE CONSTRAINT TRIGGER data_version_counted_signing AFTER INSERT OR UPDATE OR DELETE ON counted_signing
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_counted_signing_truncate AFTER TRUNCATE ON counted_signing FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
