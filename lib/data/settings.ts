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
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { assertVersion, formStrings, isUniqueViolation, refuseStale, type Tx } from "@/lib/data/transactions";
import { assertAdmin } from "@/lib/data/users";
import { MILESTONE_SETTINGS, type MilestoneSettings } from "@/lib/domain/milestones";
import { STALL_LIMITS, type StallLimits } from "@/lib/domain/stages";
import { stallLimitsOf, type MilestoneSettingsInput } from "@/lib/validation/settings";
import type { CountingRulesInput } from "@/lib/validation/signings";
import type { CountingRules } from "@/lib/domain/signings";
import { RuleError } from "@/lib/errors";

type Actor = Pick<CurrentUser, "id" | "role">;
type Reader = Pick<Db, "installationSetting">;

/**
 * The one way a settings form changes the installation settings row. Every form is versioned on the row's one
 * version: refused when made against an older one (the conflict answer shows the form's fields as saved); the first
 * save creates the row (version 2, the defaults being version 1), and of two first saves at once the loser is
 * refused as stale. The audit row (`action`) holds the form's fields before and after, in the same transaction.
 */
export async function saveSettingsRow<V extends { version: number }>(
  db: Db,
  user: Actor,
  form: {
    /** The form's view of the row (the defaults when there is none). */
    read: (tx: Reader) => Promise<V>;
    /** Its fields as the conflict answer and the audit row show them. */
    fields: (view: NoInfer<V>) => Record<string, unknown>;
    /** The columns it writes. */
    data: Omit<Prisma.InstallationSettingCreateInput, "id" | "version">;
    /** The version the form was made against. */
    version: number;
    action: string;
    /** A check inside the transaction, before anything is written. */
    check?: (tx: Tx) => Promise<void>;
  },
): Promise<{ version: number }> {
  const edited = (v: V) => ({ entity: "installation_setting", id: 1, version: v.version, values: formStrings(form.fields(v)) });
  try {
    return await db.$transaction(async (tx) => {
      const current = await form.read(tx);
      await assertVersion(tx, edited(current), form.version);
      await form.check?.(tx);
      const updated = await tx.installationSetting.updateMany({ where: { id: 1, version: current.version }, data: { ...form.data, version: { increment: 1 } } });
      if (updated.count === 0) {
        const exists = await tx.installationSetting.findUnique({ where: { id: 1 }, select: { id: true } });
        if (exists) await refuseStale(tx, edited(await form.read(tx)), form.version);
        await tx.installationSetting.create({ data: { id: 1, ...form.data, version: 2 } });
      }
      const saved = await form.read(tx);
      await writeAudit(tx, {
        actorId: user.id, action: form.action, entity: "installation_setting", entityId: 1,
        before: { ...form.fields(current), version: current.version }, after: { ...form.fields(saved), version: saved.version },
      });
      return { version: saved.version };
    });
  } catch (error) {
    // Two first saves at once: the loser's row already exists, and its version is now stale.
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => refuseStale(tx, edited(await form.read(tx)), form.version));
  }
}

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

/**
 * The settings row as columns of a larger statement (a page that reads it beside other rows: the project page reads
 * it with the project, once for the milestone colours and the counting rules): `LEFT JOIN installation_setting
 * <alias> ON <alias>.id = 1` and these columns; settingsOfColumns reads them, the defaults when there is no row.
 */
export function settingsColumnsSql(alias: string): Prisma.Sql {
  const s = Prisma.raw(`"${alias}"`);
  return Prisma.sql`${s}.milestone_warn_days AS setting_warn_days, ${s}.funds_behind_percent AS setting_funds_behind_percent,
    ${s}.version AS setting_version, ${s}.min_recognised_cny::text AS setting_min_recognised_cny,
    ${s}.not_recognised_sector_ids AS setting_not_recognised_sector_ids`;
}
/** The milestone warning days of the settings row aliased `alias` (LEFT JOINed: the default without a row), as SQL. */
export function milestoneWarnDaysSql(alias: string): Prisma.Sql {
  return Prisma.sql`COALESCE(${Prisma.raw(`"${alias}"`)}.milestone_warn_days, ${DEFAULT_ROW.milestoneWarnDays}::int)`;
}
export type SettingsColumns = {
  setting_warn_days: number | null;
  setting_funds_behind_percent: number | null;
  setting_version: number | null;
  setting_min_recognised_cny: string | null;
  setting_not_recognised_sector_ids: number[] | null;
};

