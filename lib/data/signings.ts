import "server-only";
/**
 * Count once (lib/domain/signings.ts): a project's signings as its page shows
 * them, 不予认定 (set by managers and admins, audited), the installation's
 * automatic rules, and the report's reconciliation — signings recorded →
 * minus not recognised (by reason) → minus repeats → minus upgrades →
 * counted, which ends on the dashboard's "signed in the period".
 */
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ContractKind } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { classifySignings, projectExclusion, type CountingRules, type Exclusion, type SigningRole } from "@/lib/domain/signings";
import type { DashboardFilters } from "@/lib/validation/dashboard";
import type { AddContractInput, SetRecognitionInput } from "@/lib/validation/signings";
import { assertVersion, createOnce, formStrings, refuseStale, type Tx } from "@/lib/data/transactions";
import { listAgreementKinds, lockProject } from "@/lib/data/stage";
import { assertJourneyDate } from "@/lib/domain/journey-dates";
import { countingRulesOf } from "@/lib/data/settings";
import { exclusionSql, money, projectsInViewJoinSql, projectScope, reconciliationLineSql, signingFactsFrom, signingFactsWindowSql, signingRoleSql } from "@/lib/data/sql-rules";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** The automatic rules in force (no settings row: none). */
export async function getCountingRules(db: Pick<Db, "$queryRaw">): Promise<CountingRules> {
  const [row] = await db.$queryRaw<{ min: string | null; sectors: number[] | null }[]>`
    SELECT min_recognised_cny::text AS min, not_recognised_sector_ids AS sectors FROM installation_setting WHERE id = 1`;
  return countingRulesOf(row?.min, row?.sectors);
}

export type ProjectSigning = {
  id: number;
  kind: ContractKind;
  signedOn: Date;
  cny: string;
  usd: string | null;
  /** The promotion event it was signed at. */
  event: { id: number; nameZh: string; nameEn: string | null } | null;
  role: SigningRole;
  exclusion: Exclusion | null;
  counted: boolean;
};
export type ProjectRecognition = {
  version: number;
  /** Marked by a manager: the reason (a NOT_RECOGNISED_REASON item) and note. */
  manual: { reasonId: number; nameZh: string; nameEn: string; note: string | null } | null;
  /** An automatic rule that excludes the whole project (its sector), when not marked by hand. */
  automatic: Exclude<Exclusion, "MANUAL" | "THRESHOLD"> | null;
  signings: ProjectSigning[];
};

/** What the recognition view reads of a project: its version, sector, 不予认定 and contracts (with their events). */
export type RecognitionFacts = {
  version: number;
  sectorId: number | null;
  notRecognisedReasonId: number | null;
  notRecognisedNote: string | null;
  notRecognisedReason: { nameZh: string; nameEn: string } | null;
  contracts: { id: number; kind: ContractKind; signedOn: Date; cny: string; usd: string | null; event: ProjectSigning["event"] }[];
};

/** The project page's view: every contract with its role, and why it does not count. NotFoundError outside scope. */
export async function getProjectRecognition(db: Db | Tx, user: Actor, input: { projectId: number }): Promise<ProjectRecognition> {
  const project = await db.project.findFirst({
    where: { id: input.projectId, ...projectScope(user) },
    select: {
      version: true,
      sectorId: true,
      notRecognisedReasonId: true,
      notRecognisedNote: true,
      notRecognisedReason: { select: { nameZh: true, nameEn: true } },
      contracts: {
        select: { id: true, kind: true, signedOn: true, contractedInvestmentCny: true, contractedForeignUsd: true, event: { select: { id: true, nameZh: true, nameEn: true } } },
      },
    },
  });
  if (!project) throw new NotFoundError();
  const rules = await getCountingRules(db);
  const contracts = project.contracts.map((k) => ({
    id: k.id,
    kind: k.kind,
    signedOn: k.signedOn,
    cny: k.contractedInvestmentCny.toString(),
    usd: k.contractedForeignUsd?.toString() ?? null,
    event: k.event,
  }));
  return recognitionOf({ ...project, contracts }, rules);
}

/**
 * getProjectRecognition's reading of the project `p` as columns of a larger statement (the project page reads them
 * with the project): recognitionOfColumns turns them into RecognitionFacts. Amounts as text, read as Decimals print.
 */
