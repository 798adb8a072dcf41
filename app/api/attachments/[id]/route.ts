/**
 * GET /api/attachments/{id} — the file, as a download. A signed-in user, for
 * a file of a project in their scope (another unit's file is 404, as if it
 * did not exist). Served with Content-Disposition attachment, the type
 * declared at upload from an allow-list, and nosniff (lib/http/download.ts).
 * 200 the bytes | 401 | 403 | 404.
 */
import { db } from "@/lib/db";
import { auditDenial, getCurrentUser } from "@/lib/auth/current-user";
import { ROLES_FOR, may } from "@/lib/domain/policy";
import { NotFoundError } from "@/lib/errors";
import { getAttachmentFile } from "@/lib/data/attachments";
import { downloadHeaders } from "@/lib/http/download";
import { zId } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const refuse = (status: 401 | 403 | 404) =>
  Response.json({ error: ({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as const)[status] }, { status, headers: { "Cache-Control": "no-store" } });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return refuse(401);
  if (!may(user, "attachFiles")) {
    await auditDenial(user, `role:${ROLES_FOR.attachFiles.join("|")}`);
    return refuse(403);
  }
  const id = zId.safeParse((await context.params).id);
  if (!id.success) return refuse(404);
  try {
    const file = await getAttachmentFile(db(), user, id.data);
    return new Response(new Uint8Array(file.content), { headers: downloadHeaders(file.fileName, file.contentType, file.size) });
  } catch (error) {
    if (error instanceof NotFoundError) return refuse(404);
    throw error;
  }
}
