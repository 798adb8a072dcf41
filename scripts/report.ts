/**
 * `npm run report -- --period 2023-Q4 --format xlsx --out file.xlsx [--unit id] [--as admin@email] [--lang zh-CN|en]`
 * Writes the report of the Reports page / GET /api/reports to a file (or to
 * stdout with --out -), as an admin (by default the first active admin).
 * The report code is server-only: run with `tsx --conditions=react-server scripts/report.ts`.
 * Exit code 0 on success, 1 on failure, 2 on misuse.
 */
import { createWriteStream } from "node:fs";
import v8 from "node:v8";
import type { Writable } from "node:stream";
import { createBatchClient } from "./lib/batch-db";
import { JSON_LIST_LIMIT, buildReport, openReport } from "@/lib/reports/build-report";
import type { ReportLocale } from "@/lib/reports/sections";
import { writeCsv } from "@/lib/reports/to-csv";
import { writeXlsx } from "@/lib/reports/to-xlsx";
import { writePdf } from "@/lib/reports/to-pdf";
import { REPORT_FORMATS, parseReportPeriod, type ReportFormat } from "@/lib/validation/report";

/** How far (%) V8 lets the old generation grow past its live size before collecting it (see main). */
const HEAP_GROWING_PERCENT = 25;

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("Usage: npm run report -- --period 2023|2023-Q4 --format json|csv|xlsx|pdf --out <file|-> [--unit id] [--as admin@email] [--lang zh-CN|en]");
  process.exit(2);
}

function end(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on("error", reject);
    stream.end(resolve);
  });
}

async function main() {
  // Reading and writing a long list makes garbage that lives across a few young collections (each page of rows as
  // the driver receives it: ~30 MB moved to the old generation for 69k stalled rows at 100k projects), and V8 lets
  // the old generation grow to a few times its live size (~45 MB) before collecting it: the process's peak grew
  // with the rows although nothing holds them. Collecting when the old generation is a quarter above its live size
  // keeps the peak near the live size for any number of rows. A GC setting, read at each collection (so it can be
  // set here, after start); unlike --max-old-space-size it is no limit: a report whose live data is larger (the
  // PDF holds its lists) still runs, collecting more often.
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const opts: Record<string, string> = {};
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--help" || a === "-h") usage();
    if (!a.startsWith("--")) usage(`Unexpected ${a}.`);
    const [key, inline] = a.slice(2).split("=", 2);
    if (!["period", "format", "out", "unit", "as", "lang"].includes(key)) usage(`Unknown option --${key}.`);
    opts[key] = inline ?? args[++i] ?? usage(`--${key} needs a value.`);
  }
  const period = opts.period ?? usage("--period is required.");
  if (!parseReportPeriod(period)) usage("The period must be a year (2023) or a quarter (2023-Q4), years 2000–2100.");
  const format = (opts.format ?? (opts.out?.split(".").pop() ?? "")) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) usage("The format must be json, csv, xlsx or pdf.");
  const out = opts.out ?? usage("--out is required (- for stdout).");
  const unitId = opts.unit === undefined ? undefined : Number(opts.unit);
  if (unitId !== undefined && !(Number.isInteger(unitId) && unitId > 0)) usage("--unit must be a unit id.");
  const locale: ReportLocale = opts.lang === "en" ? "en" : "zh-CN";
  const url = process.env.DATABASE_URL ?? usage("DATABASE_URL is not set.");

  const db = createBatchClient(url, 4);
  try {
    const user = await db.user.findFirst({
      where: { role: "ADMIN", disabledAt: null, ...(opts.as ? { email: { equals: opts.as, mode: "insensitive" } } : {}) },
      orderBy: { id: "asc" },
      select: { id: true, role: true, unitId: true, unit: { select: { kind: true } } },
    });
    if (!user) usage(opts.as ? `${opts.as} is not an active admin.` : "There is no active admin to report as; use --as.");
    const actor = { id: user.id, role: user.role, unitId: user.unitId, unitIsCity: user.unit.kind === "CITY" };
    // CSV and XLSX stream the long lists page by page (openReport); JSON and PDF hold the report in memory
    // (JSON caps each long list at JSON_LIST_LIMIT rows and says `truncated: true`; PDF still loads them whole).
    const streamed = format === "csv" || format === "xlsx" ? await openReport(db, actor, { period, unitId }) : null;
    const report = streamed?.report ?? (await buildReport(db, actor, { period, unitId }, undefined, format === "json" ? { listLimit: JSON_LIST_LIMIT } : {}));
    const stream: Writable = out === "-" ? process.stdout : createWriteStream(out);
    switch (format) {
      case "json":
        stream.write(JSON.stringify(report, null, 2));
        if (stream !== process.stdout) await end(stream);
        break;
      case "csv":
        await writeCsv(report, streamed!.pages, stream, locale);
        if (stream !== process.stdout) await end(stream);
        break;
      case "xlsx":
        await writeXlsx(report, stream, locale, streamed!.pages);
        break;
      case "pdf":
        await writePdf(report, stream, locale);
        break;
    }
    if (out !== "-") console.error(`${out}: ${report.signed.count} signed projects, ${report.period.label}, ${report.unit.nameEn}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
