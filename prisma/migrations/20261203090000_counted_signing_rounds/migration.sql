-- The rounds held up to each counted signing, kept beside it (issue 14): the funnel's "rounds to signing" counted the
-- rounds of every project signed in the period on every dashboard computed after a contract (5,614 index ranges,
-- 45 rounds each, 114 ms of 150 at 100k projects for a city's year). Now a column of counted_signing, from the rule's
-- view like the rest of the row, so counted_signing_refresh writes it with them.
--
-- A round changes it only when it is held on or before one of its project's counted signings (a round logged after
-- the signing, or of a project not signed, changes nothing and refreshes nothing). The round's trigger locks its
-- project before it looks (as counted_signing_refresh does), so a round and a contract of one project written at
-- once are counted in one order: the later writer reads after the earlier commits.

ALTER TABLE "counted_signing" ADD COLUMN "rounds_to_sign" INTEGER NOT NULL DEFAULT 0;

-- The rounds of a signing: those of its project held on or before the day it was signed.
CREATE OR REPLACE VIEW counted_signing_rule AS
  SELECT c.id AS contract_id, c.project_id, c.signed_on, c.contracted_investment_cny AS cny, c.contracted_foreign_usd AS usd,
         p.unit_id, p.sector_id, p.chain_id, p.owner_id, p.company_id, p.first_contact_on,
         (SELECT COUNT(*)::int FROM negotiation_round r WHERE r.project_id = c.project_id AND r.held_on <= c.signed_on) AS rounds_to_sign
    FROM (SELECT k.id, k.project_id, k.signed_on, k.kind, k.contracted_investment_cny, k.contracted_foreign_usd,
                 row_number() OVER (PARTITION BY k.project_id, k.kind = 'CAPITAL_INCREASE' ORDER BY k.signed_on, k.id) AS nth
            FROM contract k) c
    JOIN project p ON p.id = c.project_id
    LEFT JOIN installation_setting st ON st.id = 1
   WHERE (c.kind = 'CAPITAL_INCREASE' OR c.nth = 1)
     AND p.not_recognised_reason_id IS NULL
     AND NOT COALESCE(p.sector_id = ANY(st.not_recognised_sector_ids), FALSE)
     AND NOT COALESCE(c.contracted_investment_cny < st.min_recognised_cny, FALSE);

-- As in 20261202120000, with rounds_to_sign among the columns written and compared.
CREATE OR REPLACE FUNCTION counted_signing_refresh(projects integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF projects IS NULL THEN
    WITH fresh AS MATERIALIZED (SELECT * FROM counted_signing_rule),
    gone AS (DELETE FROM counted_signing cs WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.contract_id = cs.contract_id))
    INSERT INTO counted_signing AS cs (contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign)
    SELECT contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign FROM fresh
    ON CONFLICT (contract_id) DO UPDATE
      SET (project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign) =
          (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on, EXCLUDED.rounds_to_sign)
      WHERE (cs.project_id, cs.signed_on, cs.cny, cs.usd, cs.unit_id, cs.sector_id, cs.chain_id, cs.owner_id, cs.company_id, cs.first_contact_on, cs.rounds_to_sign)
            IS DISTINCT FROM (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on, EXCLUDED.rounds_to_sign);
    RETURN;
  END IF;
  PERFORM 1 FROM installation_setting WHERE id = 1 FOR SHARE;
  PERFORM 1 FROM project WHERE id = ANY(projects) ORDER BY id FOR NO KEY UPDATE;
  WITH fresh AS MATERIALIZED (SELECT * FROM counted_signing_rule r WHERE r.project_id = ANY(projects)),
  gone AS (DELETE FROM counted_signing cs WHERE cs.project_id = ANY(projects) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.contract_id = cs.contract_id))
  INSERT INTO counted_signing AS cs (contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign)
  SELECT contract_id, project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign FROM fresh
  ON CONFLICT (contract_id) DO UPDATE
    SET (project_id, signed_on, cny, usd, unit_id, sector_id, chain_id, owner_id, company_id, first_contact_on, rounds_to_sign) =
        (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on, EXCLUDED.rounds_to_sign)
    WHERE (cs.project_id, cs.signed_on, cs.cny, cs.usd, cs.unit_id, cs.sector_id, cs.chain_id, cs.owner_id, cs.company_id, cs.first_contact_on, cs.rounds_to_sign)
          IS DISTINCT FROM (EXCLUDED.project_id, EXCLUDED.signed_on, EXCLUDED.cny, EXCLUDED.usd, EXCLUDED.unit_id, EXCLUDED.sector_id, EXCLUDED.chain_id, EXCLUDED.owner_id, EXCLUDED.company_id, EXCLUDED.first_contact_on, EXCLUDED.rounds_to_sign);
END $$;

-- A round added, deleted, moved to another day or project: the projects where it is (or was) held on or before a
-- counted signing are refreshed. The lock comes first (a round logged through lib/data/rounds.ts already holds its
-- project's row, FOR UPDATE); the look at counted_signing then takes a fresh snapshot.
CREATE FUNCTION counted_signing_on_round() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  projects integer[] := ARRAY[]::integer[];
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM 1 FROM project WHERE id = NEW.project_id FOR NO KEY UPDATE;
    IF EXISTS (SELECT 1 FROM counted_signing k WHERE k.project_id = NEW.project_id AND k.signed_on >= NEW.held_on) THEN
      projects := projects || NEW.project_id;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM 1 FROM project WHERE id = OLD.project_id FOR NO KEY UPDATE;
    IF EXISTS (SELECT 1 FROM counted_signing k WHERE k.project_id = OLD.project_id AND k.signed_on >= OLD.held_on) THEN
      projects := projects || OLD.project_id;
    END IF;
  END IF;
  IF cardinality(projects) > 0 THEN
    PERFORM counted_signing_refresh(projects);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER counted_signing_round AFTER INSERT OR DELETE OR UPDATE OF project_id, held_on ON negotiation_round
  FOR EACH ROW EXECUTE FUNCTION counted_signing_on_round();

-- The rows there are now, counted (their stamps move: the dashboard's signed sections are computed again once).
UPDATE counted_signing k SET rounds_to_sign = r.rounds_to_sign FROM counted_signing_rule r
 WHERE r.contract_id = k.contract_id AND r.rounds_to_sign <> k.rounds_to_sign;
