-- A supervision order covers a set of one unit's projects (issue 15): the set is a child table, and an order on
-- one project is the set of one. Every existing order's project moves into its set, then the column goes.

-- CreateTable
CREATE TABLE "supervision_order_project" (
    "order_id" INTEGER NOT NULL,
    "project_id" INTEGER NOT NULL,

    CONSTRAINT "supervision_order_project_pkey" PRIMARY KEY ("order_id","project_id")
);

-- Existing orders: their one project.
INSERT INTO "supervision_order_project" ("order_id", "project_id") SELECT "id", "project_id" FROM "supervision_order";

-- CreateIndex
CREATE INDEX "supervision_order_project_project_id_idx" ON "supervision_order_project"("project_id");

-- AddForeignKey
ALTER TABLE "supervision_order_project" ADD CONSTRAINT "supervision_order_project_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "supervision_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_order_project" ADD CONSTRAINT "supervision_order_project_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- DropForeignKey
ALTER TABLE "supervision_order" DROP CONSTRAINT "supervision_order_project_id_fkey";

-- DropIndex
DROP INDEX "supervision_order_project_id_created_at_idx";

-- AlterTable
ALTER TABLE "supervision_order" DROP COLUMN "project_id";
