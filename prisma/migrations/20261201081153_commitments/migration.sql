-- CreateEnum
CREATE TYPE "CommitmentKind" AS ENUM ('INVESTMENT_TOTAL', 'FIXED_ASSET', 'FOREIGN_INVESTMENT', 'LAND', 'JOBS', 'ANNUAL_OUTPUT', 'ANNUAL_TAX', 'LAND_HANDOVER', 'CONSTRUCTION_START', 'PRODUCTION', 'FULL_PRODUCTION', 'STATISTICS');

-- CreateTable
CREATE TABLE "commitment" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "contract_id" INTEGER NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "value" DECIMAL(18,2),
    "due_on" DATE,
    "replaced_at" TIMESTAMPTZ(3),
    "replaced_by_id" INTEGER,
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_actual" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "value" DECIMAL(18,2),
    "reported_on" DATE NOT NULL,
    "note" VARCHAR(1000),
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_actual_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "commitment_replaced_by_id_key" ON "commitment"("replaced_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_request_id_key" ON "commitment"("request_id");

-- CreateIndex
CREATE INDEX "commitment_project_id_kind_idx" ON "commitment"("project_id", "kind");

-- CreateIndex
CREATE INDEX "commitment_contract_id_idx" ON "commitment"("contract_id");

-- CreateIndex
CREATE INDEX "commitment_due_on_idx" ON "commitment"("due_on");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_actual_request_id_key" ON "commitment_actual"("request_id");

-- CreateIndex
CREATE INDEX "commitment_actual_project_id_kind_idx" ON "commitment_actual"("project_id", "kind");

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_actual" ADD CONSTRAINT "commitment_actual_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_actual" ADD CONSTRAINT "commitment_actual_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