export function recognitionColumnsSql(): Prisma.Sql {
  return Prisma.sql`p.not_recognised_reason_id AS recognition_reason_id, p.not_recognised_note AS recognition_note,
    (SELECT jsonb_build_object('nameZh', nr.name_zh, 'nameEn', nr.name_en) FROM reference_item nr WHERE nr.id = p.not_recognised_reason_id) AS recognition_reason,
    (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', k.id, 'kind', k.kind, 'signedOn', k.signed_on, 'cny', k.contracted_investment_cny::text,
              'usd', k.contracted_foreign_usd::text,
              'event', CASE WHEN ke.id IS NULL THEN NULL ELSE jsonb_build_object('id', ke.id, 'nameZh', ke.name_zh, 'nameEn', ke.name_en) END) ORDER BY k.id), '[]'::jsonb)
       FROM contract k LEFT JOIN promotion_event ke ON ke.id = k.event_id WHERE k.project_id = p.id) AS recognition_contracts`;
}
export type RecognitionColumns = {
  version: number;
  sector_id: number | null;
  recognition_reason_id: number | null;
  recognition_note: string | null;
  recognition_reason: { nameZh: string; nameEn: string } | null;
  recognition_contracts: { id: number; kind: ContractKind; signedOn: string; cny: string; usd: string | null; event: ProjectSigning["event"] }[];
};
export function recognitionOfColumns(r: RecognitionColumns): RecognitionFacts {
  const decimal = (v: string) => new Prisma.Decimal(v).toString();
  return {
    version: r.version,
    sectorId: r.sector_id,
    notRecognisedReasonId: r.recognition_reason_id,
    notRecognisedNote: r.recognition_note,
    notRecognisedReason: r.recognition_reason,
    contracts: r.recognition_contracts.map((k) => ({
      id: k.id,
      kind: k.kind,
      signedOn: new Date(`${k.signedOn}T00:00:00Z`),
      cny: decimal(k.cny),
      usd: k.usd === null ? null : decimal(k.usd),
      event: k.event,
    })),
  };
}

/** Every contract of a project with its role under the rules, and why it does not count. */
export function recognitionOf(project: RecognitionFacts, rules: CountingRules): ProjectRecognition {
  const { contracts } = project;
  const facts = { notRecognisedReasonId: project.notRecognisedReasonId, sectorId: project.sectorId };
  const byId = new Map(contracts.map((k) => [k.id, k]));
  const whole = projectExclusion(facts, rules);
  return {
    version: project.version,
    manual:
      project.notRecognisedReasonId !== null && project.notRecognisedReason
        ? { reasonId: project.notRecognisedReasonId, ...project.notRecognisedReason, note: project.notRecognisedNote }
        : null,
    automatic: whole === "SECTOR" ? "SECTOR" : null,
    signings: classifySignings(contracts, facts, rules).map((s) => ({ ...byId.get(s.id)!, ...s })),
  };
}

/** The NOT_RECOGNISED_REASON items a manager chooses from (current ones, in the list's order). */
export async function listNotRecognisedReasons(db: Pick<Db, "$queryRaw">): Promise<{ id: number; nameZh: string; nameEn: string }[]> {
  return db.$queryRaw`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM reference_item
     WHERE kind = 'NOT_RECOGNISED_REASON'::"ReferenceKind" AND retired_at IS NULL ORDER BY sort_order, id`;
}

/**
 * 不予认定: a manager or admin marks a project in scope not recognised with a
 * reason from the list (and a note), or recognises it again (no reason).
 * Versioned like every edit; audited as project.recognition.
 */
export async function setRecognition(db: Db, user: Actor, input: SetRecognitionInput): Promise<{ id: number; version: number }> {
  if (!may(user, "recogniseProjects")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const select = { id: true, version: true, notRecognisedReasonId: true, notRecognisedNote: true } as const;
    const current = await tx.project.findFirst({ where: { id: input.projectId, ...projectScope(user) }, select });
    if (!current) throw new NotFoundError();
    const edited = (r: typeof current) => ({
      entity: "project",
      id: r.id,
      version: r.version,
      values: formStrings({ reasonId: r.notRecognisedReasonId, note: r.notRecognisedNote }),
    });
    await assertVersion(tx, edited(current), input.version);
    if (input.reasonId !== undefined) {
      const reason = await tx.referenceItem.findFirst({ where: { id: input.reasonId, kind: "NOT_RECOGNISED_REASON", retiredAt: null }, select: { id: true } });
      if (!reason) throw new RuleError("invalid", { reasonId: "choose" });
    }
    const data = { notRecognisedReasonId: input.reasonId ?? null, notRecognisedNote: input.reasonId === undefined ? null : (input.note ?? null) };
    const { count } = await tx.project.updateMany({ where: { id: current.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await refuseStale(tx, await tx.project.findUnique({ where: { id: current.id }, select }).then((r) => r && edited(r)), input.version);
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.recognition",
      entity: "project",
      entityId: current.id,
      before: { notRecognisedReasonId: current.notRecognisedReasonId, notRecognisedNote: current.notRecognisedNote },
      after: data,
    });
    return { id: current.id, version: input.version + 1 };
  });
}

