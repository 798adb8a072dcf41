-- CreateEnum
CREATE TYPE "ContractKind" AS ENUM ('FORMAL', 'FRAMEWORK', 'UPGRADE', 'CAPITAL_INCREASE');

-- AlterEnum
ALTER TYPE "ReferenceKind" ADD VALUE 'NOT_RECOGNISED_REASON';

-- AlterTable
ALTER TABLE "contract" ADD COLUMN     "kind" "ContractKind" NOT NULL DEFAULT 'FORMAL';

-- AlterTable
ALTER TABLE "installation_setting" ADD COLUMN     "min_recognised_cny" DECIMAL(18,2),
ADD COLUMN     "not_recognised_sector_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "project" ADD COLUMN     "not_recognised_note" VARCHAR(500),
ADD COLUMN     "not_recognised_reason_id" INTEGER;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_not_recognised_reason_id_fkey" FOREIGN KEY ("not_recognised_reason_id") REFERENCES "reference_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Count once (issue 16). Every contract recorded before this migration is FORMAL (the column's default), so each
-- project still counts once, at its first contract, with that contract's amount: the numbers do not move.

-- Automatic rules need sane values; none set = off.
ALTER TABLE "installation_setting" ADD CONSTRAINT "installation_setting_min_recognised" CHECK ("min_recognised_cny" IS NULL OR "min_recognised_cny" >= 0);

-- The dashboard and the report count by the automatic rules: changing them moves records (data_version id 1), by
-- the trigger data_version_installation_setting that migration 20261201095701_stall_limits puts on every column.

-- The first signing of a project is found by (project_id, signed_on, id) among its contracts.
CREATE INDEX "contract_project_id_signed_on_id_idx" ON "contract"("project_id", "signed_on", "id");
