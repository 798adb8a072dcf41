-- CreateEnum
CREATE TYPE "TargetMeasure" AS ENUM ('SIGNED', 'SIGNED_100M', 'CONTRACTED_CNY', 'STARTS', 'FUNDS_CNY', 'FDI_USD');

-- CreateEnum
CREATE TYPE "AssessmentMethod" AS ENUM ('SHARE', 'EFFICACY');

-- AlterTable
ALTER TABLE "installation_setting" ADD COLUMN     "activity_weights" JSONB,
ADD COLUMN     "assessment_method" "AssessmentMethod" NOT NULL DEFAULT 'SHARE',
ADD COLUMN     "deduction_per_late_start" DECIMAL(6,2) NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "target" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "measure" "TargetMeasure" NOT NULL,
    "value" DECIMAL(20,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_year_idx" ON "target"("year");

-- CreateIndex
CREATE UNIQUE INDEX "target_unit_id_year_measure_key" ON "target"("unit_id", "year", "measure");

-- AddForeignKey
ALTER TABLE "target" ADD CONSTRAINT "target_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Targets are not negative; the deduction is between 0 and 100 points.
ALTER TABLE "target" ADD CONSTRAINT "target_value_range" CHECK ("value" >= 0 AND "year" BETWEEN 1990 AND 2100);
ALTER TABLE "installation_setting" ADD CONSTRAINT "installation_setting_deduction_range" CHECK ("deduction_per_late_start" BETWEEN 0 AND 100);

-- The cached dashboard reads targets (its 目标完成 section): a change moves data_version's records (id 1).
CREATE CONSTRAINT TRIGGER data_version_target AFTER INSERT OR UPDATE OR DELETE ON target
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
