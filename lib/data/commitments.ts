import "server-only";
/**
 * A signed project's commitments (what the contract promised, amendments kept
 * as history), their actuals, and the milestone plan with its colours
 * (lib/domain/milestones.ts). Construction start and funds in place are read
 * from their own records, never recorded twice.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { CommitmentKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { milestoneWarnDaysSql, settingsColumnsSql, settingsOfColumns, type SettingsColumns } from "@/lib/data/settings";
import { projectScope, unreachedMilestoneSql } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { assertVersion, createOnce, type Tx } from "@/lib/data/transactions";
import { isFunded } from "@/lib/domain/stages";
import { DAY_MS, isoDay } from "@/lib/domain/period";
import {
  FIGURE_KINDS,
  FIGURE_KIND_LIST,
  MILESTONE_KINDS,
  MILESTONE_SETTINGS,
  colourRank,
  fundsBehindSchedule,
  isMilestoneKind,
  milestoneColour,
  perMu,
  reportedByYear,
  type FigureKind,
  type PerMu,
  type YearOfReports,
  type MilestoneColour,
  type MilestoneKind,
  type MilestoneSettings,
} from "@/lib/domain/milestones";
import type { RecordCommitmentActualInput, RecordCommitmentInput } from "@/lib/validation/commitments";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/** Actuals read from the journey's own records, not recorded here. */
const ACTUALS_ELSEWHERE: readonly CommitmentKind[] = ["CONSTRUCTION_START", "INVESTMENT_TOTAL", "FOREIGN_INVESTMENT"];

export type RecordCommitmentResult = { id: number; projectId: number };

const commitmentSnapshot = { id: true, projectId: true, contractId: true, kind: true, value: true, dueOn: true, replacedAt: true, replacedById: true, version: true } as const;

/** The signed project in the user's scope, with its latest contract; NotFound outside the scope, a rule error before the signing. */
async function signedProject(tx: Tx, user: Actor, projectId: number) {
  const project = await tx.project.findFirst({
    where: { id: projectId, ...projectScope(user) },
    select: { id: true, stage: true, contracts: { orderBy: [{ signedOn: "desc" }, { id: "desc" }], take: 1, select: { id: true } } },
  });
  if (!project) throw new NotFoundError();
  const [contract] = project.contracts;
  if (!isFunded(project.stage) || !contract) throw new RuleError("commitments.rules.notSigned");
  return { id: project.id, contractId: contract.id };
}

/** Records a promise, or (with replacesId + version) amends the one in force: a new row; the old keeps its promise and when it was replaced. */
export async function recordCommitment(db: Db, user: Actor, input: RecordCommitmentInput): Promise<RecordCommitmentResult> {
  const findExisting = (tx: Tx) =>
    tx.commitment.findFirst({ where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } }, select: { id: true, projectId: true } });

  return createOnce(db, findExisting, async (tx) => writeCommitment(tx, user.id, await signedProject(tx, user, input.projectId), input));
}

export type CommitmentWrite = Pick<RecordCommitmentInput, "kind" | "value" | "dueOn" | "replacesId" | "version"> & { requestId: string | null };

/**
 * The one way a promise is written, in the caller's transaction, on a signed
 * project (its latest contract): the form's recordCommitment and the importer
 * (lib/import/import-projects.ts) both come here. Checks what the kind needs,
 * refuses a second promise in force unless it amends that one (at its
 * version), creates the row and audits it; an amendment marks the old one replaced.
 */
