/**
 * Spreadsheets for the importer's tests: rows that pass validation against a
 * fixture of their own (a unit, an admin, an owner, reference items and an
 * event with unique names), written as CSV or XLSX.
 */
import ExcelJS from "exceljs";
import { makeUnit, makeUser, testDb, uniq } from "@/test/factories";
import { IMPORT_COLUMNS, type ColumnKey } from "@/lib/import/columns";
import type { ImportActor } from "@/lib/import/import-projects";

export type Row = Partial<Record<ColumnKey, string>>;

/** Filled by setUpImportFixture (call it in beforeAll). */
export const fixture = {
  admin: undefined as unknown as ImportActor,
  unitCode: "",
  ownerEmail: "",
  refs: { sector: "", chain: "", source: "", kind: "", kindZh: "", event: "" },
};

export async function setUpImportFixture() {
  const db = testDb();
  const unit = await makeUnit();
  fixture.unitCode = unit.code;
  fixture.admin = await makeUser({ role: "ADMIN", unitId: unit.id });
  fixture.ownerEmail = (await makeUser({ role: "OFFICER", unitId: unit.id })).email;
  const s = uniq();
  const mk = (kind: "SECTOR" | "INDUSTRY_CHAIN" | "SOURCE" | "AGREEMENT_KIND", code: string) =>
    db.referenceItem.create({ data: { kind, code: `${code}-${s}`, nameZh: `${code}中文${s}`, nameEn: `${code} en ${s}` } });
  const [sector, chain, source, kind] = await Promise.all([mk("SECTOR", "sec"), mk("INDUSTRY_CHAIN", "chain"), mk("SOURCE", "src"), mk("AGREEMENT_KIND", "kind")]);
  const event = await db.promotionEvent.create({
    data: { nameZh: `推介会${s}`, nameEn: `Conference ${s}`, cityZh: "北京", startsOn: new Date("2023-01-10"), endsOn: new Date("2023-01-11"), unitId: unit.id },
  });
  // Referenced the ways people write them: by code, Chinese name, upper-cased English name.
  fixture.refs = { sector: sector.code, chain: chain.nameZh, source: source.nameEn.toUpperCase(), kind: kind.code, kindZh: kind.nameZh, event: event.nameZh };
}

export function csv(rows: Row[], opts: { bom?: boolean; headers?: "en" | "zh"; columns?: ColumnKey[] } = {}): Uint8Array {
  const cols = opts.columns ?? IMPORT_COLUMNS.map((c) => c.key);
  const head = cols.map((k) => (opts.headers === "zh" ? IMPORT_COLUMNS.find((c) => c.key === k)!.zh : k));
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [head.join(","), ...rows.map((r) => cols.map((k) => esc(r[k] ?? "")).join(","))];
  return new TextEncoder().encode((opts.bom ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n");
}

export async function xlsx(rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Projects");
  const cols = IMPORT_COLUMNS.map((c) => c.key);
  ws.addRow(cols);
  for (const r of rows) {
    ws.addRow(
      cols.map((k) => {
        const v = r[k];
        if (v === undefined) return null;
        if (k.endsWith("_cny") || k.endsWith("_usd")) return Number(v.replaceAll(",", ""));
        if (k.endsWith("_date")) return new Date(`${v}T00:00:00Z`);
        return v;
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function row(ext: string, over: Row = {}): Row {
  return {
    external_id: ext,
    project_title: `项目 ${ext}`,
    investor_name: `投资方 ${ext}`,
    investor_country: "HK",
    sector: fixture.refs.sector,
    industry_chain: fixture.refs.chain,
    unit: fixture.unitCode,
    stage: "negotiation",
    planned_investment_cny: "1,500,000,000",
    foreign_investment_usd: "20,000,000.50",
    first_contact_date: "2023-02-01",
    owner_email: fixture.ownerEmail,
    source: fixture.refs.source,
    event_name: fixture.refs.event,
    ...over,
  };
}

export const signedRow = (ext: string, over: Row = {}) =>
  row(ext, { stage: "signed", signed_date: "2023-06-30", contract_investment_cny: "1,200,000,000", contract_kind: fixture.refs.kind, ...over });
