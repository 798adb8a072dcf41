-- The dashboard's delivery rates (履约率, 开工率, 投产率, 资金到位率; lib/data/dashboard/delivery-rates.ts) read
-- the commitments and their actuals in the cached "records" half: a promise, an amendment or an actual recorded
-- moves records (id 1) at its commit, so the dashboard never shows a rate older than the last commit.
CREATE CONSTRAINT TRIGGER data_version_commitment AFTER INSERT OR UPDATE OR DELETE ON commitment
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_commitment_truncate AFTER TRUNCATE ON commitment
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
CREATE CONSTRAINT TRIGGER data_version_commitment_actual AFTER INSERT OR UPDATE OR DELETE ON commitment_actual
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
CREATE TRIGGER data_version_commitment_actual_truncate AFTER TRUNCATE ON commitment_actual
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
