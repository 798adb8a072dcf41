import "server-only";
/**
 * The stage journey of a project: moves with their rules (lib/validation/stage.ts
 * `planMove`), each one a StageChange row plus, where the stage needs it, a
 * Contract or ConstructionStart — in one transaction with the version check and
 * the audit rows. Also what the journey forms need to render.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope, projectScopeSql } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { assertVersion, createOnce, formStrings, type Tx } from "@/lib/data/transactions";
import { lackingMessageKey, missingForMove, moveAuditEntry, moveNotes, signingDateForStart, type MoveData } from "@/lib/domain/stage-move";
import type { AgreementKindOption, TransitionStageInput } from "@/lib/validation/stage";
import { FORWARD_STAGES, planMove, type JourneyFacts } from "@/lib/domain/stages";
import { assertJourneyDate } from "@/lib/domain/journey-dates";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;
type Reader = Db | Tx;

export type TransitionResult = { id: number; stage: Stage; version: number; stageChangeId: number; contractId: number | null; constructionStartId: number | null };

/** Locks the project row for the rest of the transaction (moves and rounds on one project queue up). */
export async function lockProject(tx: Tx, user: Actor, projectId: number) {
  await tx.$queryRaw`SELECT id FROM project WHERE id = ${projectId} FOR UPDATE`;
  const project = await tx.project.findFirst({
    where: { id: projectId, ...projectScope(user) },
    select: { id: true, stage: true, version: true, stageReason: true, stageEnteredAt: true, nextFollowUpOn: true, lastRoundOn: true, roundCount: true, firstContactOn: true },
  });
  if (!project) throw new NotFoundError();
  return project;
}

/**
 * What the project `p` already has that later stages need, as columns:
 * first_signed_on (its first contract), has_start, revive_to (the last
 * forward stage it was on, for a revive after a pause). One definition for the
 * move's check (journeyFacts) and the journey panel (getJourneyState).
 */
export function journeyFactsSql(): Prisma.Sql {
  return Prisma.sql`
    (SELECT k.signed_on FROM contract k WHERE k.project_id = p.id ORDER BY k.signed_on, k.id LIMIT 1) AS first_signed_on,
    EXISTS (SELECT 1 FROM construction_start s WHERE s.project_id = p.id) AS has_start,
    (SELECT c.to_stage::text FROM stage_change c
      WHERE c.project_id = p.id AND c.to_stage = ANY(${[...FORWARD_STAGES]}::"Stage"[])
      ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) AS revive_to`;
}
export type FactsRow = { first_signed_on: Date | null; has_start: boolean; revive_to: Stage | null };
const factsOf = (r: FactsRow): JourneyFacts & { firstSignedOn: Date | null } => ({
  hasContract: r.first_signed_on !== null,
  hasStart: r.has_start,
  reviveTo: r.revive_to,
  firstSignedOn: r.first_signed_on,
});

