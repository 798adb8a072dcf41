-- Submit-once by request id everywhere: the records created from forms that
-- had no request_id column (companies, contacts, promotion events, users,
-- reference items, units, API tokens) get the same nullable unique UUID column
-- as project, contract … have, so createOnce finds a double submit by it
-- (before, the request id lived in the audit row and an advisory lock
-- serialised the two submits). Existing rows keep NULL: not created by a form
-- submission we can recognise again.

-- AlterTable
ALTER TABLE "unit" ADD COLUMN "request_id" UUID;
ALTER TABLE "app_user" ADD COLUMN "request_id" UUID;
ALTER TABLE "reference_item" ADD COLUMN "request_id" UUID;
ALTER TABLE "company" ADD COLUMN "request_id" UUID;
ALTER TABLE "contact" ADD COLUMN "request_id" UUID;
ALTER TABLE "promotion_event" ADD COLUMN "request_id" UUID;
ALTER TABLE "api_token" ADD COLUMN "request_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "unit_request_id_key" ON "unit"("request_id");
CREATE UNIQUE INDEX "app_user_request_id_key" ON "app_user"("request_id");
CREATE UNIQUE INDEX "reference_item_request_id_key" ON "reference_item"("request_id");
CREATE UNIQUE INDEX "company_request_id_key" ON "company"("request_id");
CREATE UNIQUE INDEX "contact_request_id_key" ON "contact"("request_id");
CREATE UNIQUE INDEX "promotion_event_request_id_key" ON "promotion_event"("request_id");
CREATE UNIQUE INDEX "api_token_request_id_key" ON "api_token"("request_id");
