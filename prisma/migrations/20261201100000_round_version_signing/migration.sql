-- A logged round moves data_version's activity number only when it cannot change a number kept with the records
-- (issue 14: the dashboard right after a round recomputes only what a round changes).
--
-- The funnel's durations count "rounds to signing": the rounds of a signed project held on or before its first
-- contract (lib/data/dashboard/funnel.ts, funnelDurations; the first contract is firstContractsSql's). They are now
-- kept with the records (lib/data/dashboard/index.ts, getRecordSections), so a round that counts there — one held
-- on or before its project's first contract, in practice a round entered afterwards with an earlier date — moves
-- records; any other round (the usual: today's, on a project not yet signed or signed before) moves activity.
-- Evaluated at commit (deferred, as before), so it sees the transaction's contracts as committed. A contract added,
-- moved or deleted moves records through its own trigger; a project deleted with its rounds, through project's.
--
-- The rule "held on or before the first contract" is written here and in funnelDurations; the test
-- "a round held before its project's signing shows in rounds to signing at once" (cache.int.test.ts) keeps the two
-- together.

CREATE FUNCTION round_counts_to_signing(project integer, held date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT held <= (SELECT MIN(k.signed_on) FROM contract k WHERE k.project_id = project)
$$;

CREATE FUNCTION data_version_round_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'DELETE' AND round_counts_to_signing(NEW.project_id, NEW.held_on) IS TRUE)
     OR (TG_OP <> 'INSERT' AND round_counts_to_signing(OLD.project_id, OLD.held_on) IS TRUE) THEN
    PERFORM data_version_move(false);
  ELSE
    PERFORM data_version_move(true);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER data_version_negotiation_round ON negotiation_round;
CREATE CONSTRAINT TRIGGER data_version_negotiation_round AFTER INSERT OR UPDATE OR DELETE ON negotiation_round
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_round_bump();
-- Emptying the rounds empties "rounds to signing" too.
DROP TRIGGER data_version_negotiation_round_truncate ON negotiation_round;
CREATE TRIGGER data_version_negotiation_round_truncate AFTER TRUNCATE ON negotiation_round
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
