-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('FOLLOW_UP_DUE', 'FOLLOW_UP_OVERDUE', 'STALLED', 'MILESTONE_YELLOW', 'MILESTONE_RED', 'SUPERVISION_ISSUED', 'SUPERVISION_DUE_SOON', 'SUPERVISION_TO_REVIEW', 'PROJECT_REASSIGNED', 'IMPORT_FINISHED', 'IMPORT_FAILED', 'ESCALATION', 'DIGEST');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'WECOM', 'DINGTALK');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'RETRYING', 'FAILED');

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "subject" VARCHAR(64) NOT NULL,
    "occasion" VARCHAR(32) NOT NULL,
    "project_id" INTEGER,
    "data" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_delivery" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" BIGINT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" VARCHAR(1000),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "user_id" INTEGER NOT NULL,
    "muted_kinds" "NotificationKind"[] DEFAULT ARRAY[]::"NotificationKind"[],
    "channels" "NotificationChannel"[] DEFAULT ARRAY['EMAIL', 'WECOM', 'DINGTALK']::"NotificationChannel"[],
    "locale" VARCHAR(8) NOT NULL DEFAULT 'zh-CN',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "unit_chat_webhook" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "url" VARCHAR(1000) NOT NULL,
    "secret" VARCHAR(200),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_chat_webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_setting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "digest_time" VARCHAR(5) NOT NULL DEFAULT '08:30',
    "owner_only_days" INTEGER NOT NULL DEFAULT 3,
    "copy_manager_days" INTEGER NOT NULL DEFAULT 5,
    "high_risk_days" INTEGER NOT NULL DEFAULT 7,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_setting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_user_id_read_at_created_at_idx" ON "notification"("user_id", "read_at", "created_at");

-- CreateIndex
CREATE INDEX "notification_user_id_created_at_id_idx" ON "notification"("user_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_user_id_kind_subject_occasion_key" ON "notification"("user_id", "kind", "subject", "occasion");

-- CreateIndex
CREATE INDEX "notification_delivery_status_next_attempt_at_idx" ON "notification_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_delivery_created_at_id_idx" ON "notification_delivery"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_delivery_notification_id_channel_key" ON "notification_delivery"("notification_id", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "unit_chat_webhook_unit_id_channel_key" ON "unit_chat_webhook"("unit_id", "channel");

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_chat_webhook" ADD CONSTRAINT "unit_chat_webhook_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
