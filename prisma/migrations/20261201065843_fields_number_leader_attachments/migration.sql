-- Fields officials expect (issue 13): the leader who attended a round (a
-- LEADER reference item, or "other" text), the project number (项目编号) and
-- attachments on rounds and contracts. The LEADER list itself and the
-- matching of existing rounds are in the next migration: a new enum value
-- cannot be used in the transaction that adds it.

-- AlterEnum
ALTER TYPE "ReferenceKind" ADD VALUE 'LEADER';

-- AlterTable
ALTER TABLE "negotiation_round" ADD COLUMN     "leader_id" INTEGER,
ADD COLUMN     "leader_other" VARCHAR(100);

-- AlterTable
ALTER TABLE "project" ADD COLUMN     "number" VARCHAR(48) NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "project_number_counter" (
    "unit_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "project_number_counter_pkey" PRIMARY KEY ("unit_id","year")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "project_id" INTEGER NOT NULL,
    "round_id" INTEGER,
    "contract_id" INTEGER,
    "file_name" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by_id" INTEGER NOT NULL,
    "request_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "attachment_request_id_key" ON "attachment"("request_id");

-- CreateIndex
CREATE INDEX "attachment_project_id_idx" ON "attachment"("project_id");

-- CreateIndex
CREATE INDEX "attachment_round_id_idx" ON "attachment"("round_id");

-- CreateIndex
CREATE INDEX "attachment_contract_id_idx" ON "attachment"("contract_id");

-- CreateIndex
CREATE INDEX "negotiation_round_leader_id_idx" ON "negotiation_round"("leader_id");

-- Existing projects: numbered per unit and year of creation (Asia/Shanghai),
-- in the order they were created; the counters continue from there.
CREATE FUNCTION project_number_format(unit_code TEXT, year INTEGER, n INTEGER) RETURNS TEXT
  LANGUAGE sql IMMUTABLE AS $$ SELECT upper(unit_code) || '-' || year || '-' || lpad(n::text, greatest(4, length(n::text)), '0') $$;

WITH numbered AS (
  SELECT p.id, p.unit_id, extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
         row_number() OVER (PARTITION BY p.unit_id, extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')
                            ORDER BY p.created_at, p.id)::int AS n
    FROM project p
), assigned AS (
  UPDATE project p SET number = project_number_format(u.code, nb.year, nb.n)
    FROM numbered nb JOIN unit u ON u.id = nb.unit_id
   WHERE p.id = nb.id
  RETURNING nb.unit_id, nb.year, nb.n
)
INSERT INTO project_number_counter (unit_id, year, last)
SELECT unit_id, year, max(n) FROM assigned GROUP BY unit_id, year;
-- The backfill queued the deferred data_version triggers; an index cannot be
-- built on a table with pending trigger events, so they fire now.
SET CONSTRAINTS ALL IMMEDIATE;

-- CreateIndex
CREATE UNIQUE INDEX "project_number_key" ON "project"("number");

-- CreateIndex: the list's search finds a project by a part of its number.
CREATE INDEX "project_number_trgm_idx" ON "project" USING GIN ("number" gin_trgm_ops);

-- Every new project (forms, import, seeds) takes the next number of its unit
-- and year. INSERT … ON CONFLICT DO UPDATE locks the counter row until the
-- creating transaction ends: a concurrent create waits, then takes the next.
-- A number given in the INSERT is replaced: numbers come from the counter only.
CREATE FUNCTION project_number_assign() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  y INTEGER := extract(year FROM NEW.created_at AT TIME ZONE 'Asia/Shanghai')::int;
  n INTEGER;
BEGIN
  INSERT INTO project_number_counter AS c (unit_id, year, last) VALUES (NEW.unit_id, y, 1)
    ON CONFLICT (unit_id, year) DO UPDATE SET last = c.last + 1
    RETURNING c.last INTO n;
  SELECT project_number_format(u.code, y, n) INTO NEW.number FROM unit u WHERE u.id = NEW.unit_id;
  RETURN NEW;
END $$;

CREATE TRIGGER project_number BEFORE INSERT ON project FOR EACH ROW EXECUTE FUNCTION project_number_assign();

-- An attachment belongs to exactly one round or one contract.
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_one_owner" CHECK (("round_id" IS NULL) <> ("contract_id" IS NULL));

-- AddForeignKey
ALTER TABLE "negotiation_round" ADD CONSTRAINT "negotiation_round_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "reference_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "negotiation_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
