import "server-only";
/**
 * A user's notifications (the bell, the list, marking read), their
 * preferences, and the admin's side: the units' chat robots and the delivery
 * log. Every read of a notification about a project goes through the scope
 * (projectScopeSql): one about a project the user no longer sees is not shown.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationChannel, NotificationKind } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { assertVersion, formStrings, refuseStale } from "@/lib/data/transactions";
import { assertAdmin } from "@/lib/data/users";
import { projectScopeSql, userSeesProjectSql } from "@/lib/data/sql-rules";
import { ForbiddenError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from "@/lib/domain/notifications";
import type { ChatWebhookInput, NotificationPreferencesInput } from "@/lib/validation/notifications";

type User = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

function assertReader(user: User) {
  if (!may(user, "readNotifications")) throw new ForbiddenError();
}

/** The notifications the user may see: theirs, about no project or a project in their scope. */
const visibleSql = (user: User) =>
  Prisma.sql`n.user_id = ${user.id} AND (n.project_id IS NULL OR EXISTS (SELECT 1 FROM project p WHERE p.id = n.project_id AND ${projectScopeSql(user, "p")}))`;

/** The bell counts unread notifications up to this many (it says 99+). */
const UNREAD_CAP = 100;

/** The bell's number: unread, counted up to 100 (the bell says 99+). */
export async function unreadCount(db: Db, user: User): Promise<number> {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM notification n WHERE ${visibleSql(user)} AND n.read_at IS NULL LIMIT ${UNREAD_CAP}) x`;
  return n;
}

/**
 * unreadCount as a column of a statement on the user's row (app_user aliased `userAlias`): the scope is that
 * row's (userSeesProjectSql, projectScopeSql's rule on a row). Every signed-in page's shell reads its user and the
 * bell in one statement this way (lib/auth/current-user.ts getSessionUser).
 */
export function unreadCountColumnSql(userAlias: string): Prisma.Sql {
  const a = Prisma.raw(`"${userAlias}"`);
  return Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM notification n
      WHERE n.user_id = ${a}.id AND n.read_at IS NULL
        AND (n.project_id IS NULL OR EXISTS (SELECT 1 FROM project p WHERE p.id = n.project_id AND ${userSeesProjectSql(userAlias, "p")}))
      LIMIT ${UNREAD_CAP}) x)`;
}

export type NotificationRow = {
  id: bigint;
  kind: NotificationKind;
  projectId: number | null;
  projectTitle: string | null;
  data: unknown;
  readAt: Date | null;
  createdAt: Date;
};

/** The newest first, 100 at most; `unreadOnly` leaves out what was read. */
export async function listNotifications(db: Db, user: User, { unreadOnly = false }: { unreadOnly?: boolean } = {}): Promise<NotificationRow[]> {
  assertReader(user);
  return db.$queryRaw<NotificationRow[]>`
    SELECT n.id, n.kind, n.project_id AS "projectId", p.title AS "projectTitle", n.data, n.read_at AS "readAt", n.created_at AS "createdAt"
      FROM notification n LEFT JOIN project p ON p.id = n.project_id
     WHERE ${visibleSql(user)} ${unreadOnly ? Prisma.sql`AND n.read_at IS NULL` : Prisma.empty}
     ORDER BY n.created_at DESC, n.id DESC
     LIMIT 100`;
}

