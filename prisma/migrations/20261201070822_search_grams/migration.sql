-- Searches of one and two Chinese characters served by an index (issue 14).
-- Most Chinese search words are two characters (电池, 光伏, 汽车); pg_trgm has
-- no trigram for them, so `title ILIKE '%电池%'` walked every project (390 ms
-- at 100k, 855 ms at 300k). Each title and company name now carries its
-- "grams": every single character and every pair of adjacent characters,
-- lower-cased, whitespace left out. A search of two or more characters needs
-- all of its pairs (one character: that character) — the GIN index finds the
-- candidates, and the ILIKE that follows keeps only true substrings. Plain
-- arrays and GIN: what PostgreSQL 15 and the embedded PGlite both have.
--
-- One definition, in SQL, for rows and for search terms alike
-- (search_grams / search_term_grams); triggers keep the columns current,
-- whoever writes (forms, importer, seeds). The title's trigram index is
-- replaced (the grams serve every length); the company name trigram indexes
-- stay for the company pickers' Prisma `contains`.

CREATE FUNCTION search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(DISTINCT g), '{}')
    FROM (SELECT substr(lower(t), i, 1) AS g FROM generate_series(1, char_length(t)) i
          UNION ALL
          SELECT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) i) grams
   WHERE g !~ '\s'
$$;

-- What a search term must find among a row's grams: its pairs, or its one character.
CREATE FUNCTION search_term_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN char_length(btrim(t)) <= 1 THEN search_grams(t)
              ELSE ARRAY(SELECT g FROM unnest(search_grams(t)) g WHERE char_length(g) = 2) END
$$;

CREATE FUNCTION project_title_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.title_grams := search_grams(NEW.title);
  RETURN NEW;
END $$;

CREATE FUNCTION company_name_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_grams := search_grams(NEW.name_zh || ' ' || COALESCE(NEW.name_en, ''));
  RETURN NEW;
END $$;

-- DropIndex
DROP INDEX "project_title_trgm_idx";

-- AlterTable
ALTER TABLE "company" ADD COLUMN     "name_grams" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "project" ADD COLUMN     "title_grams" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE TRIGGER project_title_grams BEFORE INSERT OR UPDATE OF title ON project
  FOR EACH ROW EXECUTE FUNCTION project_title_grams();
CREATE TRIGGER company_name_grams BEFORE INSERT OR UPDATE OF name_zh, name_en ON company
  FOR EACH ROW EXECUTE FUNCTION company_name_grams();

-- The rows already there (before the indexes: one build instead of row-by-row inserts).
UPDATE "project" SET "title_grams" = search_grams("title");
UPDATE "company" SET "name_grams" = search_grams("name_zh" || ' ' || COALESCE("name_en", ''));
-- The updates queued data_version's deferred triggers; an index cannot be built on a table with pending trigger
-- events, so they run now.
SET CONSTRAINTS ALL IMMEDIATE;

-- CreateIndex
CREATE INDEX "company_name_grams_idx" ON "company" USING GIN ("name_grams");

-- CreateIndex
CREATE INDEX "project_title_grams_idx" ON "project" USING GIN ("title_grams");
