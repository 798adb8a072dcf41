-- One row per project import by the request that started it: a retried upload gets the first outcome (issue 17).
-- CreateTable
CREATE TABLE "import_run" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "request_id" UUID NOT NULL,
    "outcome" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_run_user_id_request_id_key" ON "import_run"("user_id", "request_id");

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
