import { poolOf, type Db } from "@/lib/db";

/** The health check's answer comes within this, whatever the database does. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Is the database answering this process? `SELECT 1` through the app's own
 * pool (so a pool that cannot hand out a connection fails the check too),
 * given at most `timeoutMs`: a connection the statement hangs on is destroyed
 * by pg at the same limit.
 */
export async function databaseAnswers(client: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = poolOf(client)
    .query({ text: "SELECT 1", query_timeout: timeoutMs } as { text: string })
    .then(() => true as const)
    .catch((error: unknown) => {
      console.error("health: database check failed", error instanceof Error ? error.message : error);
      return false as const;
    });
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when the database answers, 503 (within HEALTH_TIMEOUT_MS) when it does not. */
export async function healthResponse(client: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Response> {
  return (await databaseAnswers(client, timeoutMs))
    ? Response.json({ status: "ok", db: "ok" })
    : Response.json({ status: "error", db: "unreachable" }, { status: 503 });
}