/** What the project already has that later stages need: contract, construction start, the stage before a pause. */
export async function journeyFacts(db: Reader, projectId: number): Promise<JourneyFacts & { firstSignedOn: Date | null }> {
  const [row] = await db.$queryRaw<FactsRow[]>`SELECT ${journeyFactsSql()} FROM project p WHERE p.id = ${projectId}`;
  return factsOf(row);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Moves a project to `toStage`. Refuses (RuleError, nothing written) a move
 * without what it needs; a stale `version` is a ConflictError with the project
 * as it is now; the same `requestId` twice moves it once.
 */
export async function transitionStage(db: Db, user: Actor, input: TransitionStageInput): Promise<TransitionResult> {
  const findExisting = async (tx: Tx): Promise<TransitionResult | null> => {
    const change = await tx.stageChange.findFirst({
      where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } },
      select: { id: true, toStage: true, project: { select: { version: true } } },
    });
    if (!change) return null;
    const [contract, start] = await Promise.all([
      tx.contract.findFirst({ where: { requestId: input.requestId }, select: { id: true } }),
      tx.constructionStart.findFirst({ where: { requestId: input.requestId }, select: { id: true } }),
    ]);
    return { id: input.projectId, stage: change.toStage, version: change.project.version, stageChangeId: change.id, contractId: contract?.id ?? null, constructionStartId: start?.id ?? null };
  };

  return createOnce(db, findExisting, async (tx) => {
    const project = await lockProject(tx, user, input.projectId);
    // A double submit that waited for the lock finds the first one's move.
    const again = await findExisting(tx);
    if (again) return again;
    await assertVersion(tx, { entity: "project", id: project.id, version: project.version, values: formStrings({ stage: project.stage }) }, input.version);

    const facts = await journeyFacts(tx, project.id);
    const plan = planMove(project.stage, input.toStage, facts);
    if (!plan.ok) throw new RuleError(`journey.rules.${plan.refusal}`, { toStage: `journey.rules.${plan.refusal}` });

    // What the move needs, field by field (lib/domain/stage-move.ts, shared with the importer).
    const data: MoveData = {
      reason: input.reason,
      visitOn: input.visitOn && isoDate(input.visitOn),
      intentNote: input.intentNote,
      signedOn: input.signedOn && isoDate(input.signedOn),
      contractedInvestmentCny: input.contractedInvestmentCny,
      agreementKindId: input.agreementKindId,
      startedOn: input.startedOn && isoDate(input.startedOn),
    };
    const missing = missingForMove(plan.needs, data);
    if (Object.keys(missing).length > 0) throw new RuleError(lackingMessageKey(plan, missing), missing);

    // The data the move brings must agree with what the project has.
    if (plan.needs.contract) {
      const kind = await tx.referenceItem.findFirst({ where: { id: input.agreementKindId, kind: "AGREEMENT_KIND", retiredAt: null }, select: { id: true } });
      if (!kind) throw new RuleError("invalid", { agreementKindId: "choose" });
    }
    const signedOn = signingDateForStart(plan.needs, data, facts.firstSignedOn && isoDate(facts.firstSignedOn));
    if (signedOn === null) throw new RuleError("journey.rules.constructionBeforeSigning", { startedOn: "journey.validation.startNeedsSigning" });
    // The dates in order: first contact ≤ signing ≤ start (lib/domain/journey-dates.ts).
    const firstContact = isoDate(project.firstContactOn);
    if (plan.needs.contract) assertJourneyDate("signedOn", "signed", data.signedOn!, { firstContact });
    if (plan.needs.start) assertJourneyDate("startedOn", "start", data.startedOn!, { firstContact, signed: signedOn });

    // The visit date and intent note have no columns of their own: they are the change's note.
    const { changeReason: reason, stageReason } = moveNotes(plan.needs, data);
    const now = new Date();
    const change = await tx.stageChange.create({
      data: { projectId: project.id, fromStage: project.stage, toStage: input.toStage, reason, changedById: user.id, changedAt: now, requestId: input.requestId },
      select: { id: true },
    });
    const updated = await tx.project.update({
      where: { id: project.id },
      data: {
        stage: input.toStage,
        stageEnteredAt: now,
        stageReason,
        version: { increment: 1 },
      },
      select: { stage: true, version: true, stageReason: true, stageEnteredAt: true },
    });
    await writeAudit(
      tx,
      moveAuditEntry({ actorId: user.id, projectId: project.id, before: project, after: updated, stageChangeId: change.id, changeReason: reason, kind: plan.kind }),
    );

    let contractId: number | null = null;
    if (plan.needs.contract) {
      const contract = await tx.contract.create({
        data: {
          projectId: project.id,
          signedOn: input.signedOn!,
          contractedInvestmentCny: input.contractedInvestmentCny!,
          contractedForeignUsd: input.contractedForeignUsd ?? null,
          agreementKindId: input.agreementKindId!,
          kind: input.contractKind ?? "FORMAL",
          note: input.contractNote ?? null,
          createdById: user.id,
          requestId: input.requestId,
        },
        select: { id: true, signedOn: true, contractedInvestmentCny: true, contractedForeignUsd: true, agreementKindId: true, kind: true, note: true },
      });
      contractId = contract.id;
      await writeAudit(tx, { actorId: user.id, action: "contract.create", entity: "contract", entityId: contract.id, before: null, after: { projectId: project.id, ...contract } });
    }
    let constructionStartId: number | null = null;
    if (plan.needs.start) {
      const start = await tx.constructionStart.create({
        data: { projectId: project.id, startedOn: input.startedOn!, note: input.startNote ?? null, createdById: user.id, requestId: input.requestId },
        select: { id: true, startedOn: true, note: true },
      });
      constructionStartId = start.id;
      await writeAudit(tx, { actorId: user.id, action: "construction_start.create", entity: "construction_start", entityId: start.id, before: null, after: { projectId: project.id, ...start } });
    }
    return { id: project.id, stage: updated.stage, version: updated.version, stageChangeId: change.id, contractId, constructionStartId };
  });
}

export type AgreementKind = AgreementKindOption;

/** The agreement kinds a new contract may have (retired ones stay on old contracts only). */
export async function listAgreementKinds(db: Reader, _user: Actor): Promise<AgreementKind[]> {
  // Plain SQL: read on every project page and board view, where Prisma's
  // per-call query compiling cost more than the statement (profiled).
  return db.$queryRaw<AgreementKind[]>`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM reference_item
     WHERE kind = 'AGREEMENT_KIND'::"ReferenceKind" AND retired_at IS NULL
     ORDER BY sort_order, id`;
}

