-- CreateTable
CREATE TABLE "installation_setting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "milestone_warn_days" INTEGER NOT NULL DEFAULT 30,
    "funds_behind_percent" INTEGER NOT NULL DEFAULT 20,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "installation_setting_pkey" PRIMARY KEY ("id")
);

-- One row per installation, and thresholds that make sense.
ALTER TABLE "installation_setting" ADD CONSTRAINT "installation_setting_one_row" CHECK ("id" = 1);
ALTER TABLE "installation_setting" ADD CONSTRAINT "installation_setting_ranges" CHECK ("milestone_warn_days" BETWEEN 0 AND 365 AND "funds_behind_percent" BETWEEN 0 AND 100);