/* ---------- A further contract on a signed project ---------- */

export type ContractFormOptions = {
  agreementKinds: { id: number; nameZh: string; nameEn: string }[];
  events: { id: number; nameZh: string; nameEn: string | null }[];
};

/** What the further-contract form chooses from: current agreement kinds, and the promotion events (latest first). */
export async function contractFormOptions(db: Db, user: Actor): Promise<ContractFormOptions> {
  const [agreementKinds, events] = await Promise.all([
    listAgreementKinds(db, user),
    db.$queryRaw<ContractFormOptions["events"]>`SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM promotion_event ORDER BY starts_on DESC, id DESC LIMIT 200`,
  ]);
  return { agreementKinds, events };
}

export type AddContractResult = { id: number; version: number; contractId: number; role: SigningRole; counted: boolean };

/**
 * Records a further contract on a project already signed (it has a contract):
 * an upgrade (升格), a capital increase (增资), or another signing, which the
 * rule counts as a repeat. How it counts is the rule's (classifySignings), given
 * back so the form can say it. In the project's scope; the project's version
 * must be current (a contract changes what the project counts) and moves on;
 * the same requestId twice records one contract; audited as contract.create.
 */
export async function addContract(db: Db, user: Actor, input: AddContractInput): Promise<AddContractResult> {
  if (!may(user, "moveStages")) throw new ForbiddenError();
  const classified = async (tx: Tx, projectId: number, contractId: number) => {
    const r = await getProjectRecognition(tx, user, { projectId });
    const s = r.signings.find((x) => x.id === contractId)!;
    return { id: projectId, version: r.version, contractId, role: s.role, counted: s.counted };
  };
  const findExisting = async (tx: Tx) => {
    const k = await tx.contract.findFirst({ where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } }, select: { id: true } });
    return k ? classified(tx, input.projectId, k.id) : null;
  };
  return createOnce(db, findExisting, async (tx) => {
    const project = await lockProject(tx, user, input.projectId);
    // A double submit that waited for the lock finds the first one's contract.
    const again = await findExisting(tx);
    if (again) return again;
    await assertVersion(tx, { entity: "project", id: project.id, version: project.version, values: formStrings({ stage: project.stage }) }, input.version);
    if (!(await tx.contract.findFirst({ where: { projectId: project.id }, select: { id: true } }))) throw new RuleError("signings.add.notSigned");
    const [agreementKind, event] = await Promise.all([
      tx.referenceItem.findFirst({ where: { id: input.agreementKindId, kind: "AGREEMENT_KIND", retiredAt: null }, select: { id: true } }),
      input.eventId === undefined ? null : tx.promotionEvent.findUnique({ where: { id: input.eventId }, select: { id: true } }),
    ]);
    if (!agreementKind) throw new RuleError("invalid", { agreementKindId: "choose" });
    if (input.eventId !== undefined && !event) throw new RuleError("invalid", { eventId: "choose" });
    // No signing before the first contact (lib/domain/journey-dates.ts).
    const isoDate = (d: Date) => d.toISOString().slice(0, 10);
    assertJourneyDate("signedOn", "signed", isoDate(input.signedOn), { firstContact: isoDate(project.firstContactOn) });

    const contract = await tx.contract.create({
      data: {
        projectId: project.id,
        signedOn: input.signedOn,
        kind: input.kind,
        contractedInvestmentCny: input.contractedInvestmentCny,
        contractedForeignUsd: input.contractedForeignUsd ?? null,
        agreementKindId: input.agreementKindId,
        eventId: input.eventId ?? null,
        note: input.note ?? null,
        createdById: user.id,
        requestId: input.requestId,
      },
      select: { id: true, signedOn: true, kind: true, contractedInvestmentCny: true, contractedForeignUsd: true, agreementKindId: true, eventId: true, note: true },
    });
    await tx.project.update({ where: { id: project.id }, data: { version: { increment: 1 } }, select: { id: true } });
    const result = await classified(tx, project.id, contract.id);
    await writeAudit(tx, {
      actorId: user.id,
      action: "contract.create",
      entity: "contract",
      entityId: contract.id,
      before: null,
      after: { projectId: project.id, ...contract, role: result.role, counted: result.counted },
    });
    return result;
  });
}

/* ---------- The report's reconciliation ---------- */

