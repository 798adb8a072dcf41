/**
 * GET /api/assessment/{year}.{format}[?lang=zh-CN|en]
 * year: "2026" (targets are annual); format: json | csv | xlsx | pdf.
 * The same callers as the reports (lib/reports/http.ts): a signed-in admin or
 * manager, or `Authorization: Bearer <api token>` of an admin. A county
 * manager's sheet holds their own unit's row, scored among all units.
 * 200 the file (Content-Disposition "assessment-2026.xlsx") | 400/401/403 { error, message }.
 */
import { db } from "@/lib/db";
import { callerRefusal, piped, reportCaller, reportLocale, reportFailure as fail, REPORT_TYPES as TYPES } from "@/lib/reports/http";
import { getAssessment } from "@/lib/data/assessment";
import { assessmentCsv, assessmentFileName, writeAssessmentPdf, writeAssessmentXlsx } from "@/lib/reports/assessment-sheet";
import { REPORT_FORMATS, type ReportFormat } from "@/lib/validation/report";
import { todayDate } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 120;

export async function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  const locale = reportLocale(request);
  const caller = await reportCaller(request);
  if (!caller.ok) return callerRefusal(caller.status, locale);

  const { file } = await context.params;
  const m = /^(\d{4})\.(\w+)$/.exec(file);
  const format = (m?.[2] ?? "") as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(400, "badFormat", locale);
  const year = Number(m![1]);
  if (year < 1990 || year > 2100) return fail(400, "badPeriod", locale);

  const assessment = await getAssessment(db(), caller.actor, year, todayDate());
  const headers = { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${assessmentFileName(year, format)}"`, "Cache-Control": "no-store" };
  switch (format) {
    case "json":
      return new Response(JSON.stringify(assessment), { headers });
    case "csv":
      return new Response(assessmentCsv(assessment, locale), { headers });
    case "xlsx":
      return new Response(piped((out) => writeAssessmentXlsx(assessment, out, locale), "assessment"), { headers });
    case "pdf": {
      const city = await db().unit.findFirst({ where: { kind: "CITY", retiredAt: null }, orderBy: { id: "asc" }, select: { nameZh: true, nameEn: true } });
      const issuer = (locale === "en" ? city?.nameEn : city?.nameZh) ?? "";
      return new Response(piped((out) => writeAssessmentPdf(assessment, out, locale, issuer), "assessment"), { headers });
    }
  }
}
