-- An optional mobile number per user: the chat robots @-mention the person by it (issue 17).
-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "mobile" VARCHAR(11);
