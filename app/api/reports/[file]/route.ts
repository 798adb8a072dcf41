/**
 * GET /api/reports/{period}.{format}[?unit=<id>][&lang=zh-CN|en]
 * period: "2023" or "2023-Q4"; format: json | csv | xlsx | pdf.
 * A signed-in admin or manager (a manager: their own unit, unless city), or
 * `Authorization: Bearer <api token>` of an admin.
 * 200 the file (Content-Disposition "report-2023-Q4.xlsx") | 400/401/403/404 { error, message }.
 */
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { JSON_LIST_LIMIT, buildReport, openReport, type Report, type ReportListPages } from "@/lib/reports/build-report";
import { callerRefusal, piped, reportCaller, reportLocale, reportFailure as fail, REPORT_TYPES as TYPES } from "@/lib/reports/http";
import { reportFileName } from "@/lib/reports/sections";
import { writeCsv } from "@/lib/reports/to-csv";
import { writeXlsx } from "@/lib/reports/to-xlsx";
import { writePdf } from "@/lib/reports/to-pdf";
import { REPORT_FORMATS, ZReportUnit, parseReportPeriod, type ReportFormat } from "@/lib/validation/report";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 120;

export async function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  const url = new URL(request.url);
  const locale = reportLocale(request);
  const caller = await reportCaller(request);
  if (!caller.ok) return callerRefusal(caller.status, locale);

  const { file } = await context.params;
  const dot = file.lastIndexOf(".");
  const format = (dot < 0 ? "" : file.slice(dot + 1)) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(400, "badFormat", locale);
  const label = file.slice(0, dot);
  if (!parseReportPeriod(label)) return fail(400, "badPeriod", locale);
  const unit = ZReportUnit.safeParse(url.searchParams.get("unit") ?? undefined);
  if (!unit.success) return fail(400, "badUnit", locale);

  let report: Report;
  let pages: ReportListPages | undefined;
  const input = { period: label, unitId: unit.data };
  try {
    // CSV and XLSX stream the long lists page by page; JSON caps them (JSON_LIST_LIMIT, `truncated: true`); PDF still loads them whole
    // (it prints 2,000 rows a table and counts the rest from the list, so a capped list would misstate "N more").
    if (format === "csv" || format === "xlsx") ({ report, pages } = await openReport(db(), caller.actor, input));
    else report = await buildReport(db(), caller.actor, input, undefined, format === "json" ? { listLimit: JSON_LIST_LIMIT } : {});
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "forbidden") return fail(403, "forbidden", locale);
      if (error.code === "not_found") return fail(404, "notFound", locale);
      if (error.code === "invalid") return fail(400, "badPeriod", locale);
    }
    console.error("report failed", error);
    return fail(500, "server", locale);
  }

  const headers = {
    "Content-Type": TYPES[format],
    "Content-Disposition": `attachment; filename="${reportFileName(report, format)}"`,
    "Cache-Control": "no-store",
  };
  const r = report;
  switch (format) {
    case "json":
      return new Response(JSON.stringify(r), { headers });
    case "csv":
      return new Response(
        piped(async (out) => {
          await writeCsv(r, pages!, out, locale);
          out.end();
        }),
        { headers },
      );
    case "xlsx":
      return new Response(piped((out) => writeXlsx(r, out, locale, pages)), { headers });
    case "pdf":
      return new Response(piped((out) => writePdf(r, out, locale)), { headers });
  }
}
