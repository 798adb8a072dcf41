-- The list's search served by one index for every length of term (issue 14).
-- The search matches a title, a project number (项目编号) or an investor name.
-- The number was matched by `number ILIKE '%…%'` on its trigram index, which has
-- no trigram for a one- or two-character term (电池, 光伏): PostgreSQL then read
-- the whole trigram index, or — since a BitmapOr needs every branch indexed —
-- walked every project for the whole OR (a term matching nothing took as long as
-- reading the table). The number's grams now join the title's in title_grams, so
-- the one GIN index finds the candidates for both and ILIKE keeps the true
-- substrings of either (lib/data/sql-rules.ts projectSearchSql); the number's
-- trigram index goes.
--
-- On INSERT the number is assigned by the BEFORE trigger project_number, which
-- PostgreSQL fires before project_title_grams (triggers of one event fire in
-- name order), so the grams see the assigned number.

CREATE OR REPLACE FUNCTION project_title_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title_grams := search_grams(NEW.title || ' ' || NEW.number);
  RETURN NEW;
END $$;

DROP TRIGGER project_title_grams ON project;
CREATE TRIGGER project_title_grams BEFORE INSERT OR UPDATE OF title, number ON project
  FOR EACH ROW EXECUTE FUNCTION project_title_grams();

-- The rows already there, without the index (one build instead of row-by-row updates of it), and without the
-- table's triggers: the update writes only title_grams, which no summary, cache or data_version reader depends
-- on, and the summaries' statement triggers would compare every row's old and new state (minutes at 100k).
DROP INDEX "project_title_grams_idx";
ALTER TABLE "project" DISABLE TRIGGER USER;
UPDATE "project" SET "title_grams" = search_grams("title" || ' ' || "number");
ALTER TABLE "project" ENABLE TRIGGER USER;
CREATE INDEX "project_title_grams_idx" ON "project" USING GIN ("title_grams");

-- DropIndex
DROP INDEX "project_number_trgm_idx";
