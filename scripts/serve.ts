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
 *
 * The primary restarts a worker that exits, and replaces one that is wedged:
 * every CHECK_INTERVAL_MS it calls each worker's GET /api/health on a port of
 * that worker's own (127.0.0.1 only, health alone), and kills a worker that
 * misses MISSES_BEFORE_REPLACING checks in a row (scripts/lib/worker-watch.ts).
 */
import cluster from "node:cluster";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import next from "next";
import { checkWorker, WorkerWatch, type CheckResult } from "./lib/worker-watch";
import { withServerHeaders } from "../lib/auth/client-address";
import { env } from "../lib/env";

const port = Number(process.env.PORT ?? 3000);
const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
/** A worker that dies sooner than this after starting is not restarted: it would only die again. */
const MIN_UPTIME_MS = 10_000;
const CHECK_INTERVAL_MS = 10_000;
/** The health route answers within 2 s whatever the database does; no answer in this long means the process is stuck. */
const CHECK_TIMEOUT_MS = 5_000;
const MISSES_BEFORE_REPLACING = 3;

type HealthPortMessage = { type: "health-port"; port: number };

async function serve() {
  const app = next({ dev: false, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The client's address from the socket (or the trusted proxies), stamped where no client can forge it.
  http.createServer(withServerHeaders((req, res) => void handle(req, res), env().TRUSTED_PROXY_HOPS)).listen(port);
  if (cluster.isWorker) {
    // The shared port hands a request to any worker; the primary's check must reach this one.
    const check = http.createServer((req, res) => (req.url === "/api/health" ? void handle(req, res) : void res.writeHead(404).end()));
    check.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      process.send?.({ type: "health-port", port: (check.address() as AddressInfo).port } satisfies HealthPortMessage);
    });
  }
}

function supervise() {
  let stopping = false;
  const started = new Map<number, number>();
  const healthPorts = new Map<number, number>();
  const replaced = new Set<number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    worker.on("message", (message: HealthPortMessage) => {
      if (message?.type === "health-port") healthPorts.set(worker.id, message.port);
    });
  };
  for (let i = 0; i < processes; i++) fork();

  const watch = new WorkerWatch(MISSES_BEFORE_REPLACING);
  let checking = false;
  setInterval(async () => {
    if (checking || stopping) return;
    checking = true;
    try {
      const results = new Map<number, CheckResult>(
        await Promise.all([...healthPorts].map(async ([id, port]) => [id, await checkWorker(port, CHECK_TIMEOUT_MS)] as const)),
      );
      for (const id of watch.round(results)) {
        const worker = cluster.workers?.[id];
        if (!worker || stopping) continue;
        console.error(`Server process ${worker.process.pid} missed ${MISSES_BEFORE_REPLACING} health checks in a row: replacing it.`);
        replaced.add(id);
        worker.process.kill("SIGKILL");
      }
    } finally {
      checking = false;
    }
  }, CHECK_INTERVAL_MS).unref();

  cluster.on("exit", (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker.id) ?? 0);
    healthPorts.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (replaced.delete(worker.id)) return fork();
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
