/**
 * One term per thing (issue #13): each stage, round format and reference term
 * (产业领域, 产业链, 链主项目, 下次跟进, 数据看板) is written once in the
 * messages (`stages`, `roundFormats`, `terms`) and every screen, the report in
 * each format, and the import template show exactly that text.
 */
import { deliveryRatesOf } from "@/lib/reports/delivery-rates.test-helpers";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import { resolveReferences } from "@/messages/references";
import type { Report } from "@/lib/reports/build-report";
import { reportSections } from "@/lib/reports/sections";
import { toCsv } from "@/lib/reports/to-csv";
import { toXlsx } from "@/lib/reports/to-xlsx";
import { IMPORT_COLUMNS, stageFromCell, type ColumnKey } from "@/lib/import/columns";
import { templateCsv } from "@/lib/import/template";
import { STAGES } from "@/lib/domain/stages";

const CATALOGUES = { "zh-CN": zh, en } as const;
type Loc = keyof typeof CATALOGUES;
const LOCALES = Object.keys(CATALOGUES) as Loc[];

/** Every string of a catalogue with its dotted key. */
function strings(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

/** The JSON files as written (references not yet resolved). */
function rawStrings(locale: Loc): [string, string][] {
  const dir = path.join(import.meta.dirname, locale);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => strings(JSON.parse(readFileSync(path.join(dir, f), "utf8"))));
}

/** The terms' sources: key → text. */
function sources(locale: Loc): [string, string][] {
  const m = CATALOGUES[locale];
  return [
    ...Object.entries(m.stages).map(([k, v]) => [`stages.${k}`, v] as [string, string]),
    ...Object.entries(m.roundFormats).map(([k, v]) => [`roundFormats.${k}`, v] as [string, string]),
    ...Object.entries(m.terms).map(([k, v]) => [`terms.${k}`, v] as [string, string]),
  ];
}

describe("one term per thing, written once", () => {
  it.each(LOCALES)("%s: no message repeats a term's text instead of referring to it", (locale) => {
    // Short stage names (洽谈, 暂缓 …) are ordinary words inside sentences: for them, and in English
    // (where a term changes case and number inside a sentence), a whole message equal to the term counts.
    const inside = (key: string) => locale === "zh-CN" && (key === "stages.FIRST_CONTACT" || !key.startsWith("stages."));
    // The same letters for another thing: the timeline's filter for rounds (洽谈, not the stage 洽谈),
    // and in English the date construction started (not the stage "Construction started").
    const otherThing = new Set(["projects.timeline.kinds.round", "journey.facts.start", "projects.timeline.start"]);
    const copies = rawStrings(locale).filter(([key]) => !otherThing.has(key)).flatMap(([key, text]) =>
      sources(locale)
        .filter(([source, term]) => key !== source && (text === term || (inside(source) && text.includes(term))))
        .map(([source]) => `${key} = "${text}" copies ${source}`),
    );
    expect(copies).toEqual([]);
  });

  it("uses none of the other words officials saw for the same things", () => {
    const other = [/初次接触/, /龙头项目/, /行业/, /按产业(?!领域|链)/, /"产业"/, /下次会谈/, /下次会面/, /拜访投资方/, /(?<!客商)来访/, /^分析$/];
    const found = strings(zh).filter(([, text]) => other.some((re) => re.test(text)) || text === "产业");
    expect(found).toEqual([]);
  });

  it("resolves every reference, and refuses one that points nowhere", () => {
    for (const locale of LOCALES) expect(strings(CATALOGUES[locale]).filter(([, text]) => text.includes("@:{"))).toEqual([]);
    expect(() => resolveReferences({ a: "@:{terms.nothing}" })).toThrow(/refers to no message/);
    expect(resolveReferences({ terms: { x: "产业领域" }, b: { c: "全部@:{terms.x}" } }).b.c).toBe("全部产业领域");
  });
});

