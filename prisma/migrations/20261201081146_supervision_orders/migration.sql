-- CreateEnum
CREATE TYPE "SupervisionStatus" AS ENUM ('OPEN', 'ANSWERED', 'RESOLVED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "SupervisionStepKind" AS ENUM ('PLAN', 'PROGRESS', 'RESOLVE', 'ESCALATE');

-- CreateTable
CREATE TABLE "supervision_order" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "requirement" VARCHAR(2000) NOT NULL,
    "answer_due_on" DATE NOT NULL,
    "assignee_id" INTEGER NOT NULL,
    "issued_by_id" INTEGER NOT NULL,
    "status" "SupervisionStatus" NOT NULL DEFAULT 'OPEN',
    "closed_at" TIMESTAMPTZ(3),
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "supervision_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervision_step" (
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "kind" "SupervisionStepKind" NOT NULL,
    "body" VARCHAR(5000) NOT NULL,
    "author_id" INTEGER NOT NULL,
    "request_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_step_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "supervision_order_request_id_key" ON "supervision_order"("request_id");

-- CreateIndex
CREATE INDEX "supervision_order_project_id_created_at_idx" ON "supervision_order"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "supervision_order_unit_id_status_answer_due_on_idx" ON "supervision_order"("unit_id", "status", "answer_due_on");

-- CreateIndex
CREATE INDEX "supervision_order_assignee_id_status_idx" ON "supervision_order"("assignee_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "supervision_step_request_id_key" ON "supervision_step"("request_id");

-- CreateIndex
CREATE INDEX "supervision_step_order_id_at_idx" ON "supervision_step"("order_id", "at");

-- AddForeignKey
ALTER TABLE "supervision_order" ADD CONSTRAINT "supervision_order_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_order" ADD CONSTRAINT "supervision_order_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_order" ADD CONSTRAINT "supervision_order_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_order" ADD CONSTRAINT "supervision_order_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_step" ADD CONSTRAINT "supervision_step_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "supervision_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_step" ADD CONSTRAINT "supervision_step_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
