/**
 * Real receivers for the reminder tests: an SMTP server (smtp-server) that
 * records every message that arrived, and an HTTP server standing in for the
 * WeCom and DingTalk robots that records every POST and can be told to fail.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Mail = { to: string[]; subject: string; text: string; raw: string };

/** Decodes RFC 2047 words (=?UTF-8?B?…?= / Q) in a header. */
function decodeWords(s: string): string {
  return s.replace(/\r?\n[ \t]/g, "").replace(/=\?utf-8\?([bq])\?(.*?)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQ(data),
  );
}
function decodeQ(data: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === "_") bytes.push(32);
    else if (data[i] === "=") { bytes.push(parseInt(data.slice(i + 1, i + 3), 16)); i += 2; }
    else bytes.push(data.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

export async function startSmtpReceiver() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const header = raw.split(/\r?\n\r?\n/)[0];
        const subject = decodeWords(/^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(header)?.[1] ?? "");
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text: raw, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export type Post = {
  path: string;
  query: URLSearchParams;
  body: {
    msgtype?: string;
    markdown?: { content?: string; title?: string; text?: string };
    text?: { content?: string; mentioned_mobile_list?: string[] };
    at?: { atMobiles?: string[]; isAtAll?: boolean };
  };
};

export async function startWebhookReceiver() {
  const posts: Post[] = [];
  const state = { failing: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (state.failing) return void res.writeHead(500).end("robot down");
      const url = new URL(req.url ?? "/", "http://x");
      posts.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { posts, state, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}
