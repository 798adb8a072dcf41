-- A further contract on a signed project (an upgrade, a capital increase, a repeat signing) names the promotion
-- event it was signed at, if any: a repeat signing is often "the same project, at another conference".
-- AlterTable
ALTER TABLE "contract" ADD COLUMN     "event_id" INTEGER;

-- CreateIndex
CREATE INDEX "contract_event_id_idx" ON "contract"("event_id");

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "promotion_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;
