import "server-only";
/**
 * The units' assessment (考核) for a year: the settings (method, deduction per
 * late start; installation_setting), and the sheet — every county's and
 * district's actuals against its targets (lib/data/targets.ts), its signed
 * projects past their construction-start deadline, and the scores of
 * lib/domain/assessment.ts.
 */
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { assertVersion, formStrings, isUniqueViolation, refuseStale } from "@/lib/data/transactions";
import { ForbiddenError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { projectScopeSql, unreachedMilestoneSql } from "@/lib/data/sql-rules";
import { measureActuals, targetUnits, targetsOf } from "@/lib/data/targets";
import { assess, type AssessmentMethod, type UnitScore } from "@/lib/domain/assessment";
import { DAY_MS, yearPeriod, type Period } from "@/lib/domain/period";
import { TARGET_MEASURES, type Measure } from "@/lib/domain/targets";
import { seesAllUnits } from "@/lib/domain/scope";
import type { ActivityWeightsInput, AssessmentSettingsInput } from "@/lib/validation/targets";
import { ACTIVITY_PARTS, activityWeightsOf, type ActivityWeights } from "@/lib/domain/activity";
import type { Actor } from "@/lib/data/dashboard/sql";

export type AssessmentSettings = { method: AssessmentMethod; deductionPerLateStart: number; version: number };
const DEFAULTS = { assessmentMethod: "SHARE" as AssessmentMethod, deductionPerLateStart: 2, version: 1 };

export async function getAssessmentSettings(db: Pick<Db, "installationSetting">): Promise<AssessmentSettings> {
  const row = await db.installationSetting.findUnique({ where: { id: 1 }, select: { assessmentMethod: true, deductionPerLateStart: true, version: true } });
  const r = row ? { ...row, deductionPerLateStart: Number(row.deductionPerLateStart) } : DEFAULTS;
  return { method: r.assessmentMethod, deductionPerLateStart: r.deductionPerLateStart, version: r.version };
}

const snapshot = (s: AssessmentSettings) => ({ method: s.method, deductionPerLateStart: s.deductionPerLateStart, version: s.version });

/** Admins choose the method and the deduction; versioned with the other installation settings (one row), audited. */
export async function updateAssessmentSettings(db: Db, user: Actor, input: AssessmentSettingsInput): Promise<{ version: number }> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  const edited = (s: AssessmentSettings) => ({ entity: "installation_setting", id: 1, version: s.version, values: formStrings({ method: s.method, deductionPerLateStart: s.deductionPerLateStart }) });
  try {
    return await db.$transaction(async (tx) => {
      const current = await getAssessmentSettings(tx);
      await assertVersion(tx, edited(current), input.version);
      const data = { assessmentMethod: input.method, deductionPerLateStart: input.deductionPerLateStart };
      const exists = await tx.installationSetting.findUnique({ where: { id: 1 }, select: { id: true } });
      if (exists) {
        const updated = await tx.installationSetting.updateMany({ where: { id: 1, version: current.version }, data: { ...data, version: { increment: 1 } } });
        if (updated.count === 0) await refuseStale(tx, edited(await getAssessmentSettings(tx)), input.version);
      } else {
        await tx.installationSetting.create({ data: { id: 1, ...data, version: 2 } });
      }
      const saved = await getAssessmentSettings(tx);
      await writeAudit(tx, { actorId: user.id, action: "settings.assessment", entity: "installation_setting", entityId: 1, before: snapshot(current), after: snapshot(saved) });
      return { version: saved.version };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => refuseStale(tx, edited(await getAssessmentSettings(tx)), input.version));
  }
}

export type AssessmentRow = UnitScore<Measure> & {
  code: string;
  nameZh: string;
  nameEn: string;
  lateStarts: number;
  measures: Record<Measure, { actual: string; target: string | null }>;
};
export type Assessment = { year: number; period: Period; asOf: Date; settings: AssessmentSettings; rows: AssessmentRow[] };

/**
 * Signed projects per unit past their construction-start deadline on `asOf`:
 * the CONSTRUCTION_START promise in force due before that day and not
 * reached (unreachedMilestoneSql, the milestone colours' rule), in scope.
 */
async function lateStartsByUnit(db: Db, user: Actor, asOf: Date): Promise<Map<number, number>> {
  const horizon = new Date(asOf.getTime() - DAY_MS);
  const rows = await db.$queryRaw<{ unit_id: number; n: number }[]>`
    SELECT p.unit_id, COUNT(DISTINCT m.project_id)::int AS n
      FROM commitment m JOIN project p ON p.id = m.project_id
     WHERE m.kind = 'CONSTRUCTION_START' AND ${unreachedMilestoneSql(horizon, "m", "p")} AND ${projectScopeSql(user, "p")}
     GROUP BY p.unit_id`;
  return new Map(rows.map((r) => [r.unit_id, r.n]));
}

/**
 * The assessment sheet of a year: counties and districts (not the city unit),
 * ranked. Late starts are counted as of the year's last day, or `today` while the year runs.
 */
export async function getAssessment(db: Db, user: Actor, year: number, today: Date): Promise<Assessment> {
  const period = yearPeriod(year);
  const asOf = today < period.to ? today : period.to;
  // Units are scored among all units (the efficacy method compares them); a user who sees one unit gets its row alone.
  const everyUnit: Actor = { ...user, role: "ADMIN" };
  const [units, actuals, settings, late] = await Promise.all([
    targetUnits(db, everyUnit),
    measureActuals(db, everyUnit, period),
    getAssessmentSettings(db),
    lateStartsByUnit(db, everyUnit, asOf),
  ]);
  const assessed = units.filter((u) => u.kind !== "CITY");
  const targets = await targetsOf(db, year, assessed.map((u) => u.id));
  const inputs = assessed.map((u) => {
    const a = actuals.byUnit.get(u.id);
    const measures = Object.fromEntries(TARGET_MEASURES.map((m) => [m, { actual: a?.[m] ?? "0", target: targets.get(u.id)?.[m]?.value ?? null }])) as AssessmentRow["measures"];
    return { unit: u, measures, lateStarts: late.get(u.id) ?? 0 };
  });
  const scores = assess(
    inputs.map((i) => ({ unitId: i.unit.id, lateStarts: i.lateStarts, measures: Object.fromEntries(TARGET_MEASURES.map((m) => [m, { actual: Number(i.measures[m].actual), target: i.measures[m].target === null ? null : Number(i.measures[m].target) }])) as Record<Measure, { actual: number; target: number | null }> })),
    TARGET_MEASURES,
    settings.method,
    settings.deductionPerLateStart,
  );
  const rows = inputs.map((i, k) => ({ ...scores[k], code: i.unit.code, nameZh: i.unit.nameZh, nameEn: i.unit.nameEn, lateStarts: i.lateStarts, measures: i.measures }));
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
  return { year, period, asOf, settings, rows: seesAllUnits(user) ? rows : rows.filter((r) => r.unitId === user.unitId) };
}

/* ---------- The activity index's weights (same settings row) ---------- */

export async function getActivityWeights(db: Pick<Db, "installationSetting">): Promise<ActivityWeights & { version: number }> {
  const row = await db.installationSetting.findUnique({ where: { id: 1 }, select: { activityWeights: true, version: true } });
  return { ...activityWeightsOf(row?.activityWeights), version: row?.version ?? 1 };
}

/** Admins set the weights; versioned with the other installation settings, audited. */
export async function updateActivityWeights(db: Db, user: Actor, input: ActivityWeightsInput): Promise<{ version: number }> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  const { version, ...weights } = input;
  const edited = (w: ActivityWeights & { version: number }) => ({ entity: "installation_setting", id: 1, version: w.version, values: formStrings(Object.fromEntries(ACTIVITY_PARTS.map((p) => [p, w[p]]))) });
  try {
    return await db.$transaction(async (tx) => {
      const current = await getActivityWeights(tx);
      await assertVersion(tx, edited(current), version);
      const exists = await tx.installationSetting.findUnique({ where: { id: 1 }, select: { id: true } });
      if (exists) {
        const updated = await tx.installationSetting.updateMany({ where: { id: 1, version: current.version }, data: { activityWeights: weights, version: { increment: 1 } } });
        if (updated.count === 0) await refuseStale(tx, edited(await getActivityWeights(tx)), version);
      } else {
        await tx.installationSetting.create({ data: { id: 1, activityWeights: weights, version: 2 } });
      }
      const saved = await getActivityWeights(tx);
      await writeAudit(tx, { actorId: user.id, action: "settings.activityWeights", entity: "installation_setting", entityId: 1, before: current, after: saved });
      return { version: saved.version };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => refuseStale(tx, edited(await getActivityWeights(tx)), version));
  }
}
