/**
 * Serves the built app (`npm start` runs this after migrating and building):
 * one Next.js server process per CPU core, sharing the port through Node's
 * cluster module. A Node process renders pages on one core only; on the
 * 2-core machines the bench (bench/results.md) showed page rendering, not the
 * database, was what made 10 concurrent users wait. The processes share
 * nothing but the database (sessions are JWT cookies checked against it), as
 * separate instances behind a load balancer would.
 *
 * WEB_CONCURRENCY sets the number of processes (default: the CPU count);
 * 1 serves from this process alone.
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { withServerHeaders } from "../lib/auth/client-address";
import { env } from "../lib/env";

const port = Number(process.env.PORT ?? 3000);
const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
/** A worker that dies sooner than this after starting is not restarted: it would only die again. */
const MIN_UPTIME_MS = 10_000;

async function serve() {
  const app = next({ dev: false, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The client's address from the socket (or the trusted proxies), stamped where no client can forge it.
  http.createServer(withServerHeaders((req, res) => void handle(req, res), env().TRUSTED_PROXY_HOPS)).listen(port);
}

function supervise() {
  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
  };
  for (let i = 0; i < processes; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker.id) ?? 0);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    console.error(`Server process ${worker.process.pid} ended (${signal ?? code}).`);
    if (uptime < MIN_UPTIME_MS) {
      stop();
      process.exitCode = code || 1;
      return;
    }
    fork();
  });

  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (cluster.isPrimary && processes > 1) {
  supervise();
} else {
  serve().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
