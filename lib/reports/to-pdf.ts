/**
 * The report as a printable A4 PDF: title, the summary sentences (Chinese and
 * English), key numbers, two bar charts drawn with vector shapes (signed value
 * by month or quarter, and by sector) and the key tables. Text is set in Noto
 * Sans SC (from @expo-google-fonts/noto-sans-sc), registered and embedded;
 * pdfkit subsets it and writes a ToUnicode map, so the text is extractable.
 */
import path from "node:path";
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { formatCny, formatUsd } from "@/lib/format/money";
import { numberFormat } from "@/lib/format/intl-cache";
import type { Report } from "./build-report";
import { periodName } from "@/lib/domain/period";
import { type Cell, type CellKind, type ReportLocale, reportSections, reportText } from "./sections";

export const FONT_PATH = path.join(process.cwd(), "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
const FONT = "NotoSansSC";
const MARGIN = 48;
const ROW = 16;
const TABLE_ROW_LIMIT = 2000;

type Doc = PDFKit.PDFDocument;

function formatCell(v: Cell, kind: CellKind, locale: ReportLocale, header: string): string {
  if (v === null || v === undefined || v === "") return "—";
  if (kind === "money" && typeof v === "string") return /USD|美元/.test(header) ? formatUsd(v, locale) : formatCny(v, locale);
  if (typeof v === "number") return numberFormat(locale).format(v);
  return String(v);
}

function ensureRoom(doc: Doc, height: number): boolean {
  if (doc.y + height > doc.page.height - MARGIN) {
    doc.addPage();
    return true;
  }
  return false;
}

function heading(doc: Doc, text: string) {
  ensureRoom(doc, 40);
  doc.moveDown(0.6).fontSize(13).fillColor("#0f172a").text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.3).fontSize(9);
}

function table(doc: Doc, columns: { header: string; kind: CellKind; width: number }[], rows: Cell[][], locale: ReportLocale) {
  const total = doc.page.width - 2 * MARGIN;
  // Text columns are capped so one long name cannot squeeze the rest; dates keep room for YYYY-MM-DD.
  const share = (c: { kind: CellKind; width: number }) => Math.max(Math.min(c.width, 40), c.kind === "date" ? 16 : 0);
  const weight = columns.reduce((n, c) => n + share(c), 0);
  const widths = columns.map((c) => (share(c) / weight) * total);
  const drawRow = (cells: string[], bold: boolean) => {
    const y = doc.y;
    if (bold) doc.rect(MARGIN, y - 2, total, ROW).fill("#e2e8f0");
    doc.fillColor("#0f172a").fontSize(8);
    let x = MARGIN;
    cells.forEach((text, i) => {
      const right = !bold && columns[i].kind !== "text" && columns[i].kind !== "date";
      doc.text(text, x + 2, y, { width: widths[i] - 4, height: ROW - 2, ellipsis: true, lineBreak: false, align: right ? "right" : "left" });
      x += widths[i];
    });
    doc.x = MARGIN;
    doc.y = y + ROW;
    doc.moveTo(MARGIN, doc.y - 2).lineTo(MARGIN + total, doc.y - 2).lineWidth(0.3).strokeColor("#cbd5e1").stroke();
  };
  const header = columns.map((c) => c.header);
  ensureRoom(doc, ROW * 2);
  drawRow(header, true);
  for (const row of rows.slice(0, TABLE_ROW_LIMIT)) {
    if (ensureRoom(doc, ROW)) drawRow(header, true);
    drawRow(row.map((v, i) => formatCell(v, columns[i].kind, locale, columns[i].header)), false);
  }
  if (rows.length > TABLE_ROW_LIMIT) {
    ensureRoom(doc, ROW);
    doc.fontSize(8).fillColor("#475569").text(reportText(locale, "preview.more", { shown: TABLE_ROW_LIMIT, total: rows.length }), MARGIN, doc.y);
  }
  if (rows.length === 0) drawRow([reportText(locale, "file.noData"), ...columns.slice(1).map(() => "")], false);
}

