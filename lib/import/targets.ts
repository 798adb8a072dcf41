/**
 * The annual targets from a spreadsheet: the admin grid as a file (CSV or
 * XLSX, read by the project import's reader, lib/import/parse.ts). Header:
 * "单位编码" / "Unit code", then one column per measure named as the grid
 * names it in either language (or its code, SIGNED …); a "单位"/"Unit" name
 * column is allowed and ignored. One row per unit, by code; an empty cell
 * changes nothing. All or nothing: any error and nothing is written; the
 * errors name the row and column in the user's language.
 */
import "server-only";
import type { Db } from "@/lib/db";
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import { readSpreadsheet } from "@/lib/import/parse";
import { saveTargets } from "@/lib/data/targets";
import { ForbiddenError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { TARGET_MEASURES, type Measure } from "@/lib/domain/targets";
import { parseTargetValue, type TargetCellInput } from "@/lib/validation/targets";
import type { Actor } from "@/lib/data/dashboard/sql";

export type TargetImportLocale = "zh-CN" | "en";
export type TargetImportError = { row: number | null; column: string | null; message: string };
export type TargetImportResult = { ok: true; changed: number } | { ok: false; errors: TargetImportError[] };

const CATALOGUE = { "zh-CN": zh.targets, en: en.targets } as const;
const UNIT_CODE_HEADERS = ["单位编码", "unit code", "code", "编码"];
const UNIT_NAME_HEADERS = ["单位", "单位名称", "unit", "unit name"];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

function text(locale: TargetImportLocale, key: string, params: Record<string, string | number> = {}): string {
  const raw = (CATALOGUE[locale].import as Record<string, string>)[key] ?? key;
  return raw.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The measure a header names, in either language or by its code. */
export function measureForHeader(header: string): Measure | null {
  const h = norm(header);
  for (const m of TARGET_MEASURES) {
    if (h === m.toLowerCase() || h === norm(zh.targets.measures[m]) || h === norm(en.targets.measures[m])) return m;
  }
  return null;
}

export async function importTargets(db: Db, user: Actor, year: number, bytes: Uint8Array, locale: TargetImportLocale): Promise<TargetImportResult> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  const fail = (key: string, params?: Record<string, string | number>): TargetImportResult => ({ ok: false, errors: [{ row: null, column: null, message: text(locale, key, params) }] });
  const read = await readSpreadsheet(bytes);
  if (!read.ok) return fail(read.key, read.params);
  const records = read.records.filter((r) => r.some((c) => c.trim() !== ""));
  if (records.length === 0) return fail("emptyFile");

  const [header, ...rows] = records;
  const firstRow = read.records.indexOf(header) + 1;
  let codeAt = -1;
  const columns: [number, Measure][] = [];
  const unknown: string[] = [];
  const errors: TargetImportError[] = [];
  header.forEach((name, i) => {
    const h = norm(name);
    if (h === "") return;
    if (UNIT_CODE_HEADERS.includes(h)) codeAt = i;
    else if (UNIT_NAME_HEADERS.includes(h)) return;
    else {
      const m = measureForHeader(name);
      if (!m) unknown.push(name);
      else if (columns.some(([, x]) => x === m)) errors.push({ row: firstRow, column: name, message: text(locale, "duplicateColumn", { column: name }) });
      else columns.push([i, m]);
    }
  });
  if (codeAt < 0) errors.unshift({ row: firstRow, column: null, message: text(locale, "noUnitColumn") });
  if (unknown.length) errors.push({ row: firstRow, column: null, message: text(locale, "unknownColumns", { columns: unknown.join(", ") }) });
  if (errors.length) return { ok: false, errors };

  const units = await db.unit.findMany({ where: { retiredAt: null }, select: { id: true, code: true } });
  const byCode = new Map(units.map((u) => [norm(u.code), u.id]));
  const seen = new Set<number>();
  const cells: TargetCellInput[] = [];
  for (const record of rows) {
    const row = read.records.indexOf(record) + 1;
    const code = (record[codeAt] ?? "").trim();
    const unitId = byCode.get(norm(code));
    if (unitId === undefined) {
      errors.push({ row, column: header[codeAt], message: text(locale, "unknownUnit", { code }) });
      continue;
    }
    if (seen.has(unitId)) errors.push({ row, column: header[codeAt], message: text(locale, "duplicateUnit", { code }) });
    seen.add(unitId);
    for (const [i, measure] of columns) {
      const raw = (record[i] ?? "").trim();
      if (raw === "") continue; // an empty cell changes nothing
      const parsed = parseTargetValue(measure, raw);
      if (!parsed.ok) errors.push({ row, column: header[i], message: text(locale, parsed.message) });
      else cells.push({ unitId, measure, value: parsed.value });
    }
  }
  if (errors.length) return { ok: false, errors };
  const { changed } = await saveTargets(db, user, { year, cells }, "target.import");
  return { ok: true, changed };
}
