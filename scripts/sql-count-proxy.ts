/**
 * `npx tsx scripts/sql-count-proxy.ts`: a counting relay between an app server
 * and PostgreSQL, for the bench's "statements per page as served"
 * (scripts/bench.ts, BENCH_SQL_COUNTER_URL).
 *
 * It listens on SQL_PROXY_PORT (default 6543) and passes every byte, unchanged,
 * to the server of DATABASE_URL; on the way it reads the frontend messages of
 * PostgreSQL's wire protocol and counts the statements the clients send: each
 * Execute ('E', the extended protocol Prisma and pg use for a query with
 * parameters) and each simple Query ('Q'; BEGIN, COMMIT and ROLLBACK are
 * counted apart as transaction control). `GET http://127.0.0.1:SQL_PROXY_CONTROL_PORT/`
 * (default 6544) answers `{"statements": n, "transactionControl": m}`.
 *
 * Nothing in the app changes: start the production server with DATABASE_URL
 * pointing at the relay (same user and database, port 6543). The bench sends
 * one request at a time while nothing else runs and reads the counters before
 * and after; what the server does in the background (the supervisor's health
 * check, one `SELECT 1` per worker every 10 s) is why it takes the median of
 * several requests. The relay adds one local hop to every statement: measure
 * latency without it.
 */
import http from "node:http";
import net from "node:net";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const target = { host: url.hostname || "127.0.0.1", port: Number(url.port || 5432) };
const listenPort = Number(process.env.SQL_PROXY_PORT ?? 6543);
const controlPort = Number(process.env.SQL_PROXY_CONTROL_PORT ?? 6544);

const counts = { statements: 0, transactionControl: 0 };
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const TX_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|END)\b/i;

/** A reader of one connection's frontend messages, fed chunk by chunk (a message may span chunks). */
export function frontendCounter(onStatement: (kind: "execute" | "query" | "control") => void) {
  let started = false;
  let header = Buffer.alloc(0); // the type byte and length being read (5 bytes; 8 before startup)
  let skip = 0; // bytes of the current message body still to pass
  let type = 0;
  let queryHead: Buffer | null = null; // the first bytes of a simple query's text
  return (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - at);
        if (queryHead && queryHead.length < 32) queryHead = Buffer.concat([queryHead, chunk.subarray(at, at + Math.min(n, 32 - queryHead.length))]);
        skip -= n;
        at += n;
        if (skip === 0 && queryHead) {
          onStatement(TX_CONTROL.test(queryHead.toString("utf8")) ? "control" : "query");
          queryHead = null;
        }
        continue;
      }
      const want = started ? 5 : 8;
      const n = Math.min(want - header.length, chunk.length - at);
      header = Buffer.concat([header, chunk.subarray(at, at + n)]);
      at += n;
      if (header.length < want) continue;
      if (!started) {
        const length = header.readInt32BE(0);
        const code = header.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) started = true;
        skip = length - 8;
      } else {
        type = header[0];
        skip = header.readInt32BE(1) - 4;
        if (type === 0x45 /* E */) onStatement("execute");
        if (type === 0x51 /* Q */) queryHead = Buffer.alloc(0);
      }
      header = Buffer.alloc(0);
      if (skip === 0 && queryHead) {
        onStatement("query");
        queryHead = null;
      }
    }
  };
}

function main() {
  net
    .createServer((client) => {
      const upstream = net.connect(target);
      const count = frontendCounter((kind) => (kind === "control" ? counts.transactionControl++ : counts.statements++));
      client.on("data", (chunk: Buffer) => {
        count(chunk);
        upstream.write(chunk);
      });
      upstream.pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", close).on("close", close);
      upstream.on("error", close).on("close", close);
    })
    .listen(listenPort, "127.0.0.1", () => console.log(`sql-count-proxy: 127.0.0.1:${listenPort} → ${target.host}:${target.port}; counts on http://127.0.0.1:${controlPort}/`));
  http
    .createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(counts)))
    .listen(controlPort, "127.0.0.1");
}

if (process.argv[1]?.endsWith("sql-count-proxy.ts")) main();