export async function writeCommitment(tx: Tx, actorId: number, project: { id: number; contractId: number }, input: CommitmentWrite): Promise<RecordCommitmentResult> {
  if (isMilestoneKind(input.kind) ? !input.dueOn : !input.value) {
    throw new RuleError("commitments.rules.missing", isMilestoneKind(input.kind) ? { dueOn: "required" } : { value: "required" });
  }
  const current = await tx.commitment.findFirst({ where: { projectId: project.id, kind: input.kind, replacedAt: null }, select: commitmentSnapshot });
  if (current && current.id !== input.replacesId) throw new RuleError("commitments.rules.alreadyPromised");
  if (!current && input.replacesId) throw new NotFoundError();
  if (current) {
    await assertVersion(tx, { entity: "commitment", id: current.id, version: current.version, values: {} }, input.version ?? 0);
  }
  const created = await tx.commitment.create({
    data: {
      projectId: project.id,
      contractId: project.contractId,
      kind: input.kind,
      // A milestone is a deadline only.
      value: isMilestoneKind(input.kind) ? null : (input.value ?? null),
      dueOn: input.dueOn ?? null,
      createdById: actorId,
      requestId: input.requestId,
    },
    select: commitmentSnapshot,
  });
  await writeAudit(tx, { actorId, action: current ? "commitment.amend" : "commitment.create", entity: "commitment", entityId: created.id, before: null, after: created });
  if (current) {
    const replaced = await tx.commitment.update({
      where: { id: current.id, version: current.version },
      data: { replacedAt: new Date(), replacedById: created.id, version: { increment: 1 } },
      select: commitmentSnapshot,
    });
    await writeAudit(tx, { actorId, action: "commitment.replace", entity: "commitment", entityId: current.id, before: current, after: replaced });
  }
  return { id: created.id, projectId: created.projectId };
}

/** Records an actual: a milestone reached (date only) or a figure reported as of a date. */
export async function recordCommitmentActual(db: Db, user: Actor, input: RecordCommitmentActualInput): Promise<RecordCommitmentResult> {
  const findExisting = (tx: Tx) =>
    tx.commitmentActual.findFirst({ where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } }, select: { id: true, projectId: true } });

  return createOnce(db, findExisting, async (tx) => {
    const project = await signedProject(tx, user, input.projectId);
    if (ACTUALS_ELSEWHERE.includes(input.kind)) throw new RuleError("commitments.rules.recordedElsewhere");
    if (!isMilestoneKind(input.kind) && !input.value) throw new RuleError("commitments.rules.missing", { value: "required" });
    const actual = await tx.commitmentActual.create({
      data: {
        projectId: project.id,
        kind: input.kind,
        value: isMilestoneKind(input.kind) ? null : input.value,
        reportedOn: input.reportedOn,
        note: input.note ?? null,
        createdById: user.id,
        requestId: input.requestId,
      },
      select: { id: true, projectId: true, kind: true, value: true, reportedOn: true, note: true },
    });
    await writeAudit(tx, { actorId: user.id, action: "commitment_actual.create", entity: "commitment_actual", entityId: actual.id, before: null, after: actual });
    return { id: actual.id, projectId: actual.projectId };
  });
}

export type PromiseRow = { id: number; version: number; value: string | null; dueOn: string | null; madeAt: Date; madeBy: string; replacedAt: Date | null };

export type MilestoneRow = {
  kind: MilestoneKind;
  /** The promise in force, and the replaced ones (newest first). */
  current: PromiseRow | null;
  history: PromiseRow[];
  reachedOn: string | null;
  colour: MilestoneColour | null;
};

export type FigureRow = {
  kind: FigureKind;
  unit: (typeof FIGURE_KINDS)[FigureKind];
  current: PromiseRow | null;
  history: PromiseRow[];
  /** Funds in place (summed) for investment; the latest reported figure otherwise. */
  actual: string | null;
  actualOn: string | null;
  actualBy: string | null;
};

/** `years`: the reported figures per year (reportedByYear); `perMu`: 亩均产出 / 亩均税收 (perMu), null without land. */
export type CommitmentsView = { projectId: number; milestones: MilestoneRow[]; figures: FigureRow[]; years: YearOfReports[]; perMu: PerMu | null };

