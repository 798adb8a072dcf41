/**
 * `npx tsx scripts/bench-growth.ts bench/results-10k.json bench/results.json [out.md]`: two runs of
 * `npm run bench` (each writes its figures as JSON beside its .md; BENCH_OUT names the file) set side by side,
 * smaller data set first, with the growth ratio of each figure (larger / smaller). Writes bench/growth.md.
 *
 * A ratio is the comparable figure on a shared machine: absolute times move with the load of the moment, so
 * run the two sizes within the hour (better: the same server build, one database after the other).
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { BenchFigures } from "./bench";

const [smallFile, largeFile, out = "bench/growth.md"] = process.argv.slice(2);
if (!smallFile || !largeFile) {
  console.error("Usage: tsx scripts/bench-growth.ts SMALL.json LARGE.json [OUT.md]");
  process.exit(1);
}
const small = JSON.parse(readFileSync(smallFile, "utf8")) as BenchFigures;
const large = JSON.parse(readFileSync(largeFile, "utf8")) as BenchFigures;

type Line = { figure: string; a?: number; b?: number; unit: string; lowerIsBetter?: boolean };
const lines: Line[] = [];
const pair = <T>(xs: T[], ys: T[], key: (x: T) => string) => xs.map((x) => [x, ys.find((y) => key(y) === key(x))] as const);

for (const [a, b] of pair(small.rows, large.rows, (r) => r.name.replace(/#\d+/, "#")))
  lines.push({ figure: `query: ${a.name.replace(/ \(#\d+,/, " (")} (app median)`, a: a.app.median, b: b?.app.median, unit: "ms" });
for (const [a, b] of pair(small.whole, large.whole, (w) => w.who)) {
  lines.push({ figure: `whole dashboard, ${a.who} (median)`, a: a.stat.median, b: b?.stat.median, unit: "ms" });
  lines.push({ figure: `dashboard right after a logged round, ${a.who} (median)`, a: a.afterRound.median, b: b?.afterRound.median, unit: "ms" });
}
for (const [a, b] of pair(small.http, large.http, (h) => h.what)) {
  lines.push({ figure: `HTTP ${a.what} (p50)`, a: a.stat.median, b: b?.stat.median, unit: "ms" });
  lines.push({ figure: `HTTP ${a.what} (p95)`, a: a.stat.p95, b: b?.stat.p95, unit: "ms" });
}
if (small.mixed) {
  for (const [a, b] of pair(small.mixed.pages, large.mixed?.pages ?? [], (p) => p.what)) {
    lines.push({ figure: `10 readers + 2 writers: ${a.what} (p50)`, a: a.stat.median, b: b?.stat.median, unit: "ms" });
    lines.push({ figure: `10 readers + 2 writers: ${a.what} (p95)`, a: a.stat.p95, b: b?.stat.p95, unit: "ms" });
  }
  lines.push({ figure: "10 readers + 2 writers: rounds logged per second", a: small.mixed.rounds.perSecond, b: large.mixed?.rounds.perSecond, unit: "/s", lowerIsBetter: false });
}
if (small.writersOnly) {
  lines.push({ figure: "10 writers: rounds logged per second", a: small.writersOnly.perSecond, b: large.writersOnly?.perSecond, unit: "/s", lowerIsBetter: false });
  lines.push({ figure: "10 writers: one round (p50)", a: small.writersOnly.median, b: large.writersOnly?.median, unit: "ms" });
  lines.push({ figure: "10 writers: one round (p95)", a: small.writersOnly.p95, b: large.writersOnly?.p95, unit: "ms" });
}
for (const [a, b] of pair(small.statements, large.statements, (s) => s.what))
  lines.push({ figure: `SQL statements: ${a.what}`, a: a.statements, b: b?.statements, unit: "" });

const n = (x: number | undefined, unit: string) => (x === undefined ? "—" : unit === "" ? String(x) : x.toFixed(x >= 100 ? 0 : 1));
const text = [
  "# Growth with the data",
  "",
  `Two runs of \`npm run bench\` side by side: ${small.projects.toLocaleString("en")} projects (${small.rounds.toLocaleString("en")} rounds) from ${smallFile}, and ${large.projects.toLocaleString("en")} projects (${large.rounds.toLocaleString("en")} rounds) from ${largeFile}. "Growth" is the larger set's figure over the smaller's (for rounds per second, a growth under 1 is a loss).`,
  "",
  `| figure | ${small.projects.toLocaleString("en")} | ${large.projects.toLocaleString("en")} | growth |`,
  "| --- | ---: | ---: | ---: |",
  ...lines.map((l) => `| ${l.figure}${l.unit && l.unit !== "ms" ? ` (${l.unit})` : l.unit === "ms" ? " ms" : ""} | ${n(l.a, l.unit)} | ${n(l.b, l.unit)} | ${l.a && l.b !== undefined ? (l.b / l.a).toFixed(2) : "—"} |`),
  "",
];
writeFileSync(out, text.join("\n"));
console.log(`Wrote ${out}`);
