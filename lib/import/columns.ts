/**
 * The columns of a project import file: one mapping table of the English
 * header names (the issue's) and the Chinese ones the Import page shows.
 * Pure data, no server imports: the CLI, the route and the page share it.
 * Headers naming a term (产业领域, 首次接洽 …) take it from the app's messages,
 * so the template says what the app says.
 */
import type { CommitmentKind, Stage } from "@/lib/generated/prisma/enums";
import zhMessages from "@/messages/zh-CN";
import enMessages from "@/messages/en";

const ZH_FORM = zhMessages.projects.form;
const ZH_KIND = zhMessages.commitments.kinds;

export const IMPORT_COLUMNS = [
  { key: "external_id", maxChars: 100, zh: "外部编号", required: true, example: "IMP-2024-0001" },
  { key: "project_title", maxChars: 200, zh: "项目名称", required: true, example: "年产10GWh动力电池项目" },
  { key: "investor_name", maxChars: 200, zh: "投资方名称", required: true, example: "示例新能源科技有限公司" },
  { key: "investor_country", maxChars: 100, zh: "投资方国家或地区", required: false, example: "CN" },
  // The investor's 统一社会信用代码 (checked per GB 32100-2015): a row whose code is an existing company's uses it.
  { key: "investor_credit_code", maxChars: 30, zh: "投资方统一社会信用代码", required: false, example: "" },
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
  // What the contract promises (lib/domain/milestones.ts): the milestones' deadlines and the promised figures. Only on a
  // row whose stage is signed or later; written as a promise recorded on the project page (recordCommitment's path).
  { key: "land_handover_due", maxChars: 50, zh: `${ZH_KIND.LAND_HANDOVER}期限`, required: false, example: "2025-03-31" },
  { key: "construction_start_due", maxChars: 50, zh: `${ZH_KIND.CONSTRUCTION_START}期限`, required: false, example: "2025-06-30" },
  { key: "production_due", maxChars: 50, zh: `${ZH_KIND.PRODUCTION}期限`, required: false, example: "2026-12-31" },
  { key: "full_production_due", maxChars: 50, zh: `${ZH_KIND.FULL_PRODUCTION}期限`, required: false, example: "" },
  { key: "statistics_due", maxChars: 50, zh: `${ZH_KIND.STATISTICS}期限`, required: false, example: "" },
  { key: "investment_total_promised_cny", maxChars: 50, zh: `承诺${ZH_KIND.INVESTMENT_TOTAL}（元）`, required: false, example: "1,200,000,000" },
  { key: "investment_total_due", maxChars: 50, zh: `${ZH_KIND.INVESTMENT_TOTAL}到位期限`, required: false, example: "2027-12-31" },
  { key: "fixed_asset_promised_cny", maxChars: 50, zh: `承诺${ZH_KIND.FIXED_ASSET}（元）`, required: false, example: "" },
  { key: "foreign_investment_promised_usd", maxChars: 50, zh: `承诺${ZH_KIND.FOREIGN_INVESTMENT}（美元）`, required: false, example: "" },
  { key: "land_promised_mu", maxChars: 50, zh: `承诺${ZH_KIND.LAND}`, required: false, example: "" },
  { key: "jobs_promised", maxChars: 50, zh: `承诺${ZH_KIND.JOBS}`, required: false, example: "" },
  { key: "annual_output_promised_cny", maxChars: 50, zh: `承诺${ZH_KIND.ANNUAL_OUTPUT}（元）`, required: false, example: "" },
  { key: "annual_tax_promised_cny", maxChars: 50, zh: `承诺${ZH_KIND.ANNUAL_TAX}（元）`, required: false, example: "" },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];
export const COLUMN_KEYS: readonly ColumnKey[] = IMPORT_COLUMNS.map((c) => c.key);
export const REQUIRED_COLUMNS: readonly ColumnKey[] = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key);

/** The commitment columns: the promise each one gives (its deadline or its promised value). */
export const COMMITMENT_COLUMNS = {
  land_handover_due: { kind: "LAND_HANDOVER", field: "dueOn" },
  construction_start_due: { kind: "CONSTRUCTION_START", field: "dueOn" },
  production_due: { kind: "PRODUCTION", field: "dueOn" },
  full_production_due: { kind: "FULL_PRODUCTION", field: "dueOn" },
  statistics_due: { kind: "STATISTICS", field: "dueOn" },
  investment_total_promised_cny: { kind: "INVESTMENT_TOTAL", field: "value" },
  investment_total_due: { kind: "INVESTMENT_TOTAL", field: "dueOn" },
  fixed_asset_promised_cny: { kind: "FIXED_ASSET", field: "value" },
  foreign_investment_promised_usd: { kind: "FOREIGN_INVESTMENT", field: "value" },
  land_promised_mu: { kind: "LAND", field: "value" },
  jobs_promised: { kind: "JOBS", field: "value" },
  annual_output_promised_cny: { kind: "ANNUAL_OUTPUT", field: "value" },
  annual_tax_promised_cny: { kind: "ANNUAL_TAX", field: "value" },
} as const satisfies Partial<Record<ColumnKey, { kind: CommitmentKind; field: "dueOn" | "value" }>>;
export type CommitmentColumn = keyof typeof COMMITMENT_COLUMNS;
export const COMMITMENT_COLUMN_KEYS = Object.keys(COMMITMENT_COLUMNS) as CommitmentColumn[];

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