/** The project's plan and figures as of `today` (YYYY-MM-DD); null before the signing. NotFound outside the scope. */
export async function getCommitments(db: Db, user: Actor, projectId: number, today: string, settings: MilestoneSettings = MILESTONE_SETTINGS): Promise<CommitmentsView | null> {
  const project = await db.project.findFirst({
    where: { id: projectId, ...projectScope(user) },
    select: {
      id: true,
      stage: true,
      contracts: { orderBy: [{ signedOn: "asc" }, { id: "asc" }], take: 1, select: { signedOn: true } },
      starts: { orderBy: [{ startedOn: "asc" }, { id: "asc" }], take: 1, select: { startedOn: true } },
      funds: { select: { amount: true, currency: true } },
      commitments: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, kind: true, value: true, dueOn: true, version: true, createdAt: true, replacedAt: true, createdBy: { select: { name: true } } },
      },
      commitmentActuals: {
        orderBy: [{ reportedOn: "desc" }, { id: "desc" }],
        select: { kind: true, value: true, reportedOn: true, createdBy: { select: { name: true } } },
      },
    },
  });
  if (!project) throw new NotFoundError();
  const [contract] = project.contracts;
  if (!isFunded(project.stage) || !contract) return null;

  const promises = (kind: CommitmentKind) => {
    const rows = project.commitments
      .filter((c) => c.kind === kind)
      .map((c): PromiseRow => ({
        id: c.id,
        version: c.version,
        value: c.value?.toString() ?? null,
        dueOn: c.dueOn && isoDay(c.dueOn),
        madeAt: c.createdAt,
        madeBy: c.createdBy.name,
        replacedAt: c.replacedAt,
      }));
    return { current: rows.find((r) => !r.replacedAt) ?? null, history: rows.filter((r) => r.replacedAt) };
  };
  const actuals = (kind: CommitmentKind) => project.commitmentActuals.filter((a) => a.kind === kind);
  const fundsIn = (currency: "CNY" | "USD") =>
    project.funds.filter((f) => f.currency === currency).reduce((sum, f) => sum + Number(f.amount), 0);

  const figures: FigureRow[] = FIGURE_KIND_LIST.map((kind) => {
    const { current, history } = promises(kind);
    if (kind === "INVESTMENT_TOTAL" || kind === "FOREIGN_INVESTMENT") {
      const currency = kind === "INVESTMENT_TOTAL" ? "CNY" : "USD";
      const hasFunds = project.funds.some((f) => f.currency === currency);
      return { kind, unit: FIGURE_KINDS[kind], current, history, actual: hasFunds ? fundsIn(currency).toFixed(2) : null, actualOn: null, actualBy: null };
    }
    const [latest] = actuals(kind);
    return {
      kind,
      unit: FIGURE_KINDS[kind],
      current,
      history,
      actual: latest?.value?.toString() ?? null,
      actualOn: latest ? isoDay(latest.reportedOn) : null,
      actualBy: latest?.createdBy.name ?? null,
    };
  });

  // Funds behind the promised schedule: the investment promise, in place by its due date.
  const investment = promises("INVESTMENT_TOTAL").current;
  const fundsBehind = investment?.value
    ? fundsBehindSchedule({ promised: Number(investment.value), inPlace: fundsIn("CNY"), signedOn: isoDay(contract.signedOn), dueOn: investment.dueOn }, today)
    : null;

  let nextSeen = false;
  const milestones: MilestoneRow[] = MILESTONE_KINDS.map((kind) => {
    const { current, history } = promises(kind);
    const reached = kind === "CONSTRUCTION_START" ? project.starts[0]?.startedOn : actuals(kind).at(-1)?.reportedOn;
    const reachedOn = reached ? isoDay(reached) : null;
    // The funds rule weighs on the next promised milestone to reach only.
    const isNext = !!current && !reachedOn && !nextSeen && (nextSeen = true);
    const colour = current || reachedOn ? milestoneColour({ dueOn: current?.dueOn ?? null, reachedOn, fundsBehind: isNext ? fundsBehind : null }, today, settings) : null;
    return { kind, current, history, reachedOn, colour };
  });

  const years = reportedByYear(project.commitmentActuals.map((a) => ({ kind: a.kind, value: a.value?.toString() ?? null, reportedOn: isoDay(a.reportedOn) })));
  const promisedValue = (kind: FigureKind) => promises(kind).current?.value ?? null;
  const perMuView = perMu({ landMu: promisedValue("LAND"), promisedOutput: promisedValue("ANNUAL_OUTPUT"), promisedTax: promisedValue("ANNUAL_TAX") }, years);

  return { projectId: project.id, milestones, figures, years, perMu: perMuView };
}

export type MilestoneAlert = {
  projectId: number;
  number: string;
  title: string;
  companyNameZh: string;
  companyNameEn: string | null;
  ownerName: string;
  kind: MilestoneKind;
  dueOn: string;
  colour: Exclude<MilestoneColour, "GREEN">;
  /** Negative: overdue by that many days. */
  daysUntil: number;
};

