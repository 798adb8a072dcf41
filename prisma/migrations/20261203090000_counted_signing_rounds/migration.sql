-- The rounds held up to each counted signing, kept beside it (issue 14): the funnel's "rounds to signing" counted the
-- rounds of every project signed in the period on every dashboard computed after a contract (5,614 index ranges,
-- 45 rounds each, 114 ms of 150 at 100k projects for a city's year). Now a column of counted_signing, from the rule's
-- view like the rest of the row, so counted_signing_refresh writes it with them.
--
-- A round changes it only when it is held on or before one of its project's counted signings (a round logged after
-- the signing, or of a project not signed, changes nothing and refreshes nothing). The rounds' trigger locks their
-- projects before it looks (as counted_signing_refresh does), so a round and a contract of one project written at
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

-- Rounds added, deleted, moved to another day or project: the projects where one is (or was) held on or before a
-- counted signing are refreshed, once per statement (statement triggers with transition tables: an import or a seed
-- writing thousands of rounds of one project refreshes it once, not once per round). The projects are locked first
-- (a round logged through lib/data/rounds.ts already holds its project's row, FOR UPDATE); the look at
-- counted_signing then takes a fresh snapshot.
CREATE FUNCTION counted_signing_rounds_refresh(touched integer[], rounds_at date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  reached integer[];
BEGIN
  PERFORM 1 FROM project WHERE id = ANY(touched) ORDER BY id FOR NO KEY UPDATE;
  SELECT array_agg(DISTINCT t.project_id) INTO reached
    FROM unnest(touched, rounds_at) AS t(project_id, held_on)
   WHERE EXISTS (SELECT 1 FROM counted_signing k WHERE k.project_id = t.project_id AND k.signed_on >= t.held_on);
  IF reached IS NOT NULL THEN
    PERFORM counted_signing_refresh(reached);
  END IF;
END $$;

-- Rounds added or deleted (the statement's transition table is `rounds` in both triggers: PL/pgSQL keeps a function's
-- plans per trigger). Per project, its earliest round of the statement: if a counted signing reaches any, it reaches it.
CREATE FUNCTION counted_signing_on_rounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM counted_signing_rounds_refresh(array_agg(project_id ORDER BY project_id), array_agg(held_on ORDER BY project_id))
     FROM (SELECT project_id, MIN(held_on) AS held_on FROM rounds GROUP BY project_id) r
   HAVING COUNT(*) > 0;
  RETURN NULL;
END $$;

-- Only rounds whose day or project changed (a statement trigger with transition tables cannot name its columns).
CREATE FUNCTION counted_signing_on_rounds_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM counted_signing_rounds_refresh(array_agg(project_id ORDER BY project_id), array_agg(held_on ORDER BY project_id))
     FROM (SELECT v.project_id, MIN(v.held_on) AS held_on
             FROM old_rounds o JOIN new_rounds n ON n.id = o.id
             CROSS JOIN LATERAL (VALUES (o.project_id, o.held_on), (n.project_id, n.held_on)) v(project_id, held_on)
            WHERE (o.project_id, o.held_on) IS DISTINCT FROM (n.project_id, n.held_on)
            GROUP BY v.project_id) r
   HAVING COUNT(*) > 0;
  RETURN NULL;
END $$;

-- Every round gone: no signing had a round before it.
CREATE FUNCTION counted_signing_on_rounds_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counted_signing SET rounds_to_sign = 0 WHERE rounds_to_sign <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER counted_signing_rounds_inserted AFTER INSERT ON negotiation_round
  REFERENCING NEW TABLE AS rounds FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_rounds();
CREATE TRIGGER counted_signing_rounds_deleted AFTER DELETE ON negotiation_round
  REFERENCING OLD TABLE AS rounds FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_rounds();
CREATE TRIGGER counted_signing_rounds_updated AFTER UPDATE ON negotiation_round
  REFERENCING OLD TABLE AS old_rounds NEW TABLE AS new_rounds FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_rounds_updated();
CREATE TRIGGER counted_signing_rounds_truncated AFTER TRUNCATE ON negotiation_round FOR EACH STATEMENT EXECUTE FUNCTION counted_signing_on_rounds_truncated();

-- The rows there are now, counted (their stamps move: the dashboard's signed sections are computed again once).
UPDATE counted_signing k SET rounds_to_sign = r.rounds_to_sign FROM counted_signing_rule r
 WHERE r.contract_id = k.contract_id AND r.rounds_to_sign <> k.rounds_to_sign;