export type ReconciliationAmounts = {
  /** Signings (contracts) on the line. */
  signings: number;
  /** Distinct projects with such a signing (what the line's link lists). */
  projects: number;
  cny: string;
  usd: string;
};
/** A reason a signing is not recognised: a list item's id, or the automatic "sector" / "threshold" (the list filter's excludedBy). */
export type ReasonLine = ReconciliationAmounts & { excludedBy: string; nameZh: string | null; nameEn: string | null };
export type Reconciliation = {
  recorded: ReconciliationAmounts;
  notRecognised: ReconciliationAmounts & { byReason: ReasonLine[] };
  repeats: ReconciliationAmounts;
  upgrades: ReconciliationAmounts;
  /** Equals the dashboard's signed value in the period (signedTotals): projects counted once, and their amounts. */
  counted: ReconciliationAmounts;
};

const NONE: ReconciliationAmounts = { signings: 0, projects: 0, cny: "0", usd: "0" };

/**
 * One statement: every contract signed in the period on the filters' projects,
 * each on its line (reconciliationLineSql), summed per line and reason, per
 * line and in all (GROUPING SETS: distinct projects cannot be added up).
 */
export async function getReconciliation(db: Db, actor: Actor, filters: DashboardFilters): Promise<Reconciliation> {
  const { from, to } = filters.period;
  const rows = await db.$queryRaw<
    { line: string | null; why: string | null; reason_id: number | null; g_reason: number; signings: number; projects: number; cny: string | null; usd: string | null; name_zh: string | null; name_en: string | null }[]
  >`
    SELECT g.*, ri.name_zh, ri.name_en FROM (
      SELECT x.line, x.why, x.reason_id, GROUPING(x.why, x.reason_id) AS g_reason, COUNT(*)::int AS signings, COUNT(DISTINCT x.project_id)::int AS projects,
             SUM(x.cny)::text AS cny, SUM(x.usd)::text AS usd
        FROM (SELECT k.project_id, k.contracted_investment_cny AS cny, k.contracted_foreign_usd AS usd, w.why,
                     CASE WHEN w.why = 'MANUAL' THEN p.not_recognised_reason_id END AS reason_id,
                     ${reconciliationLineSql("k", "p", { role: Prisma.sql`r.role`, why: Prisma.sql`w.why` })} AS line
                -- Every contract of the projects signing in the period (the filters' projects), with what its role reads
                -- about the project's other contracts as window columns: one pass, not three lookups per contract.
                FROM (SELECT k.*, ${signingFactsWindowSql("k")} FROM contract k
                       WHERE k.project_id IN (SELECT k2.project_id FROM contract k2 ${projectsInViewJoinSql(actor, filters, Prisma.sql`k2.project_id`)}
                                               WHERE k2.signed_on >= ${from}::date AND k2.signed_on < ${to}::date)) k
                JOIN project p ON p.id = k.project_id
                -- Each rule once per contract: its role, then what excludes it (which reads the role).
                CROSS JOIN LATERAL (SELECT ${signingRoleSql("k", signingFactsFrom("k"))} AS role) r
                CROSS JOIN LATERAL (SELECT ${exclusionSql("k", "p", Prisma.sql`r.role`)} AS why) w
               WHERE k.signed_on >= ${from}::date AND k.signed_on < ${to}::date) x
       GROUP BY GROUPING SETS ((x.line, x.why, x.reason_id), (x.line), ())) g
      LEFT JOIN reference_item ri ON ri.id = g.reason_id`;
  const amounts = (r: (typeof rows)[number] | undefined): ReconciliationAmounts =>
    r ? { signings: r.signings, projects: r.projects, cny: money(r.cny), usd: money(r.usd) } : NONE;
  const total = rows.find((r) => r.line === null);
  const line = (name: string) => amounts(rows.find((r) => r.line === name && r.g_reason === 3));
  const byReason = rows
    .filter((r) => r.line === "NOT_RECOGNISED" && r.g_reason === 0)
    .map((r) => ({
      ...amounts(r),
      excludedBy: r.why === "MANUAL" ? String(r.reason_id) : r.why === "SECTOR" ? "sector" : "threshold",
      nameZh: r.name_zh,
      nameEn: r.name_en,
    }))
    .sort((a, b) => Number(b.cny) - Number(a.cny) || b.signings - a.signings || a.excludedBy.localeCompare(b.excludedBy));
  return {
    recorded: amounts(total),
    notRecognised: { ...line("NOT_RECOGNISED"), byReason },
    repeats: line("REPEAT"),
    upgrades: line("UPGRADE"),
    counted: line("COUNTED"),
  };
}
