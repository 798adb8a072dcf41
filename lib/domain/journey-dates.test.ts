import { describe, expect, it } from "vitest";
import { dateConflictMessage, journeyDateConflict } from "@/lib/domain/journey-dates";

describe("journeyDateConflict", () => {
  const known = { firstContact: "2024-03-01", signed: "2024-05-01", start: "2024-07-01" };

  it("keeps dates in order: first contact ≤ rounds, first contact ≤ signing ≤ start ≤ funds", () => {
    expect(journeyDateConflict("round", "2024-03-01", known)).toBeNull();
    expect(journeyDateConflict("round", "2024-09-01", known)).toBeNull(); // rounds go on after signing
    expect(journeyDateConflict("signed", "2024-03-01", { firstContact: "2024-03-01" })).toBeNull();
    expect(journeyDateConflict("funds", "2024-07-01", known)).toBeNull();
  });

  it("names the closest date a new date is before", () => {
    expect(journeyDateConflict("round", "2024-02-29", known)).toEqual({ before: "firstContact", date: "2024-03-01" });
    expect(journeyDateConflict("signed", "2024-02-29", { firstContact: "2024-03-01" })).toEqual({ before: "firstContact", date: "2024-03-01" });
    expect(journeyDateConflict("start", "2024-04-30", known)).toEqual({ before: "signed", date: "2024-05-01" });
    expect(journeyDateConflict("funds", "2024-02-01", known)).toEqual({ before: "start", date: "2024-07-01" });
    expect(journeyDateConflict("funds", "2024-06-30", { ...known, start: null })).toBeNull();
  });

  it("names the date a changed earlier date would pass", () => {
    expect(journeyDateConflict("firstContact", "2024-05-02", { signed: "2024-05-01" })).toEqual({ after: "signed", date: "2024-05-01" });
    expect(journeyDateConflict("firstContact", "2024-05-01", { signed: "2024-05-01" })).toBeNull();
    expect(journeyDateConflict("signed", "2024-08-01", known)).toEqual({ after: "start", date: "2024-07-01" });
  });

  it("ignores dates the project does not have", () => {
    expect(journeyDateConflict("start", "2000-01-01", {})).toBeNull();
    expect(journeyDateConflict("start", "2000-01-01", { signed: null, firstContact: undefined })).toBeNull();
  });

  it("gives the field error's key and the date it names", () => {
    expect(dateConflictMessage({ before: "firstContact", date: "2024-03-01" })).toEqual({ key: "journey.validation.dates.before.firstContact", values: { date: "2024-03-01" } });
    expect(dateConflictMessage({ after: "signed", date: "2024-05-01" })).toEqual({ key: "journey.validation.dates.after.signed", values: { date: "2024-05-01" } });
  });
});
