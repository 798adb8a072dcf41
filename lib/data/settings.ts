import "server-only";
/**
 * Installation settings (one row; absent = the defaults in
 * lib/domain/milestones.ts and lib/domain/stages.ts): the N days and X% of the
 * milestone colours, and the days after which a project in each stall stage
 * is stalled. The queries read them in their own statement (settingSql in
 * lib/data/sql-rules.ts); a save moves data_version (records), so the cached
 * dashboard and board follow at once; and
 * the automatic 不予认定 rules of count once (lib/domain/signings.ts).
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { assertVersion, formStrings, isUniqueViolation, refuseStale } from "@/lib/data/transactions";
import { assertAdmin } from "@/lib/data/users";
import { MILESTONE_SETTINGS, type MilestoneSettings } from "@/lib/domain/milestones";
import { STALL_LIMITS, type StallLimits } from "@/lib/domain/stages";
import { stallLimitsOf, type MilestoneSettingsInput } from "@/lib/validation/settings";
import type { CountingRulesInput } from "@/lib/validation/signings";
import { RuleError } from "@/lib/errors";

type Actor = Pick<CurrentUser, "id" | "role">;
type Reader = Pick<Db, "installationSetting">;

export type MilestoneSettingsRecord = MilestoneSettings & { version: number };
export type InstallationSettingsRecord = MilestoneSettingsRecord & { stallLimits: StallLimits };

type Row = {
  milestoneWarnDays: number;
  fundsBehindPercent: number;
  stallDaysFirstContact: number;
  stallDaysIntent: number;
  stallDaysNegotiation: number;
  stallDaysSigned: number;
  version: number;
};

const DEFAULT_ROW: Row = {
  milestoneWarnDays: MILESTONE_SETTINGS.warnDays,
  fundsBehindPercent: Math.round(MILESTONE_SETTINGS.fundsBehindShare * 100),
  stallDaysFirstContact: STALL_LIMITS.FIRST_CONTACT,
  stallDaysIntent: STALL_LIMITS.INTENT,
  stallDaysNegotiation: STALL_LIMITS.NEGOTIATION,
  stallDaysSigned: STALL_LIMITS.SIGNED,
  version: 1,
};

const stallLimitsOfRow = (r: Row): StallLimits => ({
  FIRST_CONTACT: r.stallDaysFirstContact,
  INTENT: r.stallDaysIntent,
  NEGOTIATION: r.stallDaysNegotiation,
  SIGNED: r.stallDaysSigned,
});

/** The thresholds in force, with the version an edit form sends back. */
export async function getMilestoneSettings(db: Reader): Promise<MilestoneSettingsRecord> {
  const { warnDays, fundsBehindShare, version } = await getInstallationSettings(db);
  return { warnDays, fundsBehindShare, version };
}

/** Every setting in force (the settings page). */
export async function getInstallationSettings(db: Reader): Promise<InstallationSettingsRecord> {
  const row: Row = (await db.installationSetting.findUnique({ where: { id: 1 } })) ?? DEFAULT_ROW;
  return { warnDays: row.milestoneWarnDays, fundsBehindShare: row.fundsBehindPercent / 100, stallLimits: stallLimitsOfRow(row), version: row.version };
}

const snapshot = (r: Row) => ({
  warnDays: r.milestoneWarnDays,
  fundsBehindPercent: r.fundsBehindPercent,
  stallFirstContact: r.stallDaysFirstContact,
  stallIntent: r.stallDaysIntent,
  stallNegotiation: r.stallDaysNegotiation,
  stallSigned: r.stallDaysSigned,
  version: r.version,
});

/** Admins change the thresholds; refused when made against an older version; audited. */
export async function updateMilestoneSettings(db: Db, user: Actor, input: MilestoneSettingsInput): Promise<{ version: number }> {
  assertAdmin(user);
  try {
    return await saveMilestoneSettings(db, user, input);
  } catch (error) {
    // Two first saves at once: the loser's row already exists, and its version is now stale.
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => {
      const row = await tx.installationSetting.findUniqueOrThrow({ where: { id: 1 } });
      return refuseStale(tx, { entity: "installation_setting", id: 1, version: row.version, values: formStrings(snapshot(row)) }, input.version);
    });
  }
}

