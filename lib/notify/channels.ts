/**
 * The outside channels: email over SMTP (nodemailer; SMTP_URL, SMTP_FROM) and
 * the group-chat robots' webhooks — WeCom (企业微信) and DingTalk (钉钉), each
 * in the message format its robot takes, DingTalk's signature (加签) when the
 * robot has a secret. Each send throws on failure, with a short reason the
 * admin's delivery log shows.
 */
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { Rendered } from "@/lib/notify/render";

export type EmailMessage = { to: string; subject: string; text: string; html: string };

export type Transports = {
  /** Null when SMTP is not configured. */
  email: ((m: EmailMessage) => Promise<void>) | null;
  /** POSTs JSON to a robot's webhook; throws unless the robot accepted it. */
  post: (url: string, body: unknown) => Promise<void>;
  /** The app's public address, for links (NEXTAUTH_URL). */
  baseUrl: string;
};

/** The notification's other links (the digest's stalled projects), as absolute addresses. */
const linksOf = (r: Rendered, baseUrl: string) => r.links.map((l) => ({ label: l.label, url: new URL(l.href, baseUrl).toString() }));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The email of a notification: plain text and HTML with the same words. */
export function emailOf(r: Rendered, to: string, words: { open: string; footer: string }, baseUrl: string): EmailMessage {
  const link = new URL(r.href, baseUrl).toString();
  const more = linksOf(r, baseUrl);
  return {
    to,
    subject: r.title,
    text: `${r.body}\n${more.map((l) => `\n${l.label}: ${l.url}`).join("")}\n${words.open}: ${link}\n\n${words.footer}\n`,
    html: `<!doctype html><html><body><p>${escapeHtml(r.body)}</p>${more.map((l) => `<p><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(words.open)}</a></p><p style="color:#64748b;font-size:12px">${escapeHtml(words.footer)}</p></body></html>`,
  };
}

/**
 * WeCom group robot. Its markdown message cannot @-mention by mobile number (only `<@userid>`, which the app does
 * not know), its text message can (`mentioned_mobile_list`): a recipient with a mobile number gets a text message
 * that mentions them (the client links the address), one without the markdown message.
 */
export function wecomBody(r: Rendered, recipientName: string, open: string, baseUrl: string, mobile: string | null = null) {
  const link = new URL(r.href, baseUrl).toString();
  const more = linksOf(r, baseUrl);
  if (mobile) return { msgtype: "text", text: { content: `${r.title}\n${recipientName}：${r.body}${more.map((l) => `\n${l.label}: ${l.url}`).join("")}\n${open}: ${link}`, mentioned_mobile_list: [mobile] } };
  return { msgtype: "markdown", markdown: { content: `**${r.title}**\n> ${recipientName}：${r.body}${more.map((l) => `\n[${l.label}](${l.url})`).join("")}\n[${open}](${link})` } };
}

/**
 * DingTalk group robot: markdown message with a title. A recipient with a mobile number is @-mentioned: the number
 * in `at.atMobiles` and "@number" in the text (DingTalk highlights the mention only where the text has it).
 */
export function dingtalkBody(r: Rendered, recipientName: string, open: string, baseUrl: string, mobile: string | null = null) {
  const link = new URL(r.href, baseUrl).toString();
  const who = mobile ? `${recipientName} @${mobile}` : recipientName;
  const more = linksOf(r, baseUrl).map((l) => `[${l.label}](${l.url})\n\n`).join("");
  const body = { msgtype: "markdown", markdown: { title: r.title, text: `#### ${r.title}\n> ${who}：${r.body}\n\n${more}[${open}](${link})` } };
  return mobile ? { ...body, at: { atMobiles: [mobile], isAtAll: false } } : body;
}

/** DingTalk's signed URL: timestamp and HMAC-SHA256 of "timestamp\nsecret", base64, URL-encoded. */
export function dingtalkSignedUrl(url: string, secret: string | null, now: Date): string {
  if (!secret) return url;
  const timestamp = String(now.getTime());
  const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  const u = new URL(url);
  u.searchParams.set("timestamp", timestamp);
  u.searchParams.set("sign", sign);
  return u.toString();
}

/** Both robots answer 200 with {"errcode": 0} when they took the message. */
export async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await res.text().catch(() => "");
  if (!res.ok) throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`.trim());
  let answer: { errcode?: number; errmsg?: string } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    /* a receiver that answers 200 without JSON took it */
  }
  if (typeof answer.errcode === "number" && answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}: ${answer.errmsg ?? ""}`.trim());
}

/** The transports the environment configures: SMTP_URL (smtp:// or smtps://user:pass@host:port) and SMTP_FROM. */
export function transportsFromEnv(env: Record<string, string | undefined> = process.env): Transports {
  const smtp = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL, { from: env.SMTP_FROM }) : null;
  return {
    email: smtp ? async (m) => void (await smtp.sendMail({ ...m, from: env.SMTP_FROM ?? "crm@localhost" })) : null,
    post: postJson,
    baseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`,
  };
}
