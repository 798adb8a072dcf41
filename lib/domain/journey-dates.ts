/**
 * The journey's dates in order: first contact ≤ every negotiation round,
 * first contact ≤ signing ≤ construction start ≤ funds in place. One rule for
 * the forms' actions (lib/data/stage.ts, rounds.ts, funds.ts) and the importer
 * (lib/import/validate.ts). Rounds go on after signing (the app takes rounds
 * in every stage but LOST), so a round is bound by the first contact only.
 * Pure: dates as YYYY-MM-DD, no database.
 */
import { RuleError } from "@/lib/errors";

export type JourneyDate = "firstContact" | "round" | "signed" | "start" | "funds";

/** [earlier, later]: a `later` date is never before an `earlier` one. Nearest pairs first: a conflict names the closest date. */
const ORDER: readonly (readonly [JourneyDate, JourneyDate])[] = [
  ["start", "funds"],
  ["signed", "funds"],
  ["signed", "start"],
  ["firstContact", "round"],
  ["firstContact", "signed"],
  ["firstContact", "start"],
  ["firstContact", "funds"],
];

/** The project's dates as known: the earliest of each kind (its first contract, its first start …); absent or null when it has none. */
export type KnownDates = Partial<Record<JourneyDate, string | null>>;

/** The date a new or changed date conflicts with: it may not be `before` it (or `after` it). */
export type DateConflict = { before: JourneyDate; date: string } | { after: JourneyDate; date: string };

/** Where `date` (of kind `kind`) breaks the order against the `known` dates; null when it keeps it. */
export function journeyDateConflict(kind: JourneyDate, date: string, known: KnownDates): DateConflict | null {
  for (const [earlier, later] of ORDER) {
    const other = known[earlier === kind ? later : earlier];
    if (!other) continue;
    if (later === kind && date < other) return { before: earlier, date: other };
    if (earlier === kind && date > other) return { after: later, date: other };
  }
  return null;
}

/** The field error's message key (under journey.validation.dates) and its values. */
export function dateConflictMessage(c: DateConflict): { key: string; values: { date: string } } {
  return "before" in c
    ? { key: `journey.validation.dates.before.${c.before}`, values: { date: c.date } }
    : { key: `journey.validation.dates.after.${c.after}`, values: { date: c.date } };
}

/**
 * Refuses (RuleError, field error next to `field` naming the date it conflicts
 * with) a `date` of kind `kind` that breaks the order against `known`.
 */
export function assertJourneyDate(field: string, kind: JourneyDate, date: string, known: KnownDates): void {
  const conflict = journeyDateConflict(kind, date, known);
  if (!conflict) return;
  const { key, values } = dateConflictMessage(conflict);
  throw new RuleError("journey.rules.datesOutOfOrder", { [field]: key }, { [field]: { date: new Date(`${values.date}T00:00:00Z`) } });
}