/** Marks one notification (or, without `id`, all of them) read; audited. Another user's notification is not found. */
export async function markRead(db: Db, user: User, { id }: { id?: bigint }): Promise<{ count: number }> {
  assertReader(user);
  return db.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE notification n SET read_at = now() WHERE ${visibleSql(user)} AND n.read_at IS NULL ${id ? Prisma.sql`AND n.id = ${id}` : Prisma.empty}`;
    await writeAudit(tx, { actorId: user.id, action: id ? "notification.read" : "notification.readAll", entity: "notification", entityId: id ? String(id) : null, after: { count } });
    return { count };
  });
}

/* ---------- Preferences ---------- */

export type Preferences = { mutedKinds: NotificationKind[]; channels: NotificationChannel[]; locale: "zh-CN" | "en"; version: number };

export async function getPreferences(db: Db, user: Pick<User, "id">): Promise<Preferences> {
  const row = await db.notificationPreference.findUnique({ where: { userId: user.id }, select: { mutedKinds: true, channels: true, locale: true, version: true } });
  return row ? { ...row, locale: row.locale === "en" ? "en" : "zh-CN" } : { mutedKinds: [], channels: [...NOTIFICATION_CHANNELS], locale: "zh-CN", version: 1 };
}

const prefValues = (p: Omit<Preferences, "version">) => formStrings({ mutedKinds: p.mutedKinds.join(", "), channels: p.channels.join(", "), locale: p.locale });

/** Saves the user's own preferences; refused when stale; audited. */
export async function savePreferences(db: Db, user: User, input: NotificationPreferencesInput): Promise<{ version: number }> {
  assertReader(user);
  const next = {
    mutedKinds: NOTIFICATION_KINDS.filter((k) => !input[`kind.${k}`]),
    channels: NOTIFICATION_CHANNELS.filter((c) => input[`channel.${c}`]),
    locale: input.locale,
  };
  return db.$transaction(async (tx) => {
    const current = await getPreferences(tx as unknown as Db, user);
    const edited = (p: Preferences) => ({ entity: "notification_preference", id: user.id, version: p.version, values: prefValues(p) });
    await assertVersion(tx, edited(current), input.version);
    const saved = await tx.notificationPreference.upsert({
      where: { userId: user.id },
      create: { userId: user.id, ...next, version: 2 },
      update: { ...next, version: { increment: 1 } },
      select: { version: true },
    });
    if (saved.version !== input.version + 1) await refuseStale(tx, edited(await getPreferences(tx as unknown as Db, user)), input.version);
    await writeAudit(tx, { actorId: user.id, action: "notification.preferences", entity: "notification_preference", entityId: user.id, before: current, after: { ...next, version: saved.version } });
    return saved;
  });
}

/* ---------- Admin: chat robots and the delivery log ---------- */

export type WebhookRow = { id: number; unitId: number; unitNameZh: string; unitNameEn: string; channel: NotificationChannel; url: string; hasSecret: boolean };

export async function listWebhooks(db: Db, user: User): Promise<WebhookRow[]> {
  assertAdmin(user);
  const rows = await db.unitChatWebhook.findMany({
    select: { id: true, unitId: true, channel: true, url: true, secret: true, unit: { select: { nameZh: true, nameEn: true } } },
    orderBy: [{ unitId: "asc" }, { channel: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, unitId: r.unitId, unitNameZh: r.unit.nameZh, unitNameEn: r.unit.nameEn, channel: r.channel, url: r.url, hasSecret: Boolean(r.secret) }));
}

/** Sets (or, with an empty URL, removes) a unit's robot on a channel; audited without the secret. */
export async function saveWebhook(db: Db, user: User, input: ChatWebhookInput): Promise<{ saved: boolean }> {
  assertAdmin(user);
  return db.$transaction(async (tx) => {
    const key = { unitId_channel: { unitId: input.unitId, channel: input.channel } };
    const before = await tx.unitChatWebhook.findUnique({ where: key, select: { url: true } });
    if (!input.url) {
      if (before) await tx.unitChatWebhook.delete({ where: key });
    } else {
      const data = { url: input.url, secret: input.channel === "DINGTALK" && input.secret ? input.secret : null };
      await tx.unitChatWebhook.upsert({ where: key, create: { unitId: input.unitId, channel: input.channel, ...data }, update: { ...data, version: { increment: 1 } } });
    }
    await writeAudit(tx, { actorId: user.id, action: "notification.webhook", entity: "unit", entityId: input.unitId, before: before && { channel: input.channel, url: before.url }, after: input.url ? { channel: input.channel, url: input.url, signed: Boolean(input.secret) } : null });
    return { saved: Boolean(input.url) };
  });
}

export type DeliveryRow = {
  id: bigint;
  createdAt: Date;
  channel: NotificationChannel;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  kind: NotificationKind;
  userName: string;
  email: string;
};

/** The delivery log, newest first (200 rows); `status` narrows it (e.g. FAILED). */
export async function listDeliveries(db: Db, user: User, { status }: { status?: string } = {}): Promise<DeliveryRow[]> {
  assertAdmin(user);
  return db.$queryRaw<DeliveryRow[]>`
    SELECT d.id, d.created_at AS "createdAt", d.channel, d.status::text AS status, d.attempts, d.last_error AS "lastError",
           d.next_attempt_at AS "nextAttemptAt", d.sent_at AS "sentAt", n.kind, u.name AS "userName", u.email
      FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN app_user u ON u.id = n.user_id
     ${status ? Prisma.sql`WHERE d.status = ${status}::"DeliveryStatus"` : Prisma.empty}
     ORDER BY d.created_at DESC, d.id DESC
     LIMIT 200`;
}
