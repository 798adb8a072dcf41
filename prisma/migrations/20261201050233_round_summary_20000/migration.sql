-- AlterTable
ALTER TABLE "negotiation_round" ALTER COLUMN "summary" SET DATA TYPE VARCHAR(20000);
