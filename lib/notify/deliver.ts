import "server-only";
/**
 * Sending the deliveries that are due. A worker claims a batch in one
 * statement (FOR UPDATE SKIP LOCKED: two workers never claim the same row),
 * marking each SENDING until `claimed_until`; it sends each one on its own
 * channel and marks it SENT, or RETRYING with the next attempt after a
 * growing wait (retryDelayMs), or FAILED after MAX_DELIVERY_ATTEMPTS. A
 * worker that dies mid-send leaves its claim to expire (CLAIM_MS), and the
 * delivery is claimed again. One channel's failure touches only its own row.
 */
import type { Db } from "@/lib/db";
import { CLAIM_MS, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "@/lib/domain/notifications";
import type { NotificationChannel, NotificationKind } from "@/lib/generated/prisma/enums";
import { renderNotification, notifyLocale, notifyText } from "@/lib/notify/render";
import { dingtalkBody, dingtalkSignedUrl, emailOf, wecomBody, type Transports } from "@/lib/notify/channels";

type Claimed = {
  id: bigint;
  channel: NotificationChannel;
  attempts: number;
  notification_id: bigint;
  kind: NotificationKind;
  project_id: number | null;
  project_title: string | null;
  data: unknown;
  email: string;
  name: string;
  mobile: string | null;
  disabled: boolean;
  locale: string | null;
  url: string | null;
  secret: string | null;
};

/** Claims up to `limit` due deliveries for this worker. */
async function claim(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const until = new Date(now.getTime() + CLAIM_MS);
  return db.$queryRaw<Claimed[]>`
    WITH c AS (
      UPDATE notification_delivery d SET status = 'SENDING', attempts = d.attempts + 1, claimed_until = ${until}
       WHERE d.id IN (SELECT id FROM notification_delivery
                       WHERE status = 'PENDING' OR (status = 'RETRYING' AND next_attempt_at <= ${now})
                          OR (status = 'SENDING' AND claimed_until < ${now})
                                       ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.channel, d.attempts, d.notification_id)
    SELECT c.id, c.channel, c.attempts, c.notification_id, n.kind, n.project_id, p.title AS project_title, n.data,
           u.email, u.name, u.mobile, u.disabled_at IS NOT NULL AS disabled, np.locale, w.url, w.secret
      FROM c JOIN notification n ON n.id = c.notification_id
      JOIN app_user u ON u.id = n.user_id
      LEFT JOIN project p ON p.id = n.project_id
      LEFT JOIN notification_preference np ON np.user_id = u.id
      LEFT JOIN unit_chat_webhook w ON w.unit_id = u.unit_id AND w.channel = c.channel
     ORDER BY c.id`;
}

async function sendOne(d: Claimed, t: Transports, now: Date): Promise<void> {
  if (d.disabled) throw new Error("the recipient's account is disabled");
  const locale = notifyLocale(d.locale);
  const r = renderNotification({ id: d.notification_id, kind: d.kind, projectId: d.project_id, projectTitle: d.project_title, data: d.data }, locale);
  const open = notifyText("email.open", locale);
  if (d.channel === "EMAIL") {
    if (!t.email) throw new Error("SMTP is not configured");
    await t.email(emailOf(r, d.email, { open, footer: notifyText("email.footer", locale) }, t.baseUrl));
  } else {
    if (!d.url) throw new Error("the unit has no robot for this channel");
    if (d.channel === "WECOM") await t.post(d.url, wecomBody(r, d.name, open, t.baseUrl, d.mobile));
    else await t.post(dingtalkSignedUrl(d.url, d.secret, now), dingtalkBody(r, d.name, open, t.baseUrl, d.mobile));
  }
}

export type SendResult = { sent: number; retrying: number; failed: number };

/** Sends what is due as of `now` (repeatedly, `limit` at a time, until nothing is due). */
export async function sendDue(db: Db, { now, transports, limit = 50 }: { now: Date; transports: Transports; limit?: number }): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = await claim(db, now, limit);
    if (batch.length === 0) return result;
    await Promise.all(batch.map(async (d) => {
      try {
        await sendOne(d, transports, now);
        await db.$executeRaw`UPDATE notification_delivery SET status = 'SENT', sent_at = ${now}, claimed_until = NULL, last_error = NULL WHERE id = ${d.id} AND status = 'SENDING'`;
        result.sent++;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const failed = d.attempts >= MAX_DELIVERY_ATTEMPTS;
        await db.$executeRaw`UPDATE notification_delivery
             SET status = ${failed ? "FAILED" : "RETRYING"}::"DeliveryStatus", last_error = ${message}, claimed_until = NULL,
                 next_attempt_at = ${new Date(now.getTime() + retryDelayMs(d.attempts))}
           WHERE id = ${d.id} AND status = 'SENDING'`;
        if (failed) result.failed++;
        else result.retrying++;
      }
    }));
  }
}