async function saveMilestoneSettings(db: Db, user: Actor, input: MilestoneSettingsInput): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const current = (await tx.installationSetting.findUnique({ where: { id: 1 } })) ?? DEFAULT_ROW;
    const edited = (r: Row) => ({ entity: "installation_setting", id: 1, version: r.version, values: formStrings(snapshot(r)) });
    await assertVersion(tx, edited(current), input.version);
    const stall = stallLimitsOf(input);
    const data = {
      milestoneWarnDays: input.warnDays,
      fundsBehindPercent: input.fundsBehindPercent,
      stallDaysFirstContact: stall.FIRST_CONTACT,
      stallDaysIntent: stall.INTENT,
      stallDaysNegotiation: stall.NEGOTIATION,
      stallDaysSigned: stall.SIGNED,
    };
    let saved;
    if ("id" in current) {
      const updated = await tx.installationSetting.updateMany({ where: { id: 1, version: current.version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) await refuseStale(tx, await tx.installationSetting.findUnique({ where: { id: 1 } }).then((r) => r && edited(r)), input.version);
      saved = await tx.installationSetting.findUniqueOrThrow({ where: { id: 1 } });
    } else {
      // The first save: the row of defaults (version 1) becomes version 2.
      saved = await tx.installationSetting.create({ data: { id: 1, ...data, version: 2 } });
    }
    await writeAudit(tx, { actorId: user.id, action: "settings.milestones", entity: "installation_setting", entityId: 1, before: snapshot(current), after: snapshot(saved) });
    return { version: saved.version };
  });
}

/* ---------- Count once: the automatic 不予认定 rules (lib/domain/signings.ts) ---------- */

const rulesSnapshot = (r: { minRecognisedCny: { toString(): string } | null; notRecognisedSectorIds: number[]; version: number }) => ({
  minRecognisedCny: r.minRecognisedCny === null ? null : r.minRecognisedCny.toString(),
  notRecognisedSectorIds: [...r.notRecognisedSectorIds].sort((a, b) => a - b),
  version: r.version,
});

/**
 * Admins set the automatic rules: a threshold in yuan (none = off) and the
 * sectors never recognised. Versioned on the settings row (shared with the
 * milestone thresholds), audited as settings.counting; the dashboard's data
 * version moves with them (trigger data_version_installation_setting).
 */
export async function updateCountingRules(db: Db, user: Actor, input: CountingRulesInput): Promise<{ version: number }> {
  assertAdmin(user);
  const sectorIds = [...new Set(input.notRecognisedSectorIds)].sort((a, b) => a - b);
  const save = () =>
    db.$transaction(async (tx) => {
      const current = (await tx.installationSetting.findUnique({ where: { id: 1 } })) ?? { ...DEFAULT_ROW, minRecognisedCny: null, notRecognisedSectorIds: [] as number[] };
      const edited = (r: typeof current) => ({ entity: "installation_setting", id: 1, version: r.version, values: formStrings(rulesSnapshot(r)) });
      await assertVersion(tx, edited(current), input.version);
      const sectors = await tx.referenceItem.count({ where: { id: { in: sectorIds }, kind: "SECTOR" } });
      if (sectors !== sectorIds.length) throw new RuleError("invalid", { notRecognisedSectorIds: "choose" });
      const data = { minRecognisedCny: input.minRecognisedCny ?? null, notRecognisedSectorIds: sectorIds };
      let saved;
      if ("id" in current) {
        const updated = await tx.installationSetting.updateMany({ where: { id: 1, version: current.version }, data: { ...data, version: { increment: 1 } } });
        if (updated.count === 0) await refuseStale(tx, await tx.installationSetting.findUnique({ where: { id: 1 } }).then((r) => r && edited(r)), input.version);
        saved = await tx.installationSetting.findUniqueOrThrow({ where: { id: 1 } });
      } else {
        saved = await tx.installationSetting.create({ data: { id: 1, ...data, version: 2 } });
      }
      await writeAudit(tx, { actorId: user.id, action: "settings.counting", entity: "installation_setting", entityId: 1, before: rulesSnapshot(current), after: rulesSnapshot(saved) });
      return { version: saved.version };
    });
  try {
    return await save();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => {
      const row = await tx.installationSetting.findUniqueOrThrow({ where: { id: 1 } });
      return refuseStale(tx, { entity: "installation_setting", id: 1, version: row.version, values: formStrings(rulesSnapshot(row)) }, input.version);
    });
  }
}