/** A vertical bar chart of values in yuan, shown in 亿元 (100 million). */
function barChart(doc: Doc, title: string, bars: { label: string; cny: string }[], locale: ReportLocale) {
  const width = doc.page.width - 2 * MARGIN;
  const height = 170;
  ensureRoom(doc, height + 50);
  doc.moveDown(0.4).fontSize(10).fillColor("#0f172a").text(title, MARGIN, doc.y);
  const top = doc.y + 14;
  const base = top + height - 36;
  const values = bars.map((b) => Number(b.cny) / 1e8);
  const max = Math.max(...values, 0) || 1;
  doc.moveTo(MARGIN, base).lineTo(MARGIN + width, base).lineWidth(0.6).strokeColor("#475569").stroke();
  if (bars.length === 0) {
    doc.fontSize(8).fillColor("#64748b").text(reportText(locale, "file.noData"), MARGIN, base - 20);
  }
  const slot = width / Math.max(bars.length, 1);
  const barW = Math.min(40, slot * 0.6);
  bars.forEach((b, i) => {
    const h = (values[i] / max) * (height - 60);
    const x = MARGIN + i * slot + (slot - barW) / 2;
    if (h > 0) doc.rect(x, base - h, barW, h).fill("#2563eb");
    doc.fontSize(7).fillColor("#0f172a");
    doc.text(values[i].toLocaleString(locale, { maximumFractionDigits: 2 }), MARGIN + i * slot, base - h - 10, { width: slot, align: "center", lineBreak: false });
    doc.text(b.label, MARGIN + i * slot, base + 4, { width: slot, align: "center", height: 20, ellipsis: true });
  });
  doc.x = MARGIN;
  doc.y = top + height;
}

/** Writes the PDF to `stream` and ends it. */
export function writePdf(report: Report, stream: Writable, locale: ReportLocale = "zh-CN"): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) => reportText(locale, `file.${key}`, params);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    font: FONT_PATH,
    bufferPages: true,
    info: { Title: `${t("reportTitle")} ${report.period.label}`, Author: "invest-crm", CreationDate: new Date() },
  });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  doc.pipe(stream);
  doc.registerFont(FONT, FONT_PATH);
  doc.font(FONT);

  const unitName = locale === "en" ? report.unit.nameEn : report.unit.nameZh;
  doc.fontSize(18).fillColor("#0f172a").text(`${t("reportTitle")} · ${periodName(report.period.label, locale)}`, { align: "center" });
  doc.moveDown(0.3).fontSize(10).fillColor("#334155").text(`${t("unit")}：${unitName}    ${t("period")}：${report.period.from} – ${report.period.lastDay}    ${t("generatedOn")}：${report.generatedOn}`, { align: "center" });

  heading(doc, t("sections.summary"));
  doc.fontSize(10).fillColor("#0f172a").text(report.summary.zh, { width: doc.page.width - 2 * MARGIN, lineGap: 3 });
  doc.moveDown(0.5).text(report.summary.en, { width: doc.page.width - 2 * MARGIN, lineGap: 3 });

  const sections = new Map(reportSections(report, locale).map((s) => [s.key, s]));
  const show = (key: string) => {
    const s = sections.get(key)!;
    heading(doc, s.title);
    table(doc, s.columns, s.rows, locale);
  };
  show("keyNumbers");

  ensureRoom(doc, 260); // keep the heading with its first chart
  heading(doc, t("sections.series"));
  barChart(doc, t("chartByPeriod"), report.series.points.map((p) => ({ label: report.series.bucket === "month" ? p.start.slice(0, 7) : `${p.start.slice(0, 4)}-Q${Math.floor(Number(p.start.slice(5, 7)) / 3) + 1}`, cny: p.cny })), locale);
  barChart(
    doc,
    t("chartBySector"),
    report.bySector.slice(0, 10).map((g) => ({ label: (locale === "en" ? g.nameEn : g.nameZh) || t("unnamed"), cny: g.cny })),
    locale,
  );

  for (const key of ["signedProjects", "constructionStarts", "pipeline", "byUnit", "bySector", "byChain", "byCountry", "stalled"]) show(key);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor("#64748b").text(t("page", { page: i + 1 }), MARGIN, doc.page.height - MARGIN / 2 - 6, { width: doc.page.width - 2 * MARGIN, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}

export async function toPdf(report: Report, locale: ReportLocale = "zh-CN"): Promise<Buffer> {
  const { PassThrough } = await import("node:stream");
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on("data", (c: Buffer) => chunks.push(c));
  await writePdf(report, pass, locale);
  return Buffer.concat(chunks);
}
