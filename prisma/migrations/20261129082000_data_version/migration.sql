-- One number that moves whenever data the dashboard shows changes, so a
-- dashboard computed for the same scope, filters and day can be served again
-- until then and never after (lib/data/dashboard/cache.ts): a summary that is
-- never stale, which lets ten managers opening the same dashboard cost one
-- computation (issue 4, bench/results.md).
--
-- The triggers are DEFERRED constraint triggers: the bump happens once per
-- transaction, at its commit, after every other lock it takes, so the single
-- row cannot join a deadlock and is held only for the commit itself. A reader
-- that sees the new number also sees the transaction's data (both committed
-- together). TRUNCATE (tests, seeds) bumps at once.
--
-- In schema.prisma terms: model DataVersion (@@map("data_version")).

CREATE TABLE "data_version" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 1,
    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "data_version_one_row" CHECK ("id" = 1)
);
INSERT INTO "data_version" ("id", "version") VALUES (1, 1);

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction: the flag is transaction-local (set_config … true).
  IF current_setting('crm.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('crm.data_version_bumped', 'on', true);
    UPDATE data_version SET version = version + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER data_version_project AFTER INSERT OR UPDATE OR DELETE ON project
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_stage_change AFTER INSERT OR UPDATE OR DELETE ON stage_change
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_negotiation_round AFTER INSERT OR UPDATE OR DELETE ON negotiation_round
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_contract AFTER INSERT OR UPDATE OR DELETE ON contract
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_construction_start AFTER INSERT OR UPDATE OR DELETE ON construction_start
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_funds_in_place AFTER INSERT OR UPDATE OR DELETE ON funds_in_place
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_promotion_event AFTER INSERT OR UPDATE OR DELETE ON promotion_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_reference_item AFTER INSERT OR UPDATE OR DELETE ON reference_item
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
-- Of companies, units and users the dashboard shows only these columns.
CREATE CONSTRAINT TRIGGER data_version_company AFTER INSERT OR DELETE OR UPDATE OF country_code ON company
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_unit AFTER INSERT OR DELETE OR UPDATE OF name_zh, name_en ON unit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_app_user AFTER INSERT OR DELETE OR UPDATE OF name ON app_user
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();

CREATE TRIGGER data_version_project_truncate AFTER TRUNCATE ON project FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_stage_change_truncate AFTER TRUNCATE ON stage_change FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_negotiation_round_truncate AFTER TRUNCATE ON negotiation_round FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_contract_truncate AFTER TRUNCATE ON contract FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_construction_start_truncate AFTER TRUNCATE ON construction_start FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_funds_in_place_truncate AFTER TRUNCATE ON funds_in_place FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
