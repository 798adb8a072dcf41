/**
 * Results kept while the data they were computed from has not changed.
 *
 * data_version (see its migrations) holds two numbers that move at the commit
 * of every transaction that changes what they guard: `records` (everything the
 * dashboard, the board's totals and the filter options read) and `activity`
 * (negotiation rounds and the follow-up columns of project; migration
 * 20261201072000). A value computed at a version is exactly what a fresh
 * computation would return until that version moves: it is served again, and
 * never after. Requests that arrive while the same value is being computed
 * wait for that computation instead of starting their own; a failed
 * computation is not kept.
 *
 * In-process (each server process has its own); at most `maxEntries` values,
 * least recently used out first.
 */
import type { Db } from "@/lib/db";

export type DataVersion = { records: bigint; activity: bigint };

/**
 * The current data versions (committed transactions only; both in one snapshot). Activity is the sum of its rows
 * (ids 2..9: a committing transaction moves one of them, so concurrent commits do not queue on one row; migration
 * 20261201220000): it grows by one with each committed transaction that moved it.
 */
export async function dataVersion(db: Db): Promise<DataVersion> {
  // Plain SQL: read on every dashboard and list request (see session-user.ts).
  const rows = await db.$queryRaw<{ id: number; version: bigint }[]>`SELECT id, version FROM data_version`;
  let activity = BigInt(0);
  for (const r of rows) if (r.id >= 2) activity += BigInt(r.version);
  return { records: rows.find((r) => r.id === 1)!.version, activity };
}

/**
 * The version a value is keyed on: `records` for what reads no round nor follow-up date, `all` otherwise (a
 * transaction that moves records may leave activity where it was, so what reads activity is keyed on both).
 */
export function versionKey(version: DataVersion, reads: "records" | "all"): string {
  return reads === "records" ? `r${version.records}` : `r${version.records}a${version.activity}`;
}

/**
 * The stamps of data_source_version (migration 20261201230000): per source (a table, "project.<column>", "project",
 * "*"), the records version of the last transaction that changed it, with data_version's two numbers (as "@1" and
 * "@2", activity being the sum of its rows as in dataVersion), all in one snapshot. A source never stamped is absent
 * (read it as 0).
 */
export async function sourceVersions(db: Db): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<{ source: string; version: bigint }[]>`
    SELECT source, version FROM data_source_version
    UNION ALL SELECT '@1', version FROM data_version WHERE id = 1
    UNION ALL SELECT '@2', sum(version)::bigint FROM data_version WHERE id >= 2`;
  return new Map(rows.map((r) => [r.source, r.version]));
}

/** The version a value reading `sources` is keyed on: their stamps (a source never stamped: 0). */
export function sourcesKey(stamps: Map<string, bigint>, sources: readonly string[]): string {
  return sources.map((s) => String(stamps.get(s) ?? 0n)).join(",");
}

type Entry<T> = { version: string; value: Promise<T> };

export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries: number) {}

  /** The value for `key` computed at `version`, computing it if there is none. */
  get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key); // re-inserted: most recently used last
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry: Entry<T> = { version, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }
}