describe.each(LOCALES)("%s: each term renders the same everywhere", (locale) => {
  const m = CATALOGUES[locale];

  it("in the app: project pages, forms, filters, timeline, dashboard and navigation", () => {
    const same = {
      sector: [m.projects.filters.sector, m.projects.facts.sector, m.projects.form.sector, m.dashboard.filters.sector, m.dashboard.signed.sector],
      chain: [m.projects.filters.chain, m.projects.facts.chain, m.projects.form.chain, m.projects.chain.heading, m.dashboard.filters.chain],
      anchor: [m.projects.chain.anchor, m.projects.form.anchor, m.dashboard.chains.anchor],
      nextFollowUp: [m.projects.columns.followUp, m.projects.facts.nextFollowUp, m.projects.timeline.nextMeeting, m.journey.facts.nextFollowUp, m.journey.round.nextMeetingOn, m.dashboard.pipeline.nextFollowUp],
      dashboard: [m.nav.dashboard, m.dashboard.title],
      notRecognised: [m.signings.listBadge, m.signings.exclusions.MANUAL],
      highRisk: [m.projects.highRisk, m.pipeline.card.highRisk],
      repeatSigning: [],
      upgrade: [],
      capitalIncrease: [],
    } satisfies Record<keyof typeof m.terms, string[]>;
    for (const [term, labels] of Object.entries(same)) for (const label of labels) expect(label, term).toBe(m.terms[term as keyof typeof m.terms]);
    expect(m.projects.facts.firstContact).toBe(m.stages.FIRST_CONTACT);
    // The round form and the timeline have no format names of their own: both read roundFormats.
    expect("formats" in m.journey.round).toBe(false);
    expect("formats" in m.projects.timeline).toBe(false);
  });

  const stalled = (stage: (typeof STAGES)[number], i: number) => ({ projectId: i, number: `TEST-2023-${String(i).padStart(4, "0")}`, investorZh: "投资方", title: `项目${i}`, unitZh: "测试县", unitEn: "Test County", stage, lastActivityOn: "2023-10-01", days: 40 });
  const report: Report = {
    period: { label: "2023-Q4", kind: "quarter", from: "2023-10-01", to: "2024-01-01", lastDay: "2023-12-31" },
    unit: { id: null, nameZh: "示范市（全市）", nameEn: "Sample City (whole city)", isCity: true, placeZh: "示范市", placeEn: "Sample City", issuerZh: "示范市投资促进局", issuerEn: "Sample City Investment Promotion Bureau" },
    generatedOn: "2024-01-10",
    signed: { count: 0, contractedCny: "0", contractedUsd: "0", atLeast100MillionCny: { count: 0, valueCny: "0" }, atLeast5BillionCny: { count: 0, valueCny: "0" }, atLeast10BillionCny: { count: 0, valueCny: "0" } },
    constructionStarts: { count: 0 },
    fundsInPlace: { cny: "0", usd: "0" },
    foreignInvestmentInPlaceUsd: "0",
    roundsHeld: 0,
    deliveryRates: deliveryRatesOf("2023-12-31", {}),
    newLeads: { total: 0, bySource: [], byEvent: [] },
    stalled: [],
    summary: { zh: "", en: "" },
    series: { bucket: "month", points: [] },
    reconciliation: [],
    signedProjects: [],
    constructionStartsList: [],
    pipelineByStage: STAGES.map((stage) => ({ stage, count: 1, plannedCny: "100" })),
    stalledProjects: STAGES.map(stalled),
    bySector: [],
    byUnit: [],
    byChain: [],
    byCountry: [],
  };

  it("in the report's tables (what CSV, XLSX and PDF write) and in its CSV and XLSX files", async () => {
    const sections = reportSections(report, locale);
    const pipeline = sections.find((s) => s.key === "pipeline")!;
    expect(pipeline.rows.map((r) => r[0])).toEqual(STAGES.map((s) => m.stages[s]));
    const stalledSection = sections.find((s) => s.key === "stalled")!;
    expect(stalledSection.rows.map((r) => r[stalledSection.columns.findIndex((c) => c.key === "stage")])).toEqual(STAGES.map((s) => m.stages[s]));
    const signedSection = sections.find((s) => s.key === "signedProjects")!;
    expect(signedSection.columns.map((c) => c.header)).toContain(m.terms.sector);

    const csv = toCsv(report, locale);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await toXlsx(report, locale)) as unknown as ArrayBuffer);
    const sheetText = (name: string) => xlsx.getWorksheet(name)!.getSheetValues().flat().map(String).join("\n");
    for (const stage of STAGES) {
      expect(csv).toContain(`\r\n${m.stages[stage]},1,`);
      expect(sheetText(pipeline.title)).toContain(m.stages[stage]);
    }
    expect(csv).toContain(m.terms.sector);
    expect(sheetText(signedSection.title)).toContain(m.terms.sector);
  });

  it("in the import template, whose stage column takes the app's stage names", () => {
    if (locale === "zh-CN") {
      const header = templateCsv(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, ""])) as Record<ColumnKey, string>, "zh").slice(1).split("\r\n")[0].split(",");
      expect(header).toContain(m.terms.sector);
      expect(header).toContain(m.terms.chain);
      expect(header).toContain(m.projects.form.firstContact);
      expect(header.some((h) => h.startsWith(m.terms.anchor))).toBe(true);
    }
    for (const stage of STAGES) expect(stageFromCell(m.stages[stage])).toBe(stage);
  });
});