export type JourneyState = {
  id: number;
  title: string;
  stage: Stage;
  version: number;
  stageEnteredAt: Date;
  stageReason: string | null;
  roundCount: number;
  nextRoundNumber: number;
  lastRoundOn: Date | null;
  nextFollowUpOn: Date | null;
  facts: JourneyFacts;
  firstSignedOn: Date | null;
  contract: { signedOn: Date; contractedInvestmentCny: string; agreementKindId: number } | null;
  start: { startedOn: Date } | null;
  funds: { currency: "CNY" | "USD"; total: string }[];
};

/**
 * getJourneyState's columns on the project `p`, beside the project's own (id, title, stage, version,
 * stage_entered_at, stage_reason, round_count, last_round_on, next_follow_up_on), with journeyStateJoinSql in
 * its FROM: one definition for the journey panel read alone and with the project page's project.
 */
export function journeyStateColumnsSql(): Prisma.Sql {
  return Prisma.sql`
           (SELECT MAX(r.number) FROM negotiation_round r WHERE r.project_id = p.id) AS max_round,
           jk.signed_on AS contract_signed_on, jk.contracted_investment_cny::text AS contract_cny, jk.agreement_kind_id AS contract_kind_id,
           (SELECT s.started_on FROM construction_start s WHERE s.project_id = p.id ORDER BY s.started_on, s.id LIMIT 1) AS started_on,
           (SELECT COALESCE(json_agg(json_build_object('currency', f.currency, 'total', f.total) ORDER BY f.currency), '[]'::json)
              FROM (SELECT currency::text AS currency, SUM(amount)::text AS total FROM funds_in_place WHERE project_id = p.id GROUP BY currency) f) AS funds,
           ${journeyFactsSql()}`;
}

/** The latest contract (the one the journey panel shows), as `jk`. */
export function journeyStateJoinSql(): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (SELECT * FROM contract k WHERE k.project_id = p.id ORDER BY k.signed_on DESC, k.id DESC LIMIT 1) jk ON TRUE`;
}

export type JourneyStateRow = FactsRow & {
  id: number;
  title: string;
  stage: Stage;
  version: number;
  stage_entered_at: Date;
  stage_reason: string | null;
  round_count: number;
  last_round_on: Date | null;
  next_follow_up_on: Date | null;
  max_round: number | null;
  contract_signed_on: Date | null;
  contract_cny: string | null;
  contract_kind_id: number | null;
  started_on: Date | null;
  funds: { currency: "CNY" | "USD"; total: string }[];
};

/**
 * What the journey forms of one project need, in one statement; NotFoundError
 * outside the user's scope.
 */
export async function getJourneyState(db: Db, user: Actor, input: { projectId: number }): Promise<JourneyState> {
  const [row] = await db.$queryRaw<JourneyStateRow[]>`
    SELECT p.id, p.title, p.stage::text AS stage, p.version, p.stage_entered_at, p.stage_reason, p.round_count, p.last_round_on, p.next_follow_up_on,
           ${journeyStateColumnsSql()}
      FROM project p
      ${journeyStateJoinSql()}
     WHERE p.id = ${input.projectId} AND ${projectScopeSql(user, "p")}`;
  if (!row) throw new NotFoundError();
  return journeyStateOf(row);
}

export function journeyStateOf(row: JourneyStateRow): JourneyState {
  const { firstSignedOn, ...facts } = factsOf(row);
  // Amounts as Prisma's Decimal prints them (no trailing zeros), like every other read.
  const decimal = (v: string) => new Prisma.Decimal(v).toString();
  return {
    id: row.id,
    title: row.title,
    stage: row.stage,
    version: row.version,
    stageEnteredAt: row.stage_entered_at,
    stageReason: row.stage_reason,
    roundCount: row.round_count,
    lastRoundOn: row.last_round_on,
    nextFollowUpOn: row.next_follow_up_on,
    nextRoundNumber: (row.max_round ?? 0) + 1,
    facts,
    firstSignedOn,
    contract:
      row.contract_signed_on && row.contract_cny !== null && row.contract_kind_id !== null
        ? { signedOn: row.contract_signed_on, contractedInvestmentCny: decimal(row.contract_cny), agreementKindId: row.contract_kind_id }
        : null,
    start: row.started_on ? { startedOn: row.started_on } : null,
    funds: row.funds.map((f) => ({ currency: f.currency, total: decimal(f.total) })),
  };
}
