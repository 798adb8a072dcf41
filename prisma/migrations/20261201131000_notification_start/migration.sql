-- The day reminders were switched on (issue 17, first deployment): the first scan writes it. An installation
-- whose reminders already ran keeps the day of its first notification, so nothing changes for it.
-- CreateTable
CREATE TABLE "notification_start" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "since" DATE NOT NULL,

    CONSTRAINT "notification_start_pkey" PRIMARY KEY ("id")
);

INSERT INTO "notification_start" ("id", "since")
SELECT 1, (min("created_at") AT TIME ZONE 'Asia/Shanghai')::date FROM "notification" HAVING count(*) > 0;
