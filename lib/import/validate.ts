/**
 * Row validation: the shape of each cell (zod), then the lookups (units,
 * reference lists, events, owners, anchors) and the journey: the moves the
 * app would make to reach the row's stage (lib/import/journey.ts, planMove),
 * each given the row's contract and start cells — no stage rule of its own.
 * Every issue is collected; nothing stops at the first one.
 */
import { z } from "zod";
import type { CommitmentKind, ReferenceKind, Stage } from "@/lib/generated/prisma/enums";
import { zAmount } from "@/lib/validation/fields";
import { zCreditCode } from "@/lib/validation/company";
import { COUNTRIES } from "@/lib/validation/countries";
import { COMMITMENT_COLUMNS, COMMITMENT_COLUMN_KEYS, stageCode, stageFromCell, type ColumnKey } from "@/lib/import/columns";
import { COLUMN_OF_FIELD, importRoute, moveData, NEW_PROJECT_FACTS, type RouteMove } from "@/lib/import/journey";
import { missingForMove, moveNotes, signingDateForStart, type MoveField } from "@/lib/domain/stage-move";
import { journeyDateConflict, type JourneyDate, type KnownDates } from "@/lib/domain/journey-dates";
import { isFunded, type JourneyFacts, type MoveKind } from "@/lib/domain/stages";
import type { ImportIssue } from "@/lib/import/errors";
import type { ParsedFile } from "@/lib/import/parse";

// ---------------------------------------------------------------- lookups

export type Named = { id: number; code?: string; nameZh: string; nameEn: string | null; retired: boolean };
export type OwnerInfo = { id: number; unitId: number; disabled: boolean };
export type ExistingProject = {
  id: number;
  externalId: string;
  version: number;
  stage: Stage;
  title: string;
  companyId: number;
  sectorId: number | null;
  chainId: number | null;
  unitId: number;
  plannedInvestmentCny: string | null;
  foreignInvestmentUsd: string | null;
  sourceId: number | null;
  eventId: number | null;
  anchorProjectId: number | null;
  ownerId: number;
  firstContactOn: string;
};

export type ExistingJourney = { facts: JourneyFacts; firstSignedOn: string | null; stageReason: string | null; stageEnteredAt: Date };

export type Lookups = {
  units: Named[];
  refs: Record<ReferenceKind, Named[]>;
  events: Named[];
  /** By lower-case email. */
  owners: Map<string, OwnerInfo>;
  /** By external id: the projects of the file that exist already. */
  existing: Map<string, ExistingProject>;
  /** External ids referenced as anchors that exist in the database → their ids. */
  anchorsInDb: Map<string, number>;
  /** By external id: what the existing projects already have that later stages need (lib/data/stage.ts journeyFactsSql). */
  journeys: Map<string, ExistingJourney>;
  today: string;
};

/** code / zh / en (case-insensitive) → the item; codes win over names. */
class NameIndex {
  private map = new Map<string, Named[]>();
  constructor(items: Named[]) {
    const add = (key: string | null | undefined, item: Named) => {
      if (!key) return;
      const k = key.trim().toLowerCase();
      const list = this.map.get(k) ?? [];
      if (!list.includes(item)) list.push(item);
      this.map.set(k, list);
    };
    for (const i of items) add(i.code, i);
    for (const i of items) {
      if (!i.code || !this.map.has(i.nameZh.trim().toLowerCase())) add(i.nameZh, i);
      if (i.nameEn && (!i.code || !this.map.has(i.nameEn.trim().toLowerCase()))) add(i.nameEn, i);
    }
  }
  find(text: string): Named[] {
    return this.map.get(text.trim().toLowerCase()) ?? [];
  }
}

const COUNTRY_INDEX = new Map<string, string>();
for (const c of COUNTRIES) {
  COUNTRY_INDEX.set(c.code.toLowerCase(), c.code);
  COUNTRY_INDEX.set(c.zh.toLowerCase(), c.code);
  COUNTRY_INDEX.set(c.en.toLowerCase(), c.code);
}

// ---------------------------------------------------------------- shapes

const zDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2100;
  }, "date");
const zText = (max: number) => z.string().trim().min(1).max(max);
const opt = <T extends z.ZodType>(s: T) => s.optional();

