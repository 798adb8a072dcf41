-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('CITY', 'COUNTY', 'DISTRICT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OFFICER', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ReferenceKind" AS ENUM ('SECTOR', 'INDUSTRY_CHAIN', 'SOURCE', 'AGREEMENT_KIND');

-- CreateEnum
CREATE TYPE "OwnershipType" AS ENUM ('STATE', 'PRIVATE', 'FOREIGN', 'JOINT_VENTURE', 'HMT', 'COLLECTIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('FIRST_CONTACT', 'INTENT', 'NEGOTIATION', 'SIGNED', 'CONSTRUCTION', 'OPERATING', 'ON_HOLD', 'LOST');

-- CreateEnum
CREATE TYPE "RoundFormat" AS ENUM ('VISIT_HERE', 'VISIT_INVESTOR', 'VIDEO', 'CONFERENCE', 'PHONE');

-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('CNY', 'USD');

-- CreateTable
CREATE TABLE "unit" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name_zh" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parent_id" INTEGER,
    "retired_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_item" (
    "id" SERIAL NOT NULL,
    "kind" "ReferenceKind" NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name_zh" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "retired_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reference_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company" (
    "id" SERIAL NOT NULL,
    "name_zh" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200),
    "country_code" CHAR(2) NOT NULL,
    "group_name" VARCHAR(200),
    "parent_id" INTEGER,
    "industry" VARCHAR(100),
    "ownership_type" "OwnershipType" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" SERIAL NOT NULL,
    "company_id" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "title" VARCHAR(100),
    "phone" VARCHAR(50),
    "email" VARCHAR(254),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" SERIAL NOT NULL,
    "external_id" VARCHAR(100),
    "company_id" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "sector_id" INTEGER,
    "chain_id" INTEGER,
    "unit_id" INTEGER NOT NULL,
    "phase" VARCHAR(50),
    "planned_investment_cny" DECIMAL(18,2),
    "foreign_investment_usd" DECIMAL(18,2),
    "jobs" INTEGER,
    "land_mu" DECIMAL(12,2),
    "source_id" INTEGER,
    "event_id" INTEGER,
    "anchor_project_id" INTEGER,
    "owner_id" INTEGER NOT NULL,
    "stage" "Stage" NOT NULL DEFAULT 'FIRST_CONTACT',
    "stage_entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stage_reason" VARCHAR(500),
    "first_contact_on" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_follow_up_on" DATE,
    "last_round_on" DATE,
    "round_count" INTEGER NOT NULL DEFAULT 0,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_change" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "from_stage" "Stage",
    "to_stage" "Stage" NOT NULL,
    "reason" VARCHAR(500),
    "changed_by_id" INTEGER NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" UUID,

    CONSTRAINT "stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "negotiation_round" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "format" "RoundFormat" NOT NULL,
    "place" VARCHAR(200),
    "our_participants" VARCHAR(500) NOT NULL,
    "investor_participants" VARCHAR(500),
    "topics" VARCHAR(32)[],
    "summary" VARCHAR(4000) NOT NULL,
    "next_steps" VARCHAR(2000),
    "next_meeting_on" DATE,
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "negotiation_round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "signed_on" DATE NOT NULL,
    "contracted_investment_cny" DECIMAL(18,2) NOT NULL,
    "contracted_foreign_usd" DECIMAL(18,2),
    "agreement_kind_id" INTEGER NOT NULL,
    "note" VARCHAR(1000),
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "construction_start" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "started_on" DATE NOT NULL,
    "note" VARCHAR(1000),
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "construction_start_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "funds_in_place" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" "Currency" NOT NULL,
    "received_on" DATE NOT NULL,
    "note" VARCHAR(1000),
    "created_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "funds_in_place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_event" (
    "id" SERIAL NOT NULL,
    "name_zh" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200),
    "city_zh" VARCHAR(100) NOT NULL,
    "city_en" VARCHAR(100),
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "promotion_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "action" VARCHAR(64) NOT NULL,
    "entity" VARCHAR(64) NOT NULL,
    "entity_id" VARCHAR(64),
    "before" JSONB,
    "after" JSONB,
    "ip" VARCHAR(64),

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_failure" (
    "id" BIGSERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "unit_code_key" ON "unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_unit_id_idx" ON "app_user"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "reference_item_kind_code_key" ON "reference_item"("kind", "code");

-- CreateIndex
CREATE INDEX "company_name_zh_idx" ON "company"("name_zh");

-- CreateIndex
CREATE INDEX "company_country_code_idx" ON "company"("country_code");

-- CreateIndex
CREATE INDEX "contact_company_id_idx" ON "contact"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_external_id_key" ON "project"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_request_id_key" ON "project"("request_id");

-- CreateIndex
CREATE INDEX "project_unit_id_stage_idx" ON "project"("unit_id", "stage");

-- CreateIndex
CREATE INDEX "project_owner_id_stage_idx" ON "project"("owner_id", "stage");

-- CreateIndex
CREATE INDEX "project_stage_stage_entered_at_idx" ON "project"("stage", "stage_entered_at");

-- CreateIndex
CREATE INDEX "project_next_follow_up_on_idx" ON "project"("next_follow_up_on");

-- CreateIndex
CREATE INDEX "project_last_round_on_idx" ON "project"("last_round_on");

-- CreateIndex
CREATE INDEX "project_company_id_idx" ON "project"("company_id");

-- CreateIndex
CREATE INDEX "project_anchor_project_id_idx" ON "project"("anchor_project_id");

-- CreateIndex
CREATE INDEX "project_event_id_idx" ON "project"("event_id");

-- CreateIndex
CREATE INDEX "project_sector_id_idx" ON "project"("sector_id");

-- CreateIndex
CREATE INDEX "project_chain_id_idx" ON "project"("chain_id");

-- CreateIndex
CREATE INDEX "project_updated_at_idx" ON "project"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "stage_change_request_id_key" ON "stage_change"("request_id");

-- CreateIndex
CREATE INDEX "stage_change_project_id_changed_at_idx" ON "stage_change"("project_id", "changed_at");

-- CreateIndex
CREATE INDEX "stage_change_to_stage_changed_at_idx" ON "stage_change"("to_stage", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "negotiation_round_request_id_key" ON "negotiation_round"("request_id");

-- CreateIndex
CREATE INDEX "negotiation_round_held_on_idx" ON "negotiation_round"("held_on");

-- CreateIndex
CREATE INDEX "negotiation_round_created_by_id_held_on_idx" ON "negotiation_round"("created_by_id", "held_on");

-- CreateIndex
CREATE UNIQUE INDEX "negotiation_round_project_id_number_key" ON "negotiation_round"("project_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "contract_request_id_key" ON "contract"("request_id");

-- CreateIndex
CREATE INDEX "contract_project_id_idx" ON "contract"("project_id");

-- CreateIndex
CREATE INDEX "contract_signed_on_idx" ON "contract"("signed_on");

-- CreateIndex
CREATE UNIQUE INDEX "construction_start_request_id_key" ON "construction_start"("request_id");

-- CreateIndex
CREATE INDEX "construction_start_project_id_idx" ON "construction_start"("project_id");

-- CreateIndex
CREATE INDEX "construction_start_started_on_idx" ON "construction_start"("started_on");

-- CreateIndex
CREATE UNIQUE INDEX "funds_in_place_request_id_key" ON "funds_in_place"("request_id");

-- CreateIndex
CREATE INDEX "funds_in_place_project_id_idx" ON "funds_in_place"("project_id");

-- CreateIndex
CREATE INDEX "funds_in_place_received_on_currency_idx" ON "funds_in_place"("received_on", "currency");

-- CreateIndex
CREATE INDEX "promotion_event_starts_on_idx" ON "promotion_event"("starts_on");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_at_idx" ON "audit_log"("entity", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "sign_in_failure_email_at_idx" ON "sign_in_failure"("email", "at");

-- CreateIndex
CREATE INDEX "sign_in_failure_ip_at_idx" ON "sign_in_failure"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company" ADD CONSTRAINT "company_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "company"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "reference_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "reference_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "reference_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "promotion_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_anchor_project_id_fkey" FOREIGN KEY ("anchor_project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "negotiation_round" ADD CONSTRAINT "negotiation_round_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "negotiation_round" ADD CONSTRAINT "negotiation_round_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_agreement_kind_id_fkey" FOREIGN KEY ("agreement_kind_id") REFERENCES "reference_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "construction_start" ADD CONSTRAINT "construction_start_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "construction_start" ADD CONSTRAINT "construction_start_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "funds_in_place" ADD CONSTRAINT "funds_in_place_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "funds_in_place" ADD CONSTRAINT "funds_in_place_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_event" ADD CONSTRAINT "promotion_event_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