/** The counting rules of a settings row's two columns (none: no automatic rule). One reading for getCountingRules and settingsOfColumns. */
export function countingRulesOf(min: string | null | undefined, sectors: number[] | null | undefined): CountingRules {
  return { minRecognisedCny: min ? String(new Prisma.Decimal(min)) : null, notRecognisedSectorIds: sectors ?? [] };
}

/** settingsColumnsSql's columns as the milestone settings (getMilestoneSettings) and the counting rules (getCountingRules) they are. */
export function settingsOfColumns(r: SettingsColumns): { milestones: MilestoneSettingsRecord; counting: CountingRules } {
  const present = r.setting_version !== null;
  return {
    milestones: present
      ? { warnDays: r.setting_warn_days!, fundsBehindShare: r.setting_funds_behind_percent! / 100, version: r.setting_version! }
      : { warnDays: DEFAULT_ROW.milestoneWarnDays, fundsBehindShare: DEFAULT_ROW.fundsBehindPercent / 100, version: DEFAULT_ROW.version },
    counting: countingRulesOf(r.setting_min_recognised_cny, r.setting_not_recognised_sector_ids),
  };
}

/** The milestone form's fields as saved (the conflict answer and the audit show them by the form's names). */
const milestoneFields = (r: Row) => ({
  warnDays: r.milestoneWarnDays,
  fundsBehindPercent: r.fundsBehindPercent,
  stallFirstContact: r.stallDaysFirstContact,
  stallIntent: r.stallDaysIntent,
  stallNegotiation: r.stallDaysNegotiation,
  stallSigned: r.stallDaysSigned,
});

/** Admins change the thresholds; refused when made against an older version; audited. */
export async function updateMilestoneSettings(db: Db, user: Actor, input: MilestoneSettingsInput): Promise<{ version: number }> {
  assertAdmin(user);
  const stall = stallLimitsOf(input);
  return saveSettingsRow(db, user, {
    read: async (tx: Reader) => (await tx.installationSetting.findUnique({ where: { id: 1 } })) ?? DEFAULT_ROW,
    fields: milestoneFields,
    data: {
      milestoneWarnDays: input.warnDays,
      fundsBehindPercent: input.fundsBehindPercent,
      stallDaysFirstContact: stall.FIRST_CONTACT,
      stallDaysIntent: stall.INTENT,
      stallDaysNegotiation: stall.NEGOTIATION,
      stallDaysSigned: stall.SIGNED,
    },
    version: input.version,
    action: "settings.milestones",
  });
}

/* ---------- Count once: the automatic 不予认定 rules (lib/domain/signings.ts) ---------- */

const countingFields = (r: { minRecognisedCny: { toString(): string } | null; notRecognisedSectorIds: number[] }) => ({
  minRecognisedCny: r.minRecognisedCny === null ? null : r.minRecognisedCny.toString(),
  notRecognisedSectorIds: [...r.notRecognisedSectorIds].sort((a, b) => a - b),
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
  return saveSettingsRow(db, user, {
    read: async (tx: Reader) => (await tx.installationSetting.findUnique({ where: { id: 1 } })) ?? { ...DEFAULT_ROW, minRecognisedCny: null, notRecognisedSectorIds: [] as number[] },
    fields: countingFields,
    check: async (tx) => {
      const sectors = await tx.referenceItem.count({ where: { id: { in: sectorIds }, kind: "SECTOR" } });
      if (sectors !== sectorIds.length) throw new RuleError("invalid", { notRecognisedSectorIds: "choose" });
    },
    data: { minRecognisedCny: input.minRecognisedCny ?? null, notRecognisedSectorIds: sectorIds },
    version: input.version,
    action: "settings.counting",
  });
}