/** One row's cells, as text, to typed values. */
export const ZImportRow = z.object({
  external_id: zText(100),
  project_title: zText(200),
  investor_name: zText(200),
  investor_country: opt(zText(100)),
  investor_credit_code: zCreditCode,
  sector: opt(zText(100)),
  industry_chain: opt(zText(100)),
  unit: zText(100),
  stage: zText(50),
  planned_investment_cny: opt(zAmount),
  foreign_investment_usd: opt(zAmount),
  first_contact_date: zDay,
  signed_date: opt(zDay),
  contract_investment_cny: opt(zAmount),
  contract_kind: opt(zText(100)),
  construction_start_date: opt(zDay),
  owner_email: zText(254),
  source: opt(zText(100)),
  event_name: opt(zText(200)),
  anchor_external_id: opt(zText(100)),
  land_handover_due: opt(zDay),
  construction_start_due: opt(zDay),
  production_due: opt(zDay),
  full_production_due: opt(zDay),
  statistics_due: opt(zDay),
  investment_total_promised_cny: opt(zAmount),
  investment_total_due: opt(zDay),
  fixed_asset_promised_cny: opt(zAmount),
  foreign_investment_promised_usd: opt(zAmount),
  land_promised_mu: opt(zAmount),
  jobs_promised: opt(zAmount),
  annual_output_promised_cny: opt(zAmount),
  annual_tax_promised_cny: opt(zAmount),
});
type RowInput = z.output<typeof ZImportRow>;

const ZOD_KEYS = new Set(["date", "amount", "amountAmbiguous", "amountPrecision", "amountTooLarge", "creditCodeLength", "creditCodeCharacters", "creditCodeCheck"]);

function zodIssueKey(issue: z.core.$ZodIssue): { key: string; params?: Record<string, string | number> } {
  if (ZOD_KEYS.has(issue.message)) return { key: issue.message };
  if (issue.code === "invalid_type") return { key: "required" };
  if (issue.code === "too_small") return { key: "required" };
  if (issue.code === "too_big") return { key: "tooLong", params: { max: Number(issue.maximum) } };
  return { key: "invalid" };
}

// ---------------------------------------------------------------- result

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A row ready to write: ids resolved, amounts as decimal strings, dates YYYY-MM-DD. */
export type GoodRow = {
  row: number;
  externalId: string;
  title: string;
  investorName: string;
  /** The investor's credit code, cleaned (lib/domain/credit-code.ts), when the file gives one. */
  creditCode: string | null;
  countryCode: string;
  sectorId: number | null;
  chainId: number | null;
  unitId: number;
  stage: Stage;
  plannedInvestmentCny: string | null;
  foreignInvestmentUsd: string | null;
  firstContactOn: string;
  signedOn: string | null;
  contractInvestmentCny: string | null;
  agreementKindId: number | null;
  startOn: string | null;
  ownerId: number;
  sourceId: number | null;
  eventId: number | null;
  anchorExternalId: string | null;
  /** The moves to the row's stage, with what each records (moveNotes). */
  moves: ImportMove[];
  /** A move records the row's contract / construction start. */
  recordsContract: boolean;
  recordsStart: boolean;
  /** The promises of the commitment columns, one per kind (a figure may carry its due date). */
  commitments: ImportCommitment[];
};

export type ImportCommitment = { kind: CommitmentKind; value: string | null; dueOn: string | null };

export type ImportMove = { from: Stage; to: Stage; kind: MoveKind; changeReason: string | null; stageReason: string | null };

const CONTRACT_COLUMNS: ColumnKey[] = ["signed_date", "contract_investment_cny", "contract_kind"];

/**
 * Validates every row against the lookups. Returns the rows ready to write,
 * or every issue found (row, column as the file names it, message key).
 */
