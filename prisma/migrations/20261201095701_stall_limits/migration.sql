-- AlterTable
ALTER TABLE "installation_setting" ADD COLUMN     "stall_days_first_contact" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "stall_days_intent" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "stall_days_negotiation" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "stall_days_signed" INTEGER NOT NULL DEFAULT 30;

-- Limits that make sense (lib/domain/stages.ts STALL_LIMIT_RANGE).
ALTER TABLE "installation_setting" ADD CONSTRAINT "installation_setting_stall_ranges" CHECK (
  "stall_days_first_contact" BETWEEN 1 AND 365 AND "stall_days_intent" BETWEEN 1 AND 365
  AND "stall_days_negotiation" BETWEEN 1 AND 365 AND "stall_days_signed" BETWEEN 1 AND 365);

-- The dashboard counts stalled projects by these limits and the list, board and My work colour projects by the
-- milestone thresholds and commitments: a change of any of them moves records (data_version id 1) at its commit, so
-- the cached dashboard and board totals never show a number older than the last change. (DROP … IF EXISTS: another
-- branch may have made the same trigger.)
DROP TRIGGER IF EXISTS data_version_installation_setting ON installation_setting;
CREATE CONSTRAINT TRIGGER data_version_installation_setting AFTER INSERT OR UPDATE OR DELETE ON installation_setting
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
DROP TRIGGER IF EXISTS data_version_commitment ON commitment;
CREATE CONSTRAINT TRIGGER data_version_commitment AFTER INSERT OR UPDATE OR DELETE ON commitment
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
DROP TRIGGER IF EXISTS data_version_commitment_actual ON commitment_actual;
CREATE CONSTRAINT TRIGGER data_version_commitment_actual AFTER INSERT OR UPDATE OR DELETE ON commitment_actual
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
