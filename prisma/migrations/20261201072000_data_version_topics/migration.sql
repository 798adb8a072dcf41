-- Two data versions instead of one (issue 14): logging a round no longer makes
-- every dashboard section recompute.
--
-- id 1, "records": everything the dashboard, the board's totals and the filter
--   options read, except what follows.
-- id 2, "activity": negotiation rounds, and the columns of project that only
--   rounds and follow-ups change (last_round_on, round_count,
--   next_follow_up_on).
-- A project update that changes only updated_at/version moves neither.
--
-- What reads activity keys its cache on both numbers (lib/data/versioned-cache.ts);
-- what reads only records, on records alone: signed value, bands, delivery,
-- chains and events stay served while officers log rounds.
--
-- A transaction moves each number at most once, at its commit (deferred
-- triggers, as before). A transaction that moved records does not also move
-- activity (whatever reads activity is keyed on records too), so locks are
-- only ever taken activity-then-records, never the other way round: two
-- committing transactions cannot deadlock on these rows.

ALTER TABLE "data_version" DROP CONSTRAINT "data_version_one_row";
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_topics" CHECK ("id" IN (1, 2));
INSERT INTO "data_version" ("id", "version") VALUES (2, 1);

-- Moves records (id 1) or activity (id 2), once per transaction (the flags are transaction-local).
CREATE FUNCTION data_version_move(activity boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  records_moved boolean := current_setting('crm.data_version_bumped', true) IS NOT DISTINCT FROM 'on';
BEGIN
  IF records_moved THEN
    RETURN;
  ELSIF NOT activity THEN
    PERFORM set_config('crm.data_version_bumped', 'on', true);
    UPDATE data_version SET version = version + 1 WHERE id = 1;
  ELSIF current_setting('crm.data_version_activity_bumped', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('crm.data_version_activity_bumped', 'on', true);
    UPDATE data_version SET version = version + 1 WHERE id = 2;
  END IF;
END $$;

-- TG_ARGV[0] = 'activity' moves activity; otherwise records (the triggers made before this migration pass nothing).
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM data_version_move(TG_NARGS > 0 AND TG_ARGV[0] = 'activity');
  RETURN NULL;
END $$;

-- A project: any change of a column other than the activity ones (and updated_at, version, which nothing guarded
-- reads) moves records — new columns included, without a list to keep; a change of those alone moves activity.
CREATE FUNCTION data_version_project_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  quiet CONSTANT text[] := ARRAY['last_round_on', 'round_count', 'next_follow_up_on', 'updated_at', 'version'];
BEGIN
  IF TG_OP <> 'UPDATE' OR (to_jsonb(OLD) - quiet) IS DISTINCT FROM (to_jsonb(NEW) - quiet) THEN
    PERFORM data_version_move(false);
  ELSIF OLD.last_round_on IS DISTINCT FROM NEW.last_round_on OR OLD.round_count IS DISTINCT FROM NEW.round_count
        OR OLD.next_follow_up_on IS DISTINCT FROM NEW.next_follow_up_on THEN
    PERFORM data_version_move(true);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER data_version_project ON project;
CREATE CONSTRAINT TRIGGER data_version_project AFTER INSERT OR UPDATE OR DELETE ON project
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_project_bump();

DROP TRIGGER data_version_negotiation_round ON negotiation_round;
CREATE CONSTRAINT TRIGGER data_version_negotiation_round AFTER INSERT OR UPDATE OR DELETE ON negotiation_round
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump('activity');
DROP TRIGGER data_version_negotiation_round_truncate ON negotiation_round;
CREATE TRIGGER data_version_negotiation_round_truncate AFTER TRUNCATE ON negotiation_round
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('activity');

-- The dashboard lists investors by name (its pipeline section): a renamed company moves records too (before, only
-- its country did).
DROP TRIGGER data_version_company ON company;
CREATE CONSTRAINT TRIGGER data_version_company AFTER INSERT OR DELETE OR UPDATE OF country_code, name_zh, name_en ON company
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