/**
 * My work's red and yellow milestones on the projects in view, red first, then
 * by due date. The funds rule's yellow is shown on the project page only. The
 * settings row (the N days of the horizon and colours) is read in the same
 * statement.
 *
 * `scope` is the user's scope as SQL on the milestone aliased m
 * (projectScopeSql(user, "m")): commitment.unit_id is its project's unit, kept by
 * triggers (migration 20261202100000). `where` narrows the view further on the
 * milestone's project aliased p (a project filter: an officer's own projects), or
 * is null when the view is the scope itself — then no project is probed for it.
 *
 * Read from the earliest deadline along an index of the promises in force of the
 * milestone kinds, with project and kind, stopping at `limit` in view (issue 14):
 * for one unit, that unit's own range of commitment_unit_milestone_due_idx, so it
 * reads about `limit` ÷ (the share of the unit's milestones that are red or
 * yellow) entries whatever the size of the data or the number of units; for
 * every unit (a city manager), commitment_milestone_due_idx (migration
 * 20261202020000). The rule (unreachedMilestoneSql) and the columns shown come
 * from the milestone's project `mp`, read only for the milestones the walk
 * reaches. Among the same deadline: by project, then kind.
 */
export async function listMilestoneAlerts(db: Db, inView: MilestonesInView, today: string, limit = 50): Promise<MilestoneAlert[]> {
  const rows = await db.$queryRaw<({ id: number; number: string; title: string; company_zh: string; company_en: string | null; owner_name: string; kind: MilestoneKind; due_on: Date } & SettingsColumns)[]>(
    milestoneAlertsSql(inView, today, limit),
  );
  const alerts = rows.flatMap((r): MilestoneAlert[] => {
    const dueOn = isoDay(r.due_on);
    const colour = milestoneColour({ dueOn, reachedOn: null }, today, settingsOfColumns(r).milestones);
    if (colour === "GREEN") return [];
    const daysUntil = Math.round((r.due_on.getTime() - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    return [{ projectId: r.id, number: r.number, title: r.title, companyNameZh: r.company_zh, companyNameEn: r.company_en, ownerName: r.owner_name, kind: r.kind, dueOn, colour, daysUntil }];
  });
  return alerts.sort((a, b) => colourRank(a.colour) - colourRank(b.colour));
}

/** The milestones in view: the scope on the milestone m, and a narrower view on its project p (or null). */
export type MilestonesInView = { scope: Prisma.Sql; where: Prisma.Sql | null };

/**
 * listMilestoneAlerts' statement (exported for its plan test): the walk (the rule on the milestone and its project
 * `mp`, the scope on the milestone) apart, with its horizon read once before it (then also the walk's end on the
 * index), and the columns shown joined to the `limit` found — fewer relations to order in one join, less planning.
 * The scope is not asked again of the project: the planner would count its selectivity twice (the same unit on m and
 * on p) and, expecting a few alerts where there are hundreds, sort every milestone of the unit instead of walking.
 */
export function milestoneAlertsSql({ scope, where }: MilestonesInView, today: string, limit: number): Prisma.Sql {
  const warnDays = Prisma.sql`(SELECT ${milestoneWarnDaysSql("s")} FROM (SELECT 1) one LEFT JOIN installation_setting s ON s.id = 1)`;
  return Prisma.sql`
    SELECT mp.id, mp.number, mp.title, c.name_zh AS company_zh, c.name_en AS company_en, o.name AS owner_name, a.kind::text AS kind, a.due_on,
           ${settingsColumnsSql("setting")}
      FROM (SELECT m.project_id, m.kind, m.due_on
              FROM commitment m
              JOIN project mp ON mp.id = m.project_id
              ${where ? Prisma.sql`JOIN project p ON p.id = m.project_id AND ${where}` : Prisma.empty}
             WHERE ${scope} AND ${unreachedMilestoneSql(Prisma.sql`(${today}::date + ${warnDays})`, "m", "mp")}
             ORDER BY m.due_on, m.project_id, m.kind
             LIMIT ${limit}) a
      JOIN project mp ON mp.id = a.project_id
      JOIN company c ON c.id = mp.company_id
      JOIN app_user o ON o.id = mp.owner_id
      LEFT JOIN installation_setting setting ON setting.id = 1
     ORDER BY a.due_on, a.project_id, a.kind`;
}
