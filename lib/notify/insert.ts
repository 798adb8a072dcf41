import "server-only";
/**
 * The one way a notification is written: INSERT … ON CONFLICT DO NOTHING on
 * (user, kind, subject, occasion), and in the same statement one delivery per
 * outside channel the user keeps on and the installation has (email when SMTP
 * is configured, a chat robot when the user's unit has one). The scan and the
 * events (reassignment, supervision issued, import) all call it, the events
 * inside their writing transaction.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { NOTIFICATION_CHANNELS } from "@/lib/domain/notifications";
import { userSeesProjectSql } from "@/lib/data/sql-rules";

type Sql = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Whether email is configured (SMTP_URL): without it no email delivery is made. */
export const emailConfigured = () => Boolean(process.env.SMTP_URL);

/**
 * The recipient conditions every notification about a project meets, on
 * app_user aliased `u` and project `p`: the user is enabled, sees the project
 * (the scope rule), and has not muted `kind`.
 */
export function recipientSql(kind: NotificationKind, userAlias = "u", projectAlias: string | null = "p"): Prisma.Sql {
  const u = Prisma.raw(`"${userAlias}"`);
  const scope = projectAlias ? userSeesProjectSql(userAlias, projectAlias) : Prisma.sql`TRUE`;
  return Prisma.sql`(${u}.disabled_at IS NULL AND ${scope}
    AND NOT EXISTS (SELECT 1 FROM notification_preference np0 WHERE np0.user_id = ${u}.id AND ${kind}::"NotificationKind" = ANY(np0.muted_kinds)))`;
}

/**
 * Inserts the notifications `rows` selects — columns user_id, subject,
 * occasion, project_id, data — and their deliveries. Returns how many were new.
 */
export async function insertNotifications(db: Sql, kind: NotificationKind, rows: Prisma.Sql, { email = emailConfigured() }: { email?: boolean } = {}): Promise<number> {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    WITH ins AS (
      INSERT INTO notification (user_id, kind, subject, occasion, project_id, data)
      SELECT r.user_id, ${kind}::"NotificationKind", r.subject, r.occasion, r.project_id, r.data FROM (${rows}) r
      ON CONFLICT (user_id, kind, subject, occasion) DO NOTHING
      RETURNING id, user_id),
    d AS (
      INSERT INTO notification_delivery (notification_id, channel)
      SELECT ins.id, ch FROM ins
        JOIN app_user u ON u.id = ins.user_id
        LEFT JOIN notification_preference np ON np.user_id = u.id
        CROSS JOIN LATERAL unnest(COALESCE(np.channels, ${[...NOTIFICATION_CHANNELS]}::"NotificationChannel"[])) AS ch
       WHERE (ch = 'EMAIL' AND ${email})
          OR (ch <> 'EMAIL' AND EXISTS (SELECT 1 FROM unit_chat_webhook w WHERE w.unit_id = u.unit_id AND w.channel = ch))
      ON CONFLICT (notification_id, channel) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`;
  return n;
}

/** One event's notification to one user about one project (in the writing transaction). Nothing when the user is disabled, muted it or does not see the project. */
export async function notifyUser(
  tx: Sql,
  e: { kind: NotificationKind; userId: number; projectId: number; subject: string; occasion: string; data?: Record<string, unknown> },
): Promise<number> {
  return insertNotifications(
    tx,
    e.kind,
    Prisma.sql`SELECT u.id AS user_id, ${e.subject}::varchar AS subject, ${e.occasion}::varchar AS occasion, p.id AS project_id, ${JSON.stringify(e.data ?? {})}::jsonb AS data
      FROM app_user u JOIN project p ON p.id = ${e.projectId}
     WHERE u.id = ${e.userId} AND ${recipientSql(e.kind)}`,
  );
}

/**
 * One event's notification to one user about no project (an import they started): nothing when the user is
 * disabled or muted the kind. `occasion` names the event (an import's run id), so a retry notifies once.
 */
export async function notifyUserOfEvent(
  tx: Sql,
  e: { kind: NotificationKind; userId: number; subject: string; occasion: string; data?: Record<string, unknown> },
): Promise<number> {
  return insertNotifications(
    tx,
    e.kind,
    Prisma.sql`SELECT u.id AS user_id, ${e.subject}::varchar AS subject, ${e.occasion}::varchar AS occasion, NULL::int AS project_id, ${JSON.stringify(e.data ?? {})}::jsonb AS data
      FROM app_user u
     WHERE u.id = ${e.userId} AND ${recipientSql(e.kind, "u", null)}`,
  );
}
