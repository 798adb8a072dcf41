-- One record per investor (issue 16). A company carries its unified social
-- credit code (统一社会信用代码, checked by lib/domain/credit-code.ts) or its
-- home registration number, each unique; and its names as keys, the one
-- definition of "the same name" the duplicate finder, the company form and
-- the importer look up through an index.

-- AlterTable
ALTER TABLE "company" ADD COLUMN     "credit_code" VARCHAR(18),
ADD COLUMN     "foreign_reg_no" VARCHAR(50),
ADD COLUMN     "name_en_key" TEXT,
ADD COLUMN     "name_key" TEXT;

-- A company name as the duplicate finder compares it (null when nothing is left):
--   1. NFKC: full-width letters, digits and brackets become half-width (（中国） → (中国)); then lower case;
--   2. brackets, punctuation and spaces become one space (the words inside brackets stay: (中国) ≡ 中国);
--   3. English legal-form words at the end go (Co., Ltd. / Inc. / Corp. / GmbH / AG / Limited / Group …);
--   4. spaces go;
--   5. Chinese legal-form endings go (有限责任公司, 股份有限公司, 有限公司, 股份公司, 集团, 控股, 公司, repeated).
-- Triggers keep company.name_key / name_en_key from it, so every writer (forms, the importer, the seeds) is covered.
CREATE FUNCTION company_name_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NULLIF(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          ' ' || regexp_replace(lower(normalize(t, NFKC)), '[][(){}<>.,;:!?''"`~@#$%^&*_+=|\\/“”‘’《》〈〉【】「」『』〔〕、，。；：·・\s-]+', ' ', 'g') || ' ',
          '(\s(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|se|sa|sas|sarl|bv|nv|spa|srl|pte|pty|kk|oy|ab|group|holding|holdings))+\s*$',
          ''),
        '\s+', '', 'g'),
      '(有限责任公司|股份有限公司|有限公司|股份公司|集团|控股|公司)+$', ''),
    '')
$$;

CREATE FUNCTION company_name_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_key := company_name_key(NEW.name_zh);
  NEW.name_en_key := company_name_key(NEW.name_en);
  RETURN NEW;
END $$;

CREATE TRIGGER company_name_keys BEFORE INSERT OR UPDATE OF name_zh, name_en ON company
  FOR EACH ROW EXECUTE FUNCTION company_name_keys();

-- The existing companies' keys, before their indexes (the data_version triggers are deferred: fire them now).
SET CONSTRAINTS ALL IMMEDIATE;
UPDATE "company" SET "name_key" = company_name_key("name_zh"), "name_en_key" = company_name_key("name_en");

-- CreateIndex
CREATE UNIQUE INDEX "company_credit_code_key" ON "company"("credit_code");

-- CreateIndex
CREATE INDEX "company_name_key_idx" ON "company"("name_key");

-- CreateIndex
CREATE INDEX "company_name_en_key_idx" ON "company"("name_en_key");

-- CreateIndex
CREATE UNIQUE INDEX "company_country_code_foreign_reg_no_key" ON "company"("country_code", "foreign_reg_no");
