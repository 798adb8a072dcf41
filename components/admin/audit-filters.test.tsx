/**
 * The audit log's filters: a plain GET form whose fields carry the filter in the URL, each labelled, each select
 * starting with "any" and showing the filter in force.
 */
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl";
import en from "@/messages/en";

vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

const { AuditFilters } = await import("@/components/admin/audit-filters");

const options = { users: [{ id: 7, name: "Li Wei", email: "li@x.cn" }, { id: 8, name: "Wang Fang", email: "wang@x.cn" }], entities: ["Project", "User"], actions: ["project.update", "user.create"] };
const render = async (filter: Parameters<typeof AuditFilters>[0]["filter"]) => renderToStaticMarkup(await AuditFilters({ filter, options }));

/** The label text tied to the control named `name` (through its id), and the control's tag. */
function field(html: string, name: string) {
  const control = html.match(new RegExp(`<(select|input)[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
  const id = control.match(/id="([^"]+)"/)?.[1];
  const label = id ? html.match(new RegExp(`<label[^>]*for="${id}"[^>]*>([^<]*)</label>`))?.[1] : undefined;
  return { control, label };
}

describe("AuditFilters", () => {
  it("labels every field and starts each select with 'any'", async () => {
    const html = await render({});
    const form = html.match(/<form[^>]*>/)?.[0] ?? "";
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/admin/audit"');
    for (const [name, label] of [["userId", en.admin.audit.user], ["entity", en.admin.audit.entity], ["action", en.admin.audit.action], ["from", en.admin.audit.from], ["to", en.admin.audit.to]]) {
      expect(field(html, name).label, name).toBe(label);
    }
    for (const name of ["userId", "entity", "action"]) {
      expect(html).toMatch(new RegExp(`<select[^>]*name="${name}"[^>]*><option value="" selected="">${en.admin.audit.any}</option>`));
    }
    expect(field(html, "from").control).toMatch(/type="date"/);
    expect(html).toContain('<option value="7">Li Wei (li@x.cn)</option>');
    expect(html).not.toContain(en.admin.audit.clear);
  });

  it("shows the filter in force, keeps the entity id, and offers to clear", async () => {
    const html = await render({ userId: 8, entity: "User", action: "user.create", from: "2026-01-02", to: "2026-03-04", entityId: "42" });
    expect(html).toContain('<option value="8" selected="">Wang Fang (wang@x.cn)</option>');
    expect(html).toContain('<option value="User" selected="">User</option>');
    expect(html).toMatch(/<option value="user.create" selected="">/);
    expect(field(html, "from").control).toContain('value="2026-01-02"');
    expect(field(html, "to").control).toContain('value="2026-03-04"');
    expect(html).toContain('<input type="hidden" name="entityId" value="42"/>');
    expect(html).toContain(en.admin.audit.clear);
  });
});
