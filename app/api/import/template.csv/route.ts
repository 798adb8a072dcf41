/** GET /api/import/template.csv[?headers=zh] — the import template (admins). */
import { db } from "@/lib/db";
import { deny, importCaller } from "@/lib/import/http";
import { templateCsv, templateExample } from "@/lib/import/template";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await importCaller(request);
  if (!caller.ok) return deny(caller.status);
  const headers = new URL(request.url).searchParams.get("headers") === "zh" ? "zh" : "en";
  const body = templateCsv(await templateExample(db()), headers);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="project-import-template${headers === "zh" ? "-zh" : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
