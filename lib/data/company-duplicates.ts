import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { Tx } from "@/lib/data/transactions";

/**
 * The likely duplicates of a company being entered: the same credit code, the
 * same home registration number (same country), or the same name once
 * normalised — `company_name_key` (migration 20261201095651_company_identity),
 * the one definition of "the same name", compared through the indexed
 * name_key / name_en_key columns its trigger keeps (an index lookup, not a
 * scan). Chinese and English names are compared across (a foreign company
 * entered under its English name in the Chinese field is still found).
 *
 * Companies are shared by all units (lib/data/companies.ts): any signed-in
 * user may see every company's names, so candidates are not scoped; nothing
 * of their projects is returned.
 */
export type DuplicateReason = "creditCode" | "foreignRegNo" | "name";
export type DuplicateCandidate = {
  id: number;
  nameZh: string;
  nameEn: string | null;
  countryCode: string;
  creditCode: string | null;
  reason: DuplicateReason;
};

export type DuplicateQuery = {
  nameZh: string;
  nameEn?: string | null;
  creditCode?: string | null;
  countryCode?: string | null;
  foreignRegNo?: string | null;
  /** The company itself, when it is being edited. */
  excludeId?: number;
};

/** At most this many candidates are shown. */
export const DUPLICATE_LIMIT = 10;

export async function findDuplicateCompanies(db: Db | Tx, input: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const code = input.creditCode ?? null;
  const reg = input.foreignRegNo ?? null;
  const country = input.countryCode ?? null;
  const zh = input.nameZh;
  const en = input.nameEn ?? null;
  const rows = await db.$queryRaw<(Omit<DuplicateCandidate, "countryCode"> & { countryCode: string })[]>(Prisma.sql`
    SELECT c.id, c.name_zh AS "nameZh", c.name_en AS "nameEn", c.country_code AS "countryCode", c.credit_code AS "creditCode",
           CASE WHEN c.credit_code = ${code}::text THEN 'creditCode'
                WHEN c.country_code = ${country}::text AND c.foreign_reg_no = ${reg}::text THEN 'foreignRegNo'
                ELSE 'name' END AS reason
      FROM company c
     WHERE (c.credit_code = ${code}::text
            OR (c.country_code = ${country}::text AND c.foreign_reg_no = ${reg}::text)
            OR c.name_key IN (company_name_key(${zh}::text), company_name_key(${en}::text))
            OR c.name_en_key IN (company_name_key(${zh}::text), company_name_key(${en}::text)))
       AND c.id <> ${input.excludeId ?? 0}
     ORDER BY (c.credit_code = ${code}::text) IS TRUE DESC, c.name_zh, c.id
     LIMIT ${DUPLICATE_LIMIT}`);
  return rows.map((r) => ({ ...r, countryCode: r.countryCode.trim() }));
}

/** Whether a candidate blocks the create outright: the same code or registration number is the same company. */
export const isSameRecord = (c: DuplicateCandidate) => c.reason !== "name";

/** An investor as a file names it: its name, and its credit code when the file gives one. */
export type InvestorRef = { name: string; code: string | null };
export type CompanyMatch = { id: number; nameZh: string; creditCode: string | null; reason: "creditCode" | "name" };

/**
 * The importer's form of the finder, for many investors in two statements:
 * each one's existing company — the same credit code, else the same name
 * (exactly, then once normalised: company_name_key, as above) of a company
 * that carries no other code (two codes are two companies). Null: none, a new
 * company.
 */
export async function matchCompanies(db: Db | Tx, items: readonly InvestorRef[]): Promise<(CompanyMatch | null)[]> {
  const codes = [...new Set(items.flatMap((i) => (i.code ? [i.code] : [])))];
  const byCode = new Map<string, CompanyMatch>();
  if (codes.length > 0) {
    const rows = await db.$queryRaw<{ id: number; name_zh: string; credit_code: string }[]>`
      SELECT id, name_zh, credit_code FROM company WHERE credit_code = ANY(${codes}::text[])`;
    for (const r of rows) byCode.set(r.credit_code, { id: r.id, nameZh: r.name_zh, creditCode: r.credit_code, reason: "creditCode" });
  }
  const rest = items.map((it, i) => ({ ...it, i })).filter((it) => !(it.code && byCode.has(it.code)));
  const byName = new Map<number, CompanyMatch>();
  if (rest.length > 0) {
    const rows = await db.$queryRaw<{ i: number; id: number; name_zh: string; credit_code: string | null }[]>`
      WITH n AS MATERIALIZED (SELECT i, name, code, company_name_key(name) AS key FROM unnest(${rest.map((r) => r.i)}::int[], ${rest.map((r) => r.name)}::text[], ${rest.map((r) => r.code)}::text[]) AS u(i, name, code))
      SELECT DISTINCT ON (n.i) n.i, c.id, c.name_zh, c.credit_code
        FROM n JOIN company c ON (c.name_zh = n.name OR c.name_key = n.key OR c.name_en_key = n.key)
       WHERE c.credit_code IS NULL OR n.code IS NULL OR c.credit_code = n.code
       ORDER BY n.i, (c.name_zh = n.name) DESC, c.id`;
    for (const r of rows) byName.set(r.i, { id: r.id, nameZh: r.name_zh, creditCode: r.credit_code, reason: "name" });
  }
  return items.map((it, i) => (it.code ? byCode.get(it.code) : undefined) ?? byName.get(i) ?? null);
}
