import "server-only";
/**
 * The stage journey of a project: moves with their rules (lib/validation/stage.ts
 * `planMove`), each one a StageChange row plus, where the stage needs it, a
 * Contract or ConstructionStart — in one transaction with the version check and
 * the audit rows. Also what the journey forms need to render.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope } from "@/lib/auth/scope";
import { writeAudit } from "@/lib/audit/write-audit";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Stage } from "@/lib/generated/prisma/enums";
import { createOnce, type Tx } from "@/lib/data/transactions";
import { FORWARD_STAGES, planMove, type AgreementKindOption, type JourneyFacts, type TransitionStageInput } from "@/lib/validation/stage";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;
type Reader = Db | Tx;

export type TransitionResult = { id: number; stage: Stage; version: number; stageChangeId: number; contractId: number | null; constructionStartId: number | null };

/** Locks the project row for the rest of the transaction (moves and rounds on one project queue up). */
export async function lockProject(tx: Tx, user: Actor, projectId: number) {
  await tx.$queryRaw`SELECT id FROM project WHERE id = ${projectId} FOR UPDATE`;
  const project = await tx.project.findFirst({
    where: { id: projectId, ...projectScope(user) },
    select: { id: true, stage: true, version: true, stageReason: true, stageEnteredAt: true, nextFollowUpOn: true, lastRoundOn: true, roundCount: true },
  });
  if (!project) throw new NotFoundError();
  return project;
}

/** What the project already has that later stages need: contract, construction start, the stage before a pause. */
export async function journeyFacts(db: Reader, projectId: number): Promise<JourneyFacts & { firstSignedOn: Date | null }> {
  const [contract, start, lastOnJourney] = await Promise.all([
    db.contract.findFirst({ where: { projectId }, orderBy: [{ signedOn: "asc" }, { id: "asc" }], select: { signedOn: true } }),
    db.constructionStart.findFirst({ where: { projectId }, select: { id: true } }),
    db.stageChange.findFirst({
      where: { projectId, toStage: { in: [...FORWARD_STAGES] } },
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
      select: { toStage: true },
    }),
  ]);
  return { hasContract: contract !== null, hasStart: start !== null, reviveTo: lastOnJourney?.toStage ?? null, firstSignedOn: contract?.signedOn ?? null };
}

