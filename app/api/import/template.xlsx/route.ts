/** GET /api/import/template.xlsx[?headers=zh] — the import template (admins). */
import { db } from "@/lib/db";
import { deny, importCaller } from "@/lib/import/http";
import { templateExample, templateXlsx } from "@/lib/import/template";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await importCaller(request);
  if (!caller.ok) return deny(caller.status);
  const headers = new URL(request.url).searchParams.get("headers") === "zh" ? "zh" : "en";
  const body = await templateXlsx(await templateExample(db()), headers);
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="project-import-template${headers === "zh" ? "-zh" : ""}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
