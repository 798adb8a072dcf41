/**
 * The activity index: a unit's work in a week from what the product already
 * records, each part counted and weighted by the admin's weights (Admin →
 * Targets and assessment). Pure (no database); lib/data/activity.ts counts.
 * - rounds: negotiation rounds held (round_day_summary);
 * - visitsOut / visitsIn: of them, visits to the investor (VISIT_INVESTOR) and the investor's visits here (VISIT_HERE);
 * - events: promotion events the unit held (their first day);
 * - leads: new projects (their first contact);
 * - signings: projects signed (the first contract, the shared rule);
 * - starts: first construction starts.
 * Weeks are ISO weeks (Monday to Sunday) of the calendar days.
 */
export const ACTIVITY_PARTS = ["rounds", "visitsOut", "visitsIn", "events", "leads", "signings", "starts"] as const;
export type ActivityPart = (typeof ACTIVITY_PARTS)[number];
export type ActivityWeights = Record<ActivityPart, number>;
export type ActivityCounts = Record<ActivityPart, number>;

export const DEFAULT_ACTIVITY_WEIGHTS: ActivityWeights = { rounds: 1, visitsOut: 2, visitsIn: 2, events: 3, leads: 2, signings: 10, starts: 10 };

/** The weights an admin saved, any part missing or out of range taking its default. */
export function activityWeightsOf(saved: unknown): ActivityWeights {
  const s = (saved && typeof saved === "object" ? saved : {}) as Record<string, unknown>;
  return Object.fromEntries(
    ACTIVITY_PARTS.map((p) => {
      const v = s[p];
      return [p, typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1000 ? v : DEFAULT_ACTIVITY_WEIGHTS[p]];
    }),
  ) as ActivityWeights;
}

/** Σ weight × count. */
export function activityIndex(counts: ActivityCounts, weights: ActivityWeights): number {
  return Math.round(ACTIVITY_PARTS.reduce((sum, p) => sum + weights[p] * counts[p], 0) * 100) / 100;
}

/** The Monday starting the ISO week of a UTC-midnight day. */
export function isoWeekStart(day: Date): Date {
  const dow = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - dow));
}
