/**
 * Attachments on rounds and contracts: stored in PostgreSQL, scoped exactly
 * like their project (data layer and routes), a stated size limit, names
 * made harmless, downloads that can only be saved, deletes by the uploader
 * or a manager, each change audited.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en";
import { testDb } from "@/test/factories";
import type { CurrentUser } from "@/lib/auth/session-user";
import { NotFoundError, ForbiddenError } from "@/lib/errors";
import { deleteAttachment, getAttachmentFile, safeFileName, uploadAttachment } from "@/lib/data/attachments";
import { getProjectPage } from "@/lib/data/project-page";
import { logRound } from "@/lib/data/rounds";
import { ZLogRound } from "@/lib/validation/round";
import { ATTACHMENT_MAX_BYTES } from "@/lib/validation/attachment";
import { makeActor, makeProject, newRequestId, type TestActor } from "@/lib/data/stage.test-helpers";

const current = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => current.user, auditDenial: async () => {} }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "en",
  getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

const { POST } = await import("@/app/api/attachments/route");
const { GET } = await import("@/app/api/attachments/[id]/route");

const db = testDb();
let cityOfficer: TestActor;
let countyOfficer: TestActor;
let cityManager: TestActor;
let cityRound: number;
let cityContract: number;

const asUser = (a: TestActor) => ({ ...a, email: "x@test.local", mustChangePassword: false }) as unknown as CurrentUser;
const pdf = (text = "%PDF-1.4 minutes") => ({ fileName: "会议纪要.pdf", bytes: new TextEncoder().encode(text) });

function post(fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string } | null, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (file) body.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? "application/pdf" }));
  return POST(new Request("http://localhost/api/attachments", { method: "POST", body, headers: { cookie: "s=1", ...headers } }));
}
const get = (id: number) => GET(new Request(`http://localhost/api/attachments/${id}`), { params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  cityOfficer = await makeActor("OFFICER", undefined, "CITY");
  cityManager = await makeActor("MANAGER", cityOfficer.unitId);
  countyOfficer = await makeActor("OFFICER");
  const project = await makeProject(cityOfficer, { path: ["INTENT", "NEGOTIATION", "SIGNED"] });
  cityRound = (await logRound(db, cityOfficer, ZLogRound.parse({ projectId: String(project.id), requestId: newRequestId(), format: "VIDEO", summary: "纪要" }))).id;
  cityContract = (await db.contract.findFirstOrThrow({ where: { projectId: project.id } })).id;
});

describe("attachments in the data layer", () => {
  it("stores a file on a round with its audit row; the same requestId twice stores one", async () => {
    const requestId = newRequestId();
    const first = await uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId }, pdf());
    const again = await uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId }, pdf());
    expect(again.id).toBe(first.id);
    const file = await getAttachmentFile(db, cityOfficer, first.id);
    expect(Buffer.from(file.content).toString()).toBe("%PDF-1.4 minutes");
    expect(file).toMatchObject({ fileName: "会议纪要.pdf", contentType: "application/pdf", size: 16 });
    const audit = await db.auditLog.findMany({ where: { entity: "attachment", entityId: String(first.id) }, select: { action: true, actorId: true, after: true } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "attachment.create", actorId: cityOfficer.id, after: { fileName: "会议纪要.pdf", size: 16, roundId: cityRound } });
    expect(JSON.stringify(audit[0].after)).not.toContain("PDF-1.4"); // the audit names the file, never holds it
  });

  it("is out of reach for a county officer: upload and download are 'not found'", async () => {
    const { id } = await uploadAttachment(db, cityOfficer, { contractId: cityContract, requestId: newRequestId() }, pdf());
    await expect(getAttachmentFile(db, countyOfficer, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(uploadAttachment(db, countyOfficer, { roundId: cityRound, requestId: newRequestId() }, pdf())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a file over the limit and an empty one", async () => {
    await expect(uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId: newRequestId() }, { fileName: "big.pdf", bytes: new Uint8Array(ATTACHMENT_MAX_BYTES + 1) })).rejects.toMatchObject({
      fieldErrors: { file: "attachmentTooLarge" },
    });
    await expect(uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId: newRequestId() }, { fileName: "empty.pdf", bytes: new Uint8Array(0) })).rejects.toMatchObject({
      fieldErrors: { file: "attachmentEmpty" },
    });
  });

  it("neutralises hostile names: path parts, control and direction characters, leading dots", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Users\\x\\纪要.docx")).toBe("纪要.docx");
    expect(safeFileName("minutes\u202Efdp.exe")).toBe("minutesfdp.exe");
    expect(safeFileName('a"b\r\nX: <y>.pdf')).toBe("a_bX_ _y_.pdf");
    expect(safeFileName("...htaccess")).toBe("htaccess");
    expect(safeFileName("\u0000")).toBe("attachment");
    expect(safeFileName(`${"长".repeat(300)}.pdf`)).toMatch(/^长{251}\.pdf$/);
  });

  it("lists on the timeline under its round without the bytes; deleted by its uploader or a manager, not by another officer", async () => {
    const { id } = await uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId: newRequestId() }, pdf());
    const page = await getProjectPage(db, cityManager, (await db.negotiationRound.findUniqueOrThrow({ where: { id: cityRound } })).projectId);
    const round = page.timeline.find((e) => e.kind === "round" && e.recordId === cityRound)!;
    const listed = (round.data.attachments as Record<string, unknown>[]).find((a) => a.id === id)!;
    expect(listed).toMatchObject({ fileName: "会议纪要.pdf", size: 16, uploadedBy: expect.any(String), mayDelete: true });
    expect(Object.keys(listed)).not.toContain("content");

    const colleague = await makeActor("OFFICER", cityOfficer.unitId);
    await expect(deleteAttachment(db, colleague, { id })).rejects.toBeInstanceOf(ForbiddenError);
    await deleteAttachment(db, cityManager, { id });
    expect(await db.attachment.count({ where: { id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entity: "attachment", entityId: String(id), action: "attachment.delete", actorId: cityManager.id } })).toBe(1);
  });
});

describe("POST /api/attachments and GET /api/attachments/[id]", () => {
  it("uploads, then serves the file as a download only (attachment, declared type, nosniff)", async () => {
    current.user = asUser(cityOfficer);
    const res = await post({ roundId: String(cityRound), requestId: randomUUID() }, { name: "../纪要 <script>\u202Egpj.html", bytes: new TextEncoder().encode("<script>alert(1)</script>"), type: "text/html" });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: number };
    const download = await get(id);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("<script>alert(1)</script>");
    expect(download.headers.get("content-type")).toBe("application/octet-stream"); // not the text/html the browser claimed
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = download.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/[\r\n\u202E]|\.\.\//);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("纪要 _script_gpj.html");
  });

  it("gives a county officer 404 for a city project's file, and a signed-out caller 401", async () => {
    const { id } = await uploadAttachment(db, cityOfficer, { roundId: cityRound, requestId: newRequestId() }, pdf());
    current.user = asUser(countyOfficer);
    expect((await get(id)).status).toBe(404);
    expect((await post({ roundId: String(cityRound), requestId: randomUUID() }, { name: "x.pdf", bytes: new Uint8Array([1]) })).status).toBe(404);
    current.user = null;
    expect((await get(id)).status).toBe(401);
    current.user = asUser(cityOfficer);
    expect((await get(id)).status).toBe(200);
  });

  it("refuses an oversize file with 413 and the limit, storing nothing", async () => {
    current.user = asUser(cityOfficer);
    const before = await db.attachment.count();
    const res = await post({ roundId: String(cityRound), requestId: randomUUID() }, { name: "big.pdf", bytes: new Uint8Array(ATTACHMENT_MAX_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors.file).toBe("A file may be at most 10 MB.");
    expect(await db.attachment.count()).toBe(before);
  });

  it("refuses a cookie-authenticated upload posted from another origin", async () => {
    current.user = asUser(cityOfficer);
    const res = await post({ roundId: String(cityRound), requestId: randomUUID() }, { name: "x.pdf", bytes: new Uint8Array([1]) }, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
  });
});
