/**
 * The seed:large users the benchmarks act as (scripts/seed-large.ts), as
 * dashboard actors: one lookup for bench.ts and bench-stalled.ts.
 */
import type pg from "pg";
import type { Actor } from "../../lib/data/dashboard/sql";

export const BENCH_USERS = { city: "large-manager-city@bench.local", county: "large-manager-3@bench.local", officer: "large-officer-3-0@bench.local" } as const;

/** Each of BENCH_USERS as an actor; fails with what to run when the large set is missing. */
export async function benchActors(pool: Pick<pg.Pool, "query">): Promise<Record<keyof typeof BENCH_USERS, Actor>> {
  const { rows } = await pool.query<{ id: number; role: Actor["role"]; unit_id: number; kind: string; email: string }>(
    `SELECT a.id, a.role, a.unit_id, u.kind, a.email FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE a.email = ANY($1)`,
    [Object.values(BENCH_USERS)],
  );
  const actor = (email: string): Actor => {
    const u = rows.find((x) => x.email === email);
    if (!u) throw new Error(`${email} not found: run npm run seed:large first`);
    return { id: u.id, role: u.role, unitId: u.unit_id, unitIsCity: u.kind === "CITY" };
  };
  return { city: actor(BENCH_USERS.city), county: actor(BENCH_USERS.county), officer: actor(BENCH_USERS.officer) };
}
