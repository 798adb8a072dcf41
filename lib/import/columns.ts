/**
 * The columns of a project import file: one mapping table of the English
 * header names (the issue's) and the Chinese ones the Import page shows.
 * Pure data, no server imports: the CLI, the route and the page share it.
 * Headers naming a term (产业领域, 首次接洽 …) take it from the app's messages,
 * so the template says what the app says.
 */
import type { Stage } from "@/lib/generated/prisma/enums";
import zhMessages from "@/messages/zh-CN";
import enMessages from "@/messages/en";

const ZH_FORM = zhMessages.projects.form;

export const IMPORT_COLUMNS = [
  { key: "external_id", maxChars: 100, zh: "外部编号", required: true, example: "IMP-2024-0001" },
  { key: "project_title", maxChars: 200, zh: "项目名称", required: true, example: "年产10GWh动力电池项目" },
  { key: "investor_name", maxChars: 200, zh: "投资方名称", required: true, example: "示例新能源科技有限公司" },
  { key: "investor_country", maxChars: 100, zh: "投资方国家或地区", required: false, example: "CN" },
  { key: "sector", maxChars: 100, zh: ZH_FORM.sector, required: false, example: "" },
  { key: "industry_chain", maxChars: 100, zh: ZH_FORM.chain, required: false, example: "" },
  { key: "unit", maxChars: 100, zh: "所属单位", required: true, example: "" },
  { key: "stage", maxChars: 50, zh: "阶段", required: true, example: "signed" },
  { key: "planned_investment_cny", maxChars: 50, zh: "计划投资额（元）", required: false, example: "1,500,000,000" },
  { key: "foreign_investment_usd", maxChars: 50, zh: "外资额（美元）", required: false, example: "" },
  { key: "first_contact_date", maxChars: 50, zh: ZH_FORM.firstContact, required: true, example: "2024-03-15" },
  { key: "signed_date", maxChars: 50, zh: "签约日期", required: false, example: "2024-11-20" },
  { key: "contract_investment_cny", maxChars: 50, zh: "合同投资额（元）", required: false, example: "1,200,000,000" },
  { key: "contract_kind", maxChars: 100, zh: "协议类型", required: false, example: "" },
  { key: "construction_start_date", maxChars: 50, zh: "开工日期", required: false, example: "" },
  { key: "owner_email", maxChars: 254, zh: "负责人邮箱", required: true, example: "" },
  { key: "source", maxChars: 100, zh: "项目来源", required: false, example: "" },
  { key: "event_name", maxChars: 200, zh: "推介活动", required: false, example: "" },
  { key: "anchor_external_id", maxChars: 100, zh: `${zhMessages.terms.anchor}外部编号`, required: false, example: "" },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];
export const COLUMN_KEYS: readonly ColumnKey[] = IMPORT_COLUMNS.map((c) => c.key);
export const REQUIRED_COLUMNS: readonly ColumnKey[] = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key);

/** Header text → a comparable form: no BOM, no spaces, ASCII parentheses, lower case. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}

const HEADER_LOOKUP = new Map<string, ColumnKey>();
for (const c of IMPORT_COLUMNS) {
  HEADER_LOOKUP.set(normalizeHeader(c.key), c.key);
  HEADER_LOOKUP.set(normalizeHeader(c.zh), c.key);
}

/** The column a header cell names, or null when it names none. */
export function columnForHeader(text: string): ColumnKey | null {
  return HEADER_LOOKUP.get(normalizeHeader(text)) ?? null;
}

/** The stage codes of the file and the stages they stand for. */
export const STAGE_CODES: Record<string, Stage> = {
  first_contact: "FIRST_CONTACT",
  intent: "INTENT",
  negotiation: "NEGOTIATION",
  signed: "SIGNED",
  construction: "CONSTRUCTION",
  operating: "OPERATING",
  on_hold: "ON_HOLD",
  lost: "LOST",
};

/** Stage names as the app shows them (the messages' `stages`, English in lower case), accepted as well as the codes. */
export const STAGE_NAMES: Record<string, Stage> = Object.fromEntries(
  (Object.keys(zhMessages.stages) as Stage[]).flatMap((stage) => [
    [zhMessages.stages[stage], stage],
    [enMessages.stages[stage].toLowerCase(), stage],
  ]),
);

export function stageFromCell(text: string): Stage | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  return STAGE_CODES[lower] ?? STAGE_CODES[lower.replace(/[\s-]+/g, "_")] ?? STAGE_NAMES[t] ?? STAGE_NAMES[lower] ?? null;
}

/** The file's stage code for a stage (templates, messages). */
export function stageCode(stage: Stage): string {
  return Object.entries(STAGE_CODES).find(([, s]) => s === stage)![0];
}

/** Limits of one import. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;
/** An XLSX's entries uncompressed, all together (checked before any is parsed), and how many it may hold. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1_000;
/**
 * The longest cell any column takes (each column's own limit, maxChars, is
 * checked as the file is parsed, before any lookup; validate.ts's schema
 * repeats the text columns' limits).
 */
export const MAX_CELL_CHARS = Math.max(...IMPORT_COLUMNS.map((c) => c.maxChars));
/** Reading a file (in a worker) may take this long and this much heap before it is given up. */
export const PARSE_TIMEOUT_MS = 60_000;
export const PARSE_HEAP_MB = 512;
