/**
 * The report as a printable A4 document in the style of a government report:
 * the title naming the place and the period, the issuing unit (编制单位) and
 * the date as official documents write it (2026年12月1日), numbered sections
 * (一、二、 … with (一)(二) below), tables whose cells wrap and whose header
 * repeats on every page they run onto, no heading left at the foot of a page
 * (a heading moves with the first lines of what it introduces), and amounts
 * stated once in the right unit: a column's header says 亿元 or 万美元 and its
 * numbers go bare. Two bar charts (signed value by month or quarter, and by
 * sector) are drawn with vector shapes.
 *
 * Text is set in Noto Sans SC (from @expo-google-fonts/noto-sans-sc), regular
 * and bold, registered and embedded; pdfkit subsets it and writes a ToUnicode
 * map, so the text is extractable.
 */
import path from "node:path";
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { type AmountUnit, type Currency, amountUnit, formatInUnit } from "@/lib/format/money";
import { dateTimeFormat, numberFormat } from "@/lib/format/intl-cache";
import { periodName } from "@/lib/domain/period";
import { formatDate } from "@/lib/format/dates";
import type { Report } from "./build-report";
import { type Cell, type Column, type ReportLocale, type Section, columnHeader, reportSections, reportText } from "./sections";

const FONTS = path.join(process.cwd(), "node_modules/@expo-google-fonts/noto-sans-sc");
export const FONT_PATH = path.join(FONTS, "400Regular/NotoSansSC_400Regular.ttf");
const BOLD_PATH = path.join(FONTS, "700Bold/NotoSansSC_700Bold.ttf");
// Fonts are named by their path: pdfkit caches a font under the name it was first opened by, and a registered
// alias of an already open font (the document's default) is opened from disk again on every doc.font() call.
const REGULAR = FONT_PATH;
const BOLD = BOLD_PATH;

const MARGIN = { top: 60, bottom: 60, left: 56, right: 56 };
const INK = "#111827";
const MUTED = "#475569";
const RULE = "#b91c1c"; // the red rule under a government document's head
const GRID = "#64748b";
const HEADER_FILL = "#e5e7eb";
const BAR = "#1d4ed8";

const SIZE = { title: 20, meta: 10.5, group: 14, sub: 12, body: 10.5, table: 8.5, caption: 9.5, chart: 7.5 };
const PAD = { x: 3, y: 2.5 };
const TABLE_ROW_LIMIT = 2000;
const CHART_BARS = 10;

type Doc = PDFKit.PDFDocument;

/* ---------- Text helpers ---------- */

const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 一、 / (一) in Chinese; 1. / (1) in English. */
function numbered(level: 1 | 2, n: number, text: string, locale: ReportLocale): string {
  const numeral = locale === "zh-CN" ? CHINESE_NUMERALS[n - 1] ?? String(n) : String(n);
  if (level === 1) return locale === "zh-CN" ? `${numeral}、${text}` : `${numeral}. ${text}`;
  return locale === "zh-CN" ? `（${numeral}）${text}` : `(${numeral}) ${text}`;
}

/* ---------- Charts ---------- */

export type PdfChart = { key: "series" | "bySector"; title: string; unit: AmountUnit; bars: { label: string; cny: string }[] };

/** The two charts' data: what the PDF draws (exported so a test can read it). */
export function pdfCharts(report: Report, locale: ReportLocale): PdfChart[] {
  const t = (key: string, params?: Record<string, string>) => reportText(locale, `file.${key}`, params);
  const month = (iso: string) =>
    locale === "zh-CN" ? `${Number(iso.slice(5, 7))}月` : dateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const quarter = (iso: string) => periodName(`${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`, locale);
  const byPeriod = report.series.points.map((p) => ({ label: report.series.bucket === "month" ? month(p.start) : quarter(p.start), cny: p.cny }));
  // The same name the sector table shows: the reader's language, else the other one, else "not given".
  const name = (g: Report["bySector"][number]) => (locale === "en" ? g.nameEn || g.nameZh : g.nameZh || g.nameEn) || t("unnamed");
  const bySector = report.bySector.slice(0, CHART_BARS).map((g) => ({ label: name(g), cny: g.cny }));
  const chart = (key: PdfChart["key"], titleKey: string, bars: PdfChart["bars"]): PdfChart => {
    const unit = amountUnit(bars.map((b) => b.cny), "CNY", locale);
    return { key, title: t(titleKey, { unit: unit.label }), unit, bars };
  };
  return [chart("series", "chartByPeriod", byPeriod), chart("bySector", "chartBySector", bySector)];
}

