/**
 * The downloadable templates: the header row and one example row that
 * imports as is on this installation (its unit, officer and reference codes
 * are read from the database).
 */
import ExcelJS from "exceljs";
import type { Db } from "@/lib/db";
import { IMPORT_COLUMNS, type ColumnKey } from "@/lib/import/columns";
import { csvField } from "@/lib/reports/to-csv";

export type TemplateHeaders = "en" | "zh";

export async function templateExample(db: Db): Promise<Record<ColumnKey, string>> {
  const [owner, refs, event] = await Promise.all([
    db.user.findFirst({
      where: { disabledAt: null, unit: { retiredAt: null } },
      orderBy: [{ role: "asc" }, { id: "asc" }], // OFFICER first
      select: { email: true, unit: { select: { code: true } } },
    }),
    db.referenceItem.findMany({ where: { retiredAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { kind: true, code: true } }),
    db.promotionEvent.findFirst({ orderBy: { startsOn: "desc" }, select: { nameZh: true } }),
  ]);
  const ref = (kind: string) => refs.find((r) => r.kind === kind)?.code ?? "";
  const example = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])) as Record<ColumnKey, string>;
  return {
    ...example,
    sector: ref("SECTOR"),
    industry_chain: ref("INDUSTRY_CHAIN"),
    source: ref("SOURCE"),
    contract_kind: ref("AGREEMENT_KIND"),
    unit: owner?.unit.code ?? "",
    owner_email: owner?.email ?? "",
    event_name: event?.nameZh ?? "",
  };
}

function headerRow(headers: TemplateHeaders) {
  return IMPORT_COLUMNS.map((c) => (headers === "zh" ? c.zh : c.key));
}

/**
 * CSV, UTF-8 with a BOM so Excel opens the Chinese correctly. Cells are
 * escaped as the reports' CSV does: the example row carries names users typed
 * (the latest event's), and one starting with = + - @ must not run as a
 * formula on the admin's machine.
 */
export function templateCsv(example: Record<ColumnKey, string>, headers: TemplateHeaders = "en"): string {
  const lines = [headerRow(headers), IMPORT_COLUMNS.map((c) => example[c.key])].map((cells) => cells.map((v) => csvField(v, "text")).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function templateXlsx(example: Record<ColumnKey, string>, headers: TemplateHeaders = "en"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(headers === "zh" ? "项目" : "Projects", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ key: c.key, width: Math.max(14, (headers === "zh" ? c.zh.length * 2 : c.key.length) + 4) }));
  ws.addRow(headerRow(headers)).font = { bold: true };
  const row = ws.addRow(
    IMPORT_COLUMNS.map((c) => {
      const v = example[c.key];
      if ((c.key.endsWith("_cny") || c.key.endsWith("_usd")) && v) return Number(v.replaceAll(",", ""));
      return v || null;
    }),
  );
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.key.endsWith("_cny") || c.key.endsWith("_usd")) cell.numFmt = "#,##0.00";
    else cell.numFmt = "@"; // text: dates stay YYYY-MM-DD, codes stay as typed
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
