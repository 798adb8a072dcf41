import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";

type Row = { id: number; name: string; count: number };
const columns: DataTableColumn<Row>[] = [
  { key: "name", header: "Name" },
  { key: "count", header: "Projects", align: "right", cell: (r) => `${r.count} projects` },
  { key: "actions", header: "Manage", headerHidden: true, cell: (r) => <a href={`/x/${r.id}`}>Open</a> },
];

const render = (rows: Row[]) =>
  renderToStaticMarkup(
    <DataTable caption="Companies" testId="t" rows={rows} rowKey={(r) => r.id} rowAttributes={(r) => ({ "data-row-id": r.id })} empty="No companies yet" columns={columns} />,
  );

describe("DataTable", () => {
  it("names the table and gives every column a scoped header, hidden where asked", () => {
    const html = render([{ id: 7, name: "Acme", count: 3 }]);
    expect(html).toContain('<caption class="sr-only">Companies</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toMatch(/<th scope="col"[^>]*>Name<\/th>/);
    expect(html).toMatch(/<th scope="col" data-num="">Projects<\/th>/);
    // Alignment and padding are the table's, once: a right-aligned cell only carries its mark.
    expect(html).toMatch(/<table class="[^"]*\[&amp;_\[data-num\]\]:text-right[^"]*"/);
    expect(html).toMatch(/<th scope="col"[^>]*><span class="sr-only">Manage<\/span><\/th>/);
    expect(html).toContain('data-testid="t"');
  });

  it("shows row fields as they are or through the column's cell, numbers right-aligned", () => {
    const html = render([
      { id: 1, name: "Acme", count: 3 },
      { id: 2, name: "Globex", count: 12 },
    ]);
    expect(html.match(/<tr data-row-id="\d"/g)).toEqual(['<tr data-row-id="1"', '<tr data-row-id="2"']);
    expect(html).toContain("<td>Globex</td>");
    expect(html).toContain('<td data-num="">12 projects</td>');
    expect(html).toContain('<a href="/x/2">Open</a>');
    expect(html).not.toContain("No companies yet");
  });

  it("shows the empty message instead of a table when there are no rows", () => {
    const html = render([]);
    expect(html).toContain("No companies yet");
    expect(html).not.toContain("<table");
  });
});