export function validateRows(file: ParsedFile, lookups: Lookups): { ok: true; rows: GoodRow[] } | { ok: false; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const colName = (key: ColumnKey) => file.headerNames[key] ?? key;
  const indexes = {
    unit: new NameIndex(lookups.units),
    sector: new NameIndex(lookups.refs.SECTOR),
    chain: new NameIndex(lookups.refs.INDUSTRY_CHAIN),
    source: new NameIndex(lookups.refs.SOURCE),
    kind: new NameIndex(lookups.refs.AGREEMENT_KIND),
    event: new NameIndex(lookups.events),
  };
  const fileIds = new Map<string, number>();
  for (const r of file.rows) {
    const id = r.cells.external_id?.trim();
    if (id && !fileIds.has(id)) fileIds.set(id, r.row);
  }

  const good: GoodRow[] = [];
  for (const raw of file.rows) {
    const rowErrors: ImportIssue[] = [];
    const add = (column: ColumnKey | null, key: string, params?: ImportIssue["params"]) =>
      rowErrors.push({ row: raw.row, column: column ? colName(column) : null, key, params });

    const parsed = ZImportRow.safeParse(raw.cells);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "") as ColumnKey;
        if (seen.has(column)) continue;
        seen.add(column);
        const { key, params } = zodIssueKey(issue);
        add(column || null, key, params);
      }
    }
    // Lookups and rules run on whatever parsed, so one pass reports every column.
    const cells = raw.cells;
    const data: Partial<RowInput> = parsed.success ? parsed.data : {};
    const ok = (col: ColumnKey) => !rowErrors.some((e) => e.column === colName(col));
    /** A date that breaks the journey's order: the row error names the date it conflicts with (import.errors.before… / after…). */
    const dateOrder = (column: ColumnKey, kind: JourneyDate, date: string, known: KnownDates) => {
      const c = journeyDateConflict(kind, date, known);
      if (c) add(column, "before" in c ? `before${capital(c.before)}` : `after${capital(c.after)}`, { date: c.date });
    };

    // Duplicates within the file.
    const externalId = cells.external_id?.trim();
    if (externalId && fileIds.get(externalId) !== raw.row) add("external_id", "duplicateId", { row: fileIds.get(externalId)! });
    const existing = externalId ? lookups.existing.get(externalId) : undefined;

    const pick = (col: ColumnKey, index: NameIndex, keep: number | null | undefined): number | null => {
      const text = cells[col]?.trim();
      if (!text || !ok(col)) return null;
      const found = index.find(text);
      if (found.length === 0) {
        add(col, "notFound", { value: text });
        return null;
      }
      if (found.length > 1) {
        add(col, "ambiguous", { value: text });
        return null;
      }
      if (found[0].retired && found[0].id !== keep) {
        add(col, "retired", { value: text });
        return null;
      }
      return found[0].id;
    };

    const unitId = pick("unit", indexes.unit, existing?.unitId);
    const sectorId = pick("sector", indexes.sector, existing?.sectorId);
    const chainId = pick("industry_chain", indexes.chain, existing?.chainId);
    const sourceId = pick("source", indexes.source, existing?.sourceId);
    const eventId = pick("event_name", indexes.event, existing?.eventId);
    const agreementKindId = pick("contract_kind", indexes.kind, null);

    let countryCode = "CN";
    if (cells.investor_country && ok("investor_country")) {
      const code = COUNTRY_INDEX.get(cells.investor_country.trim().toLowerCase());
      if (!code) add("investor_country", "country", { value: cells.investor_country });
      else countryCode = code;
    }

    let stage: Stage | null = null;
    if (cells.stage && ok("stage")) {
      stage = stageFromCell(cells.stage);
      if (!stage) add("stage", "stage", { value: cells.stage });
    }

    let ownerId: number | null = null;
    if (cells.owner_email && ok("owner_email")) {
      const owner = lookups.owners.get(cells.owner_email.trim().toLowerCase());
      if (!owner) add("owner_email", "ownerNotFound", { value: cells.owner_email });
      else if (owner.disabled) add("owner_email", "ownerDisabled", { value: cells.owner_email });
      else if (unitId !== null && owner.unitId !== unitId) add("owner_email", "ownerOtherUnit", { value: cells.owner_email });
      else ownerId = owner.id;
    }

    const anchor = data.anchor_external_id ?? null;
    if (anchor) {
      if (anchor === externalId) add("anchor_external_id", "anchorSelf");
      else if (!fileIds.has(anchor) && !lookups.anchorsInDb.has(anchor)) add("anchor_external_id", "anchorNotFound", { value: anchor });
    }

    // The journey: the moves the app would make, each given what the row has.
    const first = ok("first_contact_date") ? data.first_contact_date : undefined;
    const signed = ok("signed_date") ? data.signed_date : undefined;
    const start = ok("construction_start_date") ? data.construction_start_date : undefined;
    const stageName = stage ? stageCode(stage) : "";
    let moves: ImportMove[] = [];
    let recordsContract = false;
    let recordsStart = false;
    if (stage) {
      const journey = existing ? lookups.journeys.get(existing.externalId) : undefined;
      const facts = journey?.facts ?? NEW_PROJECT_FACTS;
      const contractGiven = CONTRACT_COLUMNS.filter((c) => cells[c]?.trim());
      const startGiven = !!cells.construction_start_date?.trim();
      const route = importRoute(existing?.stage ?? "FIRST_CONTACT", stage, facts, { contract: contractGiven.length > 0, start: startGiven });
      if (!route.ok) add("stage", "invalid");
      else {
        const rowCells = {
          signedOn: cells.signed_date?.trim(),
          contractedInvestmentCny: cells.contract_investment_cny?.trim(),
          agreementKind: cells.contract_kind?.trim(),
          startedOn: cells.construction_start_date?.trim(),
        };
        const checked = (m: RouteMove) => {
          const moveCells = moveData(m, rowCells);
          for (const field of Object.keys(missingForMove(m.plan.needs, moveCells)) as MoveField[]) {
            const column = COLUMN_OF_FIELD[field];
            if (column) add(column, "requiredForStage", { stage: stageName });
          }
          const signing = signingDateForStart(m.plan.needs, { ...moveCells, signedOn: signed }, journey?.firstSignedOn ?? null);
          if (signing && start) dateOrder("construction_start_date", "start", start, { firstContact: first, signed: signing });
          return { from: m.from, to: m.to, kind: m.plan.kind, ...moveNotes(m.plan.needs, moveCells) };
        };
        moves = route.moves.map(checked);
        recordsContract = route.moves.some((m) => m.plan.needs.contract);
        recordsStart = route.moves.some((m) => m.plan.needs.start);
        // Data no move records: refused, unless the project has it already (a re-import).
        if (contractGiven.length > 0 && !recordsContract) {
          if (!facts.hasContract) add(contractGiven[0], "contractBeforeSigned", { stage: stageName });
          else if (contractGiven.length < CONTRACT_COLUMNS.length) for (const c of CONTRACT_COLUMNS) if (!cells[c]?.trim()) add(c, "contractIncomplete");
        }
        if (startGiven && !recordsStart && !facts.hasStart) add("construction_start_date", "startBeforeStage", { stage: stageName });
      }
    }
    for (const [col, d] of [["first_contact_date", first], ["signed_date", signed], ["construction_start_date", start]] as const) {
      if (d && d > lookups.today) add(col, "dateInFuture");
    }
    // The dates in order (lib/domain/journey-dates.ts, the app's rule): the row's signing after its first contact,
    // and a re-import's first contact not after the contract the project has.
    if (signed) dateOrder("signed_date", "signed", signed, { firstContact: first });
    if (first && existing) dateOrder("first_contact_date", "firstContact", first, { signed: lookups.journeys.get(existing.externalId)?.firstSignedOn });

    // The commitment columns: only on a project signed or later (as the project page takes them), and a figure's
    // due date only with its promised value (recordCommitment's rules).
    const commitmentGiven = COMMITMENT_COLUMN_KEYS.filter((c) => cells[c]?.trim());
    if (commitmentGiven.length > 0 && stage && !isFunded(stage)) add(commitmentGiven[0], "commitmentBeforeSigned", { stage: stageName });
    const commitments: ImportCommitment[] = [];
    for (const column of commitmentGiven) {
      const { kind, field } = COMMITMENT_COLUMNS[column];
      const text = cells[column]!.trim();
      let promise = commitments.find((c) => c.kind === kind);
      if (!promise) commitments.push((promise = { kind, value: null, dueOn: null }));
      if (field === "value") promise.value = data[column] ?? text;
      else promise.dueOn = data[column] ?? text;
    }
    for (const p of commitments) {
      // A figure (a kind with a value column) promised by a date needs the value.
      const valueColumn = COMMITMENT_COLUMN_KEYS.find((c) => COMMITMENT_COLUMNS[c].kind === p.kind && COMMITMENT_COLUMNS[c].field === "value");
      if (valueColumn && p.value === null) add(valueColumn, "promiseValueMissing");
    }

    if (rowErrors.length > 0 || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    const d = parsed.data;
    good.push({
      row: raw.row,
      externalId: d.external_id,
      title: d.project_title,
      investorName: d.investor_name,
      creditCode: d.investor_credit_code ?? null,
      countryCode,
      sectorId,
      chainId,
      unitId: unitId!,
      stage: stage!,
      plannedInvestmentCny: d.planned_investment_cny ?? null,
      foreignInvestmentUsd: d.foreign_investment_usd ?? null,
      firstContactOn: d.first_contact_date,
      signedOn: d.signed_date ?? null,
      contractInvestmentCny: d.contract_investment_cny ?? null,
      agreementKindId,
      startOn: d.construction_start_date ?? null,
      ownerId: ownerId!,
      sourceId,
      eventId,
      anchorExternalId: anchor,
      moves,
      recordsContract,
      recordsStart,
      commitments,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: good };
}
