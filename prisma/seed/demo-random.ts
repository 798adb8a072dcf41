/**
 * The few primitives the demo seed is built from: a seeded PRNG, calendar
 * dates and money strings. Everything the seed writes derives from these, so
 * the same code always produces the same rows (no Date.now(), no Math.random()).
 */

/** A small deterministic random source (mulberry32). */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (probability) => next() < probability,
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;

/** A calendar date (for @db.Date columns): midnight UTC of "YYYY-MM-DD". */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The story's time span: the bureau started using the CRM's data in 2022. */
export const DEMO_START = day("2022-01-04");
/** "Today" in the story; nothing happens after it except planned follow-ups. */
export const DEMO_END = day("2026-11-30");

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * A moment on a calendar date at a Beijing wall-clock time (UTC+8), for
 * timestamptz columns: events happen in office hours, not at midnight UTC.
 */
export function at(date: Date, hour: number, minute = 0): Date {
  return new Date(date.getTime() + (hour - 8) * 3_600_000 + minute * 60_000);
}

// ---------------------------------------------------------------- money

/**
 * Amounts are kept as integers in the unit officials count in (万元 for yuan,
 * thousands for dollars) and written as exact decimal strings, never floats.
 */
export function yuanFromWan(wan: number): string {
  if (!Number.isSafeInteger(wan) || wan < 0) throw new Error(`bad 万元 amount ${wan}`);
  return wan === 0 ? "0.00" : `${wan}0000.00`;
}

export function usdFromThousands(thousands: number): string {
  if (!Number.isSafeInteger(thousands) || thousands < 0) throw new Error(`bad USD amount ${thousands}k`);
  return thousands === 0 ? "0.00" : `${thousands}000.00`;
}

/** Fixed planning rate for the foreign-currency share of a yuan amount. */
export const CNY_PER_USD = 7.1;

/** Splits an integer total into `parts` positive integers with random weights. */
export function splitInteger(rng: Rng, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 1 + rng.next() * 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  shares[parts - 1] += total - shares.reduce((a, b) => a + b, 0); // remainder to the last
  return shares;
}
