/**
 * Results kept while the data they were computed from has not changed.
 *
 * data_version (see its migrations) moves at the commit of every transaction
 * that changes what the dashboard and the filter options show. A value
 * computed at version V is exactly what a fresh computation would return
 * until V moves: it is served again, and never after. Requests that arrive
 * while the same value is being computed wait for that computation instead of
 * starting their own; a failed computation is not kept.
 *
 * In-process (each server process has its own); at most `maxEntries` values,
 * least recently used out first.
 */
import type { Db } from "@/lib/db";

/** The current data version (committed transactions only). */
export async function dataVersion(db: Db): Promise<bigint> {
  // Plain SQL: read on every dashboard and list request (see session-user.ts).
  const [row] = await db.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version WHERE id = 1`;
  return row.version;
}

type Entry<T> = { version: bigint; value: Promise<T> };

export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries: number) {}

  /** The value for `key` computed at `version`, computing it if there is none. */
  get(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
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