/* ---------- The document ---------- */

class Writer {
  private pending: { text: string; level: 1 | 2 }[] = [];
  private group = 0;
  private sub = 0;

  constructor(
    readonly doc: Doc,
    readonly locale: ReportLocale,
  ) {}

  get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  private get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }
  private get atTop() {
    return this.doc.y <= MARGIN.top + 1;
  }

  t(key: string, params?: Record<string, string | number>) {
    return reportText(this.locale, `file.${key}`, params);
  }

  /** Starts a numbered section 一、; its heading is drawn with what follows it. */
  section(title: string) {
    this.group += 1;
    this.sub = 0;
    this.pending.push({ text: numbered(1, this.group, title, this.locale), level: 1 });
  }

  /** Starts a numbered subsection (一). */
  subsection(title: string) {
    this.sub += 1;
    this.pending.push({ text: numbered(2, this.sub, title, this.locale), level: 2 });
  }

  private headingStyle(level: 1 | 2) {
    return { font: BOLD, size: level === 1 ? SIZE.group : SIZE.sub, before: level === 1 ? 12 : 8, after: 5 };
  }

  private headingHeight(h: { text: string; level: 1 | 2 }) {
    const s = this.headingStyle(h.level);
    this.doc.font(s.font).fontSize(s.size);
    return s.before + this.doc.heightOfString(h.text, { width: this.width }) + s.after;
  }

  /** Makes room for `height` points: on a new page when the rest of this one is too short. */
  private room(height: number) {
    if (this.doc.y + height > this.bottom && !this.atTop) this.doc.addPage();
  }

  /**
   * Draws the pending headings together with the first `need` points of what
   * follows them: all on a new page when they do not fit here (keep with next).
   */
  private flush(need: number) {
    const heights = this.pending.map((h) => this.headingHeight(h));
    this.room(heights.reduce((a, b) => a + b, 0) + need);
    for (const h of this.pending) {
      const s = this.headingStyle(h.level);
      if (!this.atTop) this.doc.y += s.before;
      this.doc.font(s.font).fontSize(s.size).fillColor(INK).text(h.text, MARGIN.left, this.doc.y, { width: this.width });
      this.doc.y += s.after;
    }
    this.pending = [];
  }

  /** The head of the document: title, issuing unit and date, period and scope, a red rule. */
  head(report: Report) {
    const { locale } = this;
    const zh = locale === "zh-CN";
    const u = report.unit;
    const period = this.t("pdf.period", { from: formatDate(report.period.from, locale), to: formatDate(report.period.lastDay, locale) });
    this.headLines(
      this.t("pdf.title", { place: zh ? u.placeZh : u.placeEn, period: periodName(report.period.label, locale) }),
      `${this.t("pdf.issuer", { issuer: zh ? u.issuerZh : u.issuerEn })}${zh ? "　　" : "    "}${formatDate(report.generatedOn, locale)}`,
      `${period}${zh ? "　　" : "    "}${this.t("pdf.scope", { unit: zh ? u.nameZh : u.nameEn })}`,
    );
  }

  /** A head from its three lines (title; issuer and date; period and scope), then the red rule. */
  headLines(title: string, issuer: string, scope: string) {
    const { doc } = this;
    doc.font(BOLD).fontSize(SIZE.title).fillColor(INK);
    doc.text(title, MARGIN.left, MARGIN.top + 8, { width: this.width, align: "center", lineGap: 4 });
    doc.moveDown(0.6).font(REGULAR).fontSize(SIZE.meta).fillColor(INK);
    doc.text(issuer, MARGIN.left, doc.y, { width: this.width, align: "center" });
    doc.moveDown(0.2).fillColor(MUTED);
    doc.text(scope, MARGIN.left, doc.y, { width: this.width, align: "center" });
    const y = doc.y + 8;
    doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + this.width, y).lineWidth(1.5).strokeColor(RULE).stroke();
    doc.x = MARGIN.left;
    doc.y = y + 6;
  }

  /** A body paragraph, first line indented two characters. */
  paragraph(text: string) {
    const { doc } = this;
    doc.font(REGULAR).fontSize(SIZE.body);
    const options = { width: this.width, lineGap: 4, indent: this.locale === "zh-CN" ? SIZE.body * 2 : 0, align: "justify" as const };
    this.flush(Math.min(doc.heightOfString(text, options), 3 * (SIZE.body + 4) * 1.4));
    doc.font(REGULAR).fontSize(SIZE.body).fillColor(INK).text(text, MARGIN.left, doc.y, options);
    doc.x = MARGIN.left;
  }

  /** A section's table: wrapped cells, the header on every page it runs onto. */
  table(section: Section) {
    const { doc, locale } = this;
    const { columns, rows } = section;
    const shown = rows.slice(0, TABLE_ROW_LIMIT);
    const units = columns.map((c, i) => (c.currency ? amountUnit(shown.map((r) => r[i] as string | null), c.currency, locale) : null));
    const header = columns.map((c, i) => columnHeader(c, locale, units[i]?.label));
    const body = shown.map((row, r) => row.map((v, i) => this.cell(v, columns[i], units[i], section.rowCurrency?.[r] ?? null, row, columns)));
    if (body.length === 0) body.push([this.t("noData"), ...columns.slice(1).map(() => "")]);
    const widthOf = this.measurer();
    const widths = this.columnWidths(columns, header, body, widthOf);
    const align = (i: number) => (columns[i].kind === "int" || columns[i].kind === "money" ? "right" : "left");
    // Wrapping is costly in pdfkit (a line breaker per call); most cells fit on one line, measured once.
    const fits = (text: string, i: number, font: string) => widthOf(text, font) <= widths[i] - 2 * PAD.x;

    const height = (cells: string[], font: string) => {
      doc.font(font).fontSize(SIZE.table);
      const line = doc.currentLineHeight(true);
      return Math.max(...cells.map((text, i) => (fits(text, i, font) ? line : doc.heightOfString(text, { width: widths[i] - 2 * PAD.x })))) + 2 * PAD.y;
    };
    const draw = (cells: string[], font: string, h: number, fill?: string) => {
      const y = doc.y;
      let x = MARGIN.left;
      if (fill) doc.rect(MARGIN.left, y, this.width, h).fill(fill);
      doc.font(font).fontSize(SIZE.table).fillColor(INK);
      cells.forEach((text, i) => {
        doc.text(text, x + PAD.x, y + PAD.y, { width: widths[i] - 2 * PAD.x, align: fill ? "center" : align(i), lineBreak: !fits(text, i, font) });
        x += widths[i];
      });
      x = MARGIN.left;
      doc.lineWidth(0.5).strokeColor(GRID);
      for (const w of widths) {
        doc.rect(x, y, w, h).stroke();
        x += w;
      }
      doc.x = MARGIN.left;
      doc.y = y + h;
    };

    const headerHeight = height(header, BOLD);
    const first = height(body[0], REGULAR);
    this.flush(headerHeight + first);
    this.room(headerHeight + first);
    draw(header, BOLD, headerHeight, HEADER_FILL);
    for (const cells of body) {
      const h = height(cells, REGULAR);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        draw(header, BOLD, headerHeight, HEADER_FILL);
      }
      draw(cells, REGULAR, h);
    }
    if (rows.length > TABLE_ROW_LIMIT) {
      doc.font(REGULAR).fontSize(SIZE.table);
      this.room(SIZE.table * 2);
      doc.fillColor(MUTED).text(reportText(locale, "preview.more", { shown: TABLE_ROW_LIMIT, total: rows.length }), MARGIN.left, doc.y + 3, { width: this.width });
    }
    doc.y += 4;
  }

  /** One cell as the PDF prints it: amounts bare in their column's (or row's) unit, dates as official documents write them. */
  private cell(v: Cell, column: Column, unit: AmountUnit | null, rowCurrency: Currency | null, row: Cell[], columns: Column[]): string {
    const { locale } = this;
    if (rowCurrency && column.key === "unit") {
      // The key numbers: this row's unit is the one its value is written in.
      const value = row[columns.findIndex((c) => c.kind === "money")];
      return amountUnit([value as string], rowCurrency, locale).label;
    }
    if (v === null || v === undefined || v === "") return "—";
    if (typeof v === "number") return numberFormat(locale).format(v);
    if (column.kind === "money") {
      const money = unit ?? (rowCurrency ? amountUnit([v], rowCurrency, locale) : null);
      if (money) return formatInUnit(v, money, locale);
    }
    if (column.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, locale);
    return v;
  }

  /** The width of a table cell's text on one line, in the table's size, remembered per text. */
  private measurer() {
    const known = new Map<string, number>();
    return (text: string, font: string) => {
      const key = `${font}\u0000${text}`;
      let w = known.get(key);
      if (w === undefined) {
        this.doc.font(font).fontSize(SIZE.table);
        known.set(key, (w = this.doc.widthOfString(text)));
      }
      return w;
    };
  }

  /**
   * Column widths across the page: each column's natural width (its longest
   * cell; a header may take two lines), numbers and dates never narrower than
   * their longest value, text columns at least five characters; what the page
   * lacks is taken from the columns with the most to spare.
   */
  private columnWidths(columns: Column[], header: string[], body: string[][], widthOf: (text: string, font: string) => number): number[] {
    const sample = body.slice(0, 300);
    const natural: number[] = [];
    const least: number[] = [];
    columns.forEach((c, i) => {
      const cells = Math.max(0, ...sample.map((r) => widthOf(r[i] ?? "", REGULAR)));
      const head = widthOf(header[i], BOLD);
      // A header takes at most two lines; a text cell wraps at five characters or more.
      const headLine = Math.min(head, head / 2 + SIZE.table);
      const wrapsTo = c.kind === "text" ? Math.min(cells, SIZE.table * 5) : cells;
      natural.push(Math.max(cells, headLine) + 2 * PAD.x + 1);
      least.push(Math.max(wrapsTo, headLine) + 2 * PAD.x + 1);
    });
    const total = this.width;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    if (sum(natural) <= total) return natural.map((w) => (w * total) / sum(natural));
    if (sum(least) >= total) return least.map((w) => (w * total) / sum(least));
    const spare = natural.map((w, i) => w - least[i]);
    return least.map((w, i) => w + ((total - sum(least)) * spare[i]) / sum(spare));
  }

  /** A vertical bar chart with its caption, values on the bars in the chart's unit. */
  chart(chart: PdfChart) {
    const { doc, locale } = this;
    const plot = 120;
    const labels = 30;
    doc.font(REGULAR).fontSize(SIZE.caption);
    const caption = doc.heightOfString(chart.title, { width: this.width }) + 4;
    const height = caption + 14 + plot + labels;
    this.flush(height);
    this.room(height);
    doc.font(REGULAR).fontSize(SIZE.caption).fillColor(MUTED).text(chart.title, MARGIN.left, doc.y, { width: this.width, align: "center" });
    const top = doc.y + 14;
    const base = top + plot;
    const values = chart.bars.map((b) => Number(b.cny));
    const max = Math.max(...values, 0) || 1;
    doc.moveTo(MARGIN.left, base).lineTo(MARGIN.left + this.width, base).lineWidth(0.6).strokeColor(MUTED).stroke();
    if (chart.bars.length === 0) doc.font(REGULAR).fontSize(SIZE.chart).fillColor(MUTED).text(this.t("noData"), MARGIN.left, base - 20, { width: this.width, align: "center" });
    const slot = this.width / Math.max(chart.bars.length, 1);
    const barWidth = Math.min(36, slot * 0.6);
    chart.bars.forEach((b, i) => {
      const h = (values[i] / max) * (plot - 14);
      const x = MARGIN.left + i * slot;
      if (h > 0) doc.rect(x + (slot - barWidth) / 2, base - h, barWidth, h).fill(BAR);
      doc.font(REGULAR).fontSize(SIZE.chart).fillColor(INK);
      const value = formatInUnit(b.cny, chart.unit, locale);
      doc.text(value.includes(".") ? value.replace(/\.?0+$/, "") : value, x, base - h - 10, { width: slot, align: "center", lineBreak: false });
      doc.text(b.label, x + 1, base + 4, { width: slot - 2, align: "center" });
    });
    doc.x = MARGIN.left;
    doc.y = base + labels + 6;
  }

  /** "— 1 —" centred at the foot of every page. */
  footers() {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(this.t("page", { page: i + 1 }), MARGIN.left, doc.page.height - MARGIN.bottom / 2 - 5, { width: this.width, align: "center", lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
}

/** Writes the PDF to `stream` and ends it. */
export function writePdf(report: Report, stream: Writable, locale: ReportLocale = "zh-CN"): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) => reportText(locale, `file.${key}`, params);
  const zh = locale === "zh-CN";
  const title = t("pdf.title", { place: zh ? report.unit.placeZh : report.unit.placeEn, period: periodName(report.period.label, locale) });
  const doc = new PDFDocument({ size: "A4", margins: MARGIN, font: FONT_PATH, bufferPages: true, info: { Title: title, Author: zh ? report.unit.issuerZh : report.unit.issuerEn, CreationDate: new Date() } });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  doc.pipe(stream);

  const w = new Writer(doc, locale);
  const sections = new Map(reportSections(report, locale).map((s) => [s.key, s]));
  const [byPeriod, bySector] = pdfCharts(report, locale);
  const sub = (key: string) => {
    const s = sections.get(key)!;
    w.subsection(s.title);
    w.table(s);
  };

  w.head(report);
  w.section(t("pdf.groups.overview"));
  w.paragraph(zh ? report.summary.zh : report.summary.en);

  w.section(t("sections.keyNumbers"));
  w.table(sections.get("keyNumbers")!);

  // The list first: the page under the key numbers fills with it, and the charts follow whole.
  w.section(t("pdf.groups.signing"));
  sub("reconciliation");
  sub("signedProjects");
  w.subsection(t("sections.series"));
  w.chart(byPeriod);
  w.subsection(t("sections.bySector"));
  w.chart(bySector);
  w.table(sections.get("bySector")!);
  for (const key of ["byUnit", "byChain", "byCountry"]) sub(key);

  w.section(t("pdf.groups.progress"));
  for (const key of ["constructionStarts", "pipeline", "stalled"]) sub(key);

  w.section(t("pdf.groups.leads"));
  for (const key of ["leadsBySource", "leadsByEvent"]) sub(key);

  w.footers();
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

/**
 * A document of plain sections in the report's layout (the assessment sheet):
 * the head's three lines, a paragraph, then each section numbered with its
 * table. Writes to `stream` and ends it.
 */
export function writeSectionsPdf(doc: { title: string; issuer: string; scope: string; paragraph?: string; sections: Section[] }, stream: Writable, locale: ReportLocale = "zh-CN"): Promise<void> {
  const pdf = new PDFDocument({ size: "A4", layout: "landscape", margins: MARGIN, font: FONT_PATH, bufferPages: true, info: { Title: doc.title, CreationDate: new Date() } });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  pdf.pipe(stream);
  const w = new Writer(pdf, locale);
  w.headLines(doc.title, doc.issuer, doc.scope);
  if (doc.paragraph) w.paragraph(doc.paragraph);
  for (const s of doc.sections) {
    w.section(s.title);
    w.table(s);
  }
  w.footers();
  pdf.end();
  return finished;
}
