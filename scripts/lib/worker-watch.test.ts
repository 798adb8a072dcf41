import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { checkWorker, WorkerWatch, type CheckResult } from "./worker-watch";

const rounds = (watch: WorkerWatch, ...all: Record<number, CheckResult>[]) =>
  all.map((r) => watch.round(new Map(Object.entries(r).map(([id, result]) => [Number(id), result]))));

describe("which server processes the supervisor replaces", () => {
  it("replaces a worker that gives no answer three rounds in a row, and only that one", () => {
    const watch = new WorkerWatch(3);
    expect(rounds(watch, { 1: "ok", 2: "no-answer" }, { 1: "ok", 2: "no-answer" }, { 1: "ok", 2: "no-answer" })).toEqual([[], [], [2]]);
  });

  it("a worker whose database check fails while another's succeeds has stuck connections: replaced", () => {
    const watch = new WorkerWatch(3);
    expect(rounds(watch, { 1: "ok", 2: "db-down" }, { 1: "ok", 2: "db-down" }, { 1: "ok", 2: "db-down" })).toEqual([[], [], [2]]);
  });

  it("nobody is replaced while the database is down for every worker", () => {
    const watch = new WorkerWatch(3);
    const down = { 1: "db-down", 2: "db-down" } as const;
    expect(rounds(watch, down, down, down, down, down).flat()).toEqual([]);
  });

  it("an answer in between starts the count again", () => {
    const watch = new WorkerWatch(3);
    expect(rounds(watch, { 1: "no-answer" }, { 1: "no-answer" }, { 1: "ok" }, { 1: "no-answer" }, { 1: "no-answer" }).flat()).toEqual([]);
  });

  it("forgets a worker that is gone (its replacement gets a new id)", () => {
    const watch = new WorkerWatch(2);
    expect(rounds(watch, { 1: "no-answer", 2: "ok" }, { 2: "ok", 3: "no-answer" }, { 2: "ok", 3: "ok" }, { 1: "no-answer", 2: "ok" }).flat()).toEqual([]);
  });
});

describe("checking one worker's health", () => {
  const servers: http.Server[] = [];
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  async function serve(handler: http.RequestListener) {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  it("200 is ok, 503 is the database, silence is no answer", async () => {
    const ok = await serve((_req, res) => res.end("{}"));
    const down = await serve((_req, res) => res.writeHead(503).end("{}"));
    const wedged = await serve(() => {}); // takes the request and never answers
    expect(await checkWorker(ok, 2_000)).toBe("ok");
    expect(await checkWorker(down, 2_000)).toBe("db-down");
    expect(await checkWorker(wedged, 200)).toBe("no-answer");
  });
});
