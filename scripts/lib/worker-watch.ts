/**
 * How scripts/serve.ts tells a wedged server process from a database outage.
 * The primary checks each worker's GET /api/health on the worker's own private
 * port, round after round. A worker misses a round when its check got no answer
 * in time, or when it answered "database unreachable" while another worker's
 * database answered (then its own connections are stuck, not the database).
 * A worker that misses `limit` rounds in a row is replaced. While the database
 * is down for every worker nobody is replaced: a new process would not help.
 */
export type CheckResult = "ok" | "db-down" | "no-answer";

export class WorkerWatch {
  private readonly misses = new Map<number, number>();

  constructor(readonly limit = 3) {}

  /** One round of checks (worker id → result); returns the ids of the workers to replace. */
  round(results: ReadonlyMap<number, CheckResult>): number[] {
    const someoneHealthy = [...results.values()].includes("ok");
    const replace: number[] = [];
    for (const id of this.misses.keys()) if (!results.has(id)) this.misses.delete(id);
    for (const [id, result] of results) {
      const missed = result === "no-answer" || (result === "db-down" && someoneHealthy);
      const count = missed ? (this.misses.get(id) ?? 0) + 1 : 0;
      if (count >= this.limit) {
        replace.push(id);
        this.misses.delete(id);
      } else {
        this.misses.set(id, count);
      }
    }
    return replace;
  }
}

/** One worker's health check on its private port: 200 is "ok", any other answer "db-down", none within `timeoutMs` "no-answer". */
export async function checkWorker(port: number, timeoutMs: number): Promise<CheckResult> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200 ? "ok" : "db-down";
  } catch {
    return "no-answer";
  }
}
