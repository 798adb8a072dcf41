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
import { saveSettingsRow } from "@/lib/data/settings";
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

/** Admins choose the method and the deduction; versioned with the other installation settings (one row), audited. */
export async function updateAssessmentSettings(db: Db, user: Actor, input: AssessmentSettingsInput): Promise<{ version: number }> {
  if (!may(user, "setTargets")) throw new ForbiddenError();
  return saveSettingsRow(db, user, {
    read: getAssessmentSettings,
    fields: (s) => ({ method: s.method, deductionPerLateStart: s.deductionPerLateStart }),
    data: { assessmentMethod: input.method, deductionPerLateStart: input.deductionPerLateStart },
    version: input.version,
    action: "settings.assessment",
  });
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
  return saveSettingsRow(db, user, {
    read: getActivityWeights,
    fields: (w) => Object.fromEntries(ACTIVITY_PARTS.map((p) => [p, w[p]])),
    data: { activityWeights: weights },
    version,
    action: "settings.activityWeights",
  });
}
