/**
 * An import row's journey: the stage moves the app would make to bring the
 * project from where it is (FIRST_CONTACT for a new one) to the row's stage,
 * each planned by planMove with what the project already has — so the
 * importer refuses what the app refuses and asks for what the app asks for.
 *
 * Where the app needs two moves, so does the import: OPERATING only from
 * CONSTRUCTION (a row at "operating" goes through CONSTRUCTION, with its
 * start date), and a row on hold or lost that carries a contract or a start
 * first reaches the stage that records them. Pure: no database.
 */
import type { Stage } from "@/lib/generated/prisma/enums";
import { forwardIndex, isPaused, planMove, type JourneyFacts, type MoveRefusal } from "@/lib/domain/stages";
import type { MoveData, MoveField, PlannedMove } from "@/lib/domain/stage-move";
import type { ColumnKey } from "@/lib/import/columns";

/** The note an imported move carries where the app asks for a text (a reason, a stated intent): the file has no column for it. */
export const IMPORT_NOTE = "import";

export type RouteMove = { from: Stage; to: Stage; plan: PlannedMove };

/** What a new project has: nothing yet. */
export const NEW_PROJECT_FACTS: JourneyFacts = { hasContract: false, hasStart: false, reviveTo: null };

/**
 * The moves from `from` to `to`. `brings`: whether the row carries contract
 * data or a construction start (they decide where a paused row stops first).
 */
export function importRoute(
  from: Stage,
  to: Stage,
  facts: JourneyFacts,
  brings: { contract: boolean; start: boolean },
): { ok: true; moves: RouteMove[] } | { ok: false; refusal: MoveRefusal } {
  if (from === to) return { ok: true, moves: [] };
  const direct = planMove(from, to, facts);
  const reach: Stage | null = brings.start ? "CONSTRUCTION" : brings.contract ? "SIGNED" : null;
  let stops: Stage[] = [to];
  if (!direct.ok && direct.refusal === "operatingOnlyFromConstruction") stops = ["CONSTRUCTION", to];
  else if (isPaused(to) && reach && !isPaused(from) && forwardIndex(reach) > forwardIndex(from)) stops = [reach, to];

  const moves: RouteMove[] = [];
  let at = from;
  let f = facts;
  for (const stop of stops) {
    const plan = planMove(at, stop, f);
    if (!plan.ok) return { ok: false, refusal: plan.refusal };
    moves.push({ from: at, to: stop, plan });
    f = {
      hasContract: f.hasContract || plan.needs.contract,
      hasStart: f.hasStart || plan.needs.start,
      reviveTo: isPaused(stop) ? (isPaused(at) ? f.reviveTo : at) : stop,
    };
    at = stop;
  }
  return { ok: true, moves };
}

/** The cells of a row that are a move's data. */
export type RowMoveCells = { signedOn?: string; contractedInvestmentCny?: string; agreementKind?: string; startedOn?: string };

/** A move's data from the row: its contract and start cells, and IMPORT_NOTE for the texts the move needs. */
export function moveData(move: RouteMove, cells: RowMoveCells): MoveData {
  const { needs } = move.plan;
  return {
    reason: needs.reason ? IMPORT_NOTE : null,
    intentNote: needs.intent ? IMPORT_NOTE : null,
    signedOn: cells.signedOn || null,
    contractedInvestmentCny: cells.contractedInvestmentCny || null,
    agreementKindId: cells.agreementKind || null,
    startedOn: cells.startedOn || null,
  };
}

/** The file's column for each field a move can lack (texts never lack: IMPORT_NOTE). */
export const COLUMN_OF_FIELD: Record<MoveField, ColumnKey | null> = {
  reason: null,
  intentNote: null,
  signedOn: "signed_date",
  contractedInvestmentCny: "contract_investment_cny",
  agreementKindId: "contract_kind",
  startedOn: "construction_start_date",
};
