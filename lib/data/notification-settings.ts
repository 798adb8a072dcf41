import "server-only";
/**
 * The reminder settings (one row, id 1; absent = NOTIFICATION_DEFAULTS in
 * lib/domain/notifications.ts): the digest's time and the escalation ladder.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { assertVersion, formStrings, isUniqueViolation, refuseStale } from "@/lib/data/transactions";
import { assertAdmin } from "@/lib/data/users";
import { NOTIFICATION_DEFAULTS, type NotificationSettings } from "@/lib/domain/notifications";
import type { NotificationSettingsInput } from "@/lib/validation/notifications";

type Actor = Pick<CurrentUser, "id" | "role">;
type Reader = Pick<Db, "notificationSetting">;
type Row = NotificationSettings & { version: number };

const DEFAULT_ROW: Row = { ...NOTIFICATION_DEFAULTS, version: 1 };
const pick = (r: Row): Row => ({ digestTime: r.digestTime, ownerOnlyDays: r.ownerOnlyDays, copyManagerDays: r.copyManagerDays, highRiskDays: r.highRiskDays, version: r.version });

/** The settings in force, with the version an edit form sends back. */
export async function getNotificationSettings(db: Reader): Promise<Row> {
  const row = await db.notificationSetting.findUnique({ where: { id: 1 } });
  return row ? pick(row) : DEFAULT_ROW;
}

/**
 * The day reminders were switched on (notification_start, written by the first scan; lib/domain/notifications.ts
 * remindersBacklogDay), null before the worker's first run. Shown to admins, read-only: it explains why what was
 * already overdue or stalled then got no reminder of its own.
 */
export async function getRemindersStart(db: Pick<Db, "notificationStart">): Promise<Date | null> {
  return (await db.notificationStart.findUnique({ where: { id: 1 } }))?.since ?? null;
}

/** Admins change them; refused when made against an older version; audited. */
export async function updateNotificationSettings(db: Db, user: Actor, input: NotificationSettingsInput): Promise<{ version: number }> {
  assertAdmin(user);
  const { version, ...data } = input;
  const edited = (r: Row) => ({ entity: "notification_setting", id: 1, version: r.version, values: formStrings(pick(r)) });
  try {
    return await db.$transaction(async (tx) => {
      const current = await getNotificationSettings(tx);
      await assertVersion(tx, edited(current), version);
      const saved = current === DEFAULT_ROW
        ? await tx.notificationSetting.create({ data: { id: 1, ...data, version: 2 } })
        : await tx.notificationSetting.updateMany({ where: { id: 1, version: current.version }, data: { ...data, version: { increment: 1 } } }).then(async (u) => {
            if (u.count === 0) await refuseStale(tx, edited(await getNotificationSettings(tx)), version);
            return tx.notificationSetting.findUniqueOrThrow({ where: { id: 1 } });
          });
      await writeAudit(tx, { actorId: user.id, action: "settings.notifications", entity: "notification_setting", entityId: 1, before: pick(current), after: pick(saved) });
      return { version: saved.version };
    });
  } catch (error) {
    // Two first saves at once: the loser's row already exists, and its version is now stale.
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(async (tx) => refuseStale(tx, edited(await getNotificationSettings(tx)), version));
  }
}
