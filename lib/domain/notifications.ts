/**
 * Reminders (issue 17): what is sent to whom, the escalation ladder, the
 * digest's hour and the retry schedule. Pure: the scan (lib/notify/scan.ts)
 * computes what is due in SQL from the shared rules of lib/data/sql-rules.ts
 * and takes its thresholds from here.
 *
 * - One event gives one notification per user: the notification row is unique
 *   on (user, kind, subject, occasion). The occasion is what makes it new: a
 *   follow-up's date, a milestone's colour and deadline, the digest's day.
 * - One notification gives one delivery per outside channel (email, WeCom,
 *   DingTalk), unique on (notification, channel); the app always shows it.
 * - Nothing is sent to a disabled user, nor about a project outside the
 *   recipient's scope (lib/domain/scope.ts), nor of a kind they muted.
 */
import type { NotificationChannel, NotificationKind } from "@/lib/generated/prisma/enums";
import { DAY_MS } from "@/lib/domain/period";

export const NOTIFICATION_KINDS = [
  "FOLLOW_UP_DUE",
  "FOLLOW_UP_OVERDUE",
  "STALLED",
  "MILESTONE_YELLOW",
  "MILESTONE_RED",
  "SUPERVISION_ISSUED",
  "SUPERVISION_DUE_SOON",
  "SUPERVISION_TO_REVIEW",
  "PROJECT_REASSIGNED",
  "IMPORT_FINISHED",
  "IMPORT_FAILED",
  "ESCALATION",
  "DIGEST",
] as const satisfies readonly NotificationKind[];

export const NOTIFICATION_CHANNELS = ["EMAIL", "WECOM", "DINGTALK"] as const satisfies readonly NotificationChannel[];

/** The reminder settings admins change (Admin → Notifications); these are the defaults. */
export type NotificationSettings = {
  /** "HH:MM", Asia/Shanghai. */
  digestTime: string;
  /** A follow-up overdue this many days: the owner is reminded again. */
  ownerOnlyDays: number;
  /** …this many days: the unit's managers are told too. */
  copyManagerDays: number;
  /** …this many days: the managers are told the project is at high risk. */
  highRiskDays: number;
};

export const NOTIFICATION_DEFAULTS: NotificationSettings = { digestTime: "08:30", ownerOnlyDays: 3, copyManagerDays: 5, highRiskDays: 7 };

/** A supervision order's assignee is reminded when its answer deadline is this many days away or less (and not yet past). */
export const SUPERVISION_WARN_DAYS = 2;

export const ESCALATION_LEVELS = ["owner", "manager", "highRisk"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** The ladder's steps with the days overdue each starts at, in order. */
export function escalationLadder(s: NotificationSettings): { level: EscalationLevel; days: number; to: "owner" | "managers" }[] {
  return [
    { level: "owner", days: s.ownerOnlyDays, to: "owner" },
    { level: "manager", days: s.copyManagerDays, to: "managers" },
    { level: "highRisk", days: s.highRiskDays, to: "managers" },
  ];
}

/** The highest step reached by a follow-up overdue `daysOverdue` days (null: none yet). */
export function escalationLevel(daysOverdue: number, s: NotificationSettings): EscalationLevel | null {
  let reached: EscalationLevel | null = null;
  for (const step of escalationLadder(s)) if (daysOverdue >= step.days) reached = step.level;
  return reached;
}

/**
 * High risk (高风险): a project in play whose follow-up is overdue by at least the ladder's last step's days
 * (highRiskDays, an admin setting). The list's and the board's badge and the `highRisk` filter use its SQL form
 * (highRiskSql in lib/data/sql-rules.ts); the escalation's last step tells the managers the day it starts.
 */
export function isHighRisk(daysOverdue: number | null, s: NotificationSettings): boolean {
  return daysOverdue !== null && escalationLevel(daysOverdue, s) === "highRisk";
}

/** The ladder must climb: 1 ≤ owner < manager < high-risk ≤ 365. Null when valid, else the field at fault. */
export function invalidLadder(s: Pick<NotificationSettings, "ownerOnlyDays" | "copyManagerDays" | "highRiskDays">): keyof NotificationSettings | null {
  if (s.ownerOnlyDays < 1) return "ownerOnlyDays";
  if (s.copyManagerDays <= s.ownerOnlyDays) return "copyManagerDays";
  if (s.highRiskDays <= s.copyManagerDays || s.highRiskDays > 365) return "highRiskDays";
  return null;
}

export const DIGEST_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether the morning digest is due at `now`: the bureau's clock (Asia/Shanghai, UTC+8) has reached `digestTime`. */
export function digestDue(now: Date, digestTime: string): boolean {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const minutes = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
  const [h, m] = digestTime.split(":").map(Number);
  return minutes >= h * 60 + m;
}

/**
 * The first deployment does not burst. Reminders are sent for what becomes due from the day they were switched on
 * (`since`: the first scan's day, kept in notification_start; an installation whose reminders already ran keeps the
 * day of its first notification). A reminder whose rule already held the day before `since` for the same occasion
 * — the same missed follow-up date and ladder step, the same silence, the same milestone colour and deadline, the
 * same supervision deadline, an answer given before — was due before reminders existed: it is not sent one by one,
 * and the morning digest counts it (overdue follow-ups, red milestones and orders). The scan evaluates each rule on
 * this day too and sends only what holds today and did not then.
 */
export function remindersBacklogDay(since: Date): Date {
  return new Date(since.getTime() - DAY_MS);
}

/** Whether a reminder whose rule holds today is sent, given whether it already held on remindersBacklogDay. */
export function sentOnceDue(heldToday: boolean, heldOnBacklogDay: boolean): boolean {
  return heldToday && !heldOnBacklogDay;
}

/** Delivery attempts before a delivery is FAILED (each failure waits retryDelayMs before the next). */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** The wait after the `attempts`-th failure: 1 min, 2, 4, 8, 16 … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A worker's claim on a delivery lasts this long; a worker that died mid-send leaves it to be claimed again after. */
export const CLAIM_MS = 120_000;