function snapshot(p: { stage: Stage; version: number; stageReason: string | null; stageEnteredAt: Date }) {
  return { stage: p.stage, version: p.version, stageReason: p.stageReason, stageEnteredAt: p.stageEnteredAt };
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
    if (project.version !== input.version) throw new ConflictError(snapshot(project));

    const facts = await journeyFacts(tx, project.id);
    const plan = planMove(project.stage, input.toStage, facts);
    if (!plan.ok) throw new RuleError(`journey.rules.${plan.refusal}`, { toStage: `journey.rules.${plan.refusal}` });

    // What the move needs, field by field.
    const missing: Record<string, string> = {};
    if (plan.needs.reason && !input.reason) missing.reason = "journey.validation.reasonRequired";
    if (plan.needs.intent && !input.visitOn && !input.intentNote) missing.intentNote = "journey.validation.intentRequired";
    if (plan.needs.contract) {
      if (!input.signedOn) missing.signedOn = "required";
      if (!input.contractedInvestmentCny) missing.contractedInvestmentCny = "required";
      if (!input.agreementKindId) missing.agreementKindId = "required";
    }
    if (plan.needs.start && !input.startedOn) missing.startedOn = "required";
    if (Object.keys(missing).length > 0) {
      const messageKey = plan.needs.reason && missing.reason && Object.keys(missing).length === 1
        ? "journey.rules.reasonRequired"
        : plan.skips ? "journey.rules.skipNeedsData" : "journey.rules.stageNeedsData";
      throw new RuleError(messageKey, missing);
    }

    // The data the move brings must agree with what the project has.
    if (plan.needs.contract) {
      const kind = await tx.referenceItem.findFirst({ where: { id: input.agreementKindId, kind: "AGREEMENT_KIND", retiredAt: null }, select: { id: true } });
      if (!kind) throw new RuleError("invalid", { agreementKindId: "choose" });
    }
    const signedOn = plan.needs.contract ? input.signedOn! : facts.firstSignedOn;
    if (plan.needs.start) {
      if (!signedOn) throw new RuleError("journey.rules.constructionBeforeSigning", { startedOn: "journey.validation.startBeforeSigning" });
      if (input.startedOn! < signedOn) {
        throw new RuleError("journey.rules.constructionBeforeSigning", { startedOn: "journey.validation.startBeforeSigning" });
      }
    }

    // The visit date and intent note have no columns of their own: they are the change's note.
    const intent = plan.needs.intent ? [input.visitOn && isoDate(input.visitOn), input.intentNote] : [];
    const reason = [input.reason, ...intent].filter(Boolean).join(" · ").slice(0, 500) || null;
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
        stageReason: plan.needs.reason ? input.reason : null,
        version: { increment: 1 },
      },
      select: { stage: true, version: true, stageReason: true, stageEnteredAt: true },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.stage",
      entity: "project",
      entityId: project.id,
      before: snapshot(project),
      after: { ...snapshot(updated), stageChangeId: change.id, reason, kind: plan.kind },
    });

    let contractId: number | null = null;
    if (plan.needs.contract) {
      const contract = await tx.contract.create({
        data: {
          projectId: project.id,
          signedOn: input.signedOn!,
          contractedInvestmentCny: input.contractedInvestmentCny!,
          contractedForeignUsd: input.contractedForeignUsd ?? null,
          agreementKindId: input.agreementKindId!,
          note: input.contractNote ?? null,
          createdById: user.id,
          requestId: input.requestId,
        },
        select: { id: true, signedOn: true, contractedInvestmentCny: true, contractedForeignUsd: true, agreementKindId: true, note: true },
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
  return db.referenceItem.findMany({
    where: { kind: "AGREEMENT_KIND", retiredAt: null },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, nameZh: true, nameEn: true },
  });
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

/** What the journey forms of one project need; NotFoundError outside the user's scope. */
export async function getJourneyState(db: Db, user: Actor, input: { projectId: number }): Promise<JourneyState> {
  const project = await db.project.findFirst({
    where: { id: input.projectId, ...projectScope(user) },
    select: { id: true, title: true, stage: true, version: true, stageEnteredAt: true, stageReason: true, roundCount: true, lastRoundOn: true, nextFollowUpOn: true },
  });
  if (!project) throw new NotFoundError();
  const [facts, maxRound, contract, start, funds] = await Promise.all([
    journeyFacts(db, project.id),
    db.negotiationRound.aggregate({ where: { projectId: project.id }, _max: { number: true } }),
    db.contract.findFirst({ where: { projectId: project.id }, orderBy: [{ signedOn: "desc" }, { id: "desc" }], select: { signedOn: true, contractedInvestmentCny: true, agreementKindId: true } }),
    db.constructionStart.findFirst({ where: { projectId: project.id }, orderBy: [{ startedOn: "asc" }, { id: "asc" }], select: { startedOn: true } }),
    db.fundsInPlace.groupBy({ by: ["currency"], where: { projectId: project.id }, _sum: { amount: true }, orderBy: { currency: "asc" } }),
  ]);
  const { firstSignedOn, ...journey } = facts;
  return {
    ...project,
    nextRoundNumber: (maxRound._max.number ?? 0) + 1,
    facts: journey,
    firstSignedOn,
    contract: contract && { ...contract, contractedInvestmentCny: contract.contractedInvestmentCny.toString() },
    start,
    funds: funds.map((f) => ({ currency: f.currency, total: (f._sum.amount ?? 0).toString() })),
  };
}

