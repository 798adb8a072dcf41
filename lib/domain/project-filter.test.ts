/**
 * The project filter in the address bar (the list's, and the dashboard links'): good values
 * are read, bad ones are dropped (as every list parameter is) rather than
 * turning into an error page.
 */
import { describe, expect, it } from "vitest";
import { fromSearchParams, narrowsList, projectsHref, toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";

const q = (params: Record<string, string | string[]>) => fromSearchParams(params);
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("project list query: the dashboard's filters", () => {
  it("stalled is one of the dashboard's steps past the limit (0, 30, 60); anything else is ignored", () => {
    expect(q({ stalled: "0" }).stalled).toBe(0);
    expect(q({ stalled: "30" }).stalled).toBe(30);
    expect(q({ stalled: "60" }).stalled).toBe(60);
    for (const bad of ["45", "90", "-30", "30.5", "abc", ""]) expect(q({ stalled: bad }).stalled).toBeUndefined();
    expect(q({ stalled: ["60", "45"] }).stalled).toBe(60);
  });

  it("signed and started ranges are ISO days (UTC midnight); bad days are ignored, the other end kept", () => {
    expect(q({ signedFrom: "2024-01-01", signedTo: "2024-04-01" })).toMatchObject({ signedFrom: day("2024-01-01"), signedTo: day("2024-04-01") });
    expect(q({ startedFrom: "2024-01-01", startedTo: "2024-04-01" })).toMatchObject({ startedFrom: day("2024-01-01"), startedTo: day("2024-04-01") });
    const bad = q({ signedFrom: "2024-13-01", signedTo: "2024-04-01", startedFrom: "yesterday", startedTo: "01/04/2024" });
    expect(bad.signedFrom).toBeUndefined();
    expect(bad.signedTo).toEqual(day("2024-04-01"));
    expect(bad.startedFrom).toBeUndefined();
    expect(bad.startedTo).toBeUndefined();
    expect(q({ signedFrom: "1900-01-01" }).signedFrom).toBeUndefined();
  });

  it("the first contract's minimum is an amount; the country a two-letter code", () => {
    expect(q({ minSignedCny: "100000000" }).minSignedCny).toBe("100000000");
    expect(q({ minSignedCny: "1,000" }).minSignedCny).toBe("1000");
    for (const bad of ["-5", "1e9", "abc"]) expect(q({ minSignedCny: bad }).minSignedCny).toBeUndefined();
    expect(q({ countryCode: "us" }).countryCode).toBe("US");
    for (const bad of ["USA", "1A", "中国"]) expect(q({ countryCode: bad }).countryCode).toBeUndefined();
  });

  it("a bad new parameter leaves the others alone", () => {
    expect(q({ stalled: "45", stage: "SIGNED", signedFrom: "x", unitId: "3" })).toMatchObject({ stalled: undefined, stage: "SIGNED", signedFrom: undefined, unitId: 3 });
  });
});

describe("the filter in the address bar and back", () => {
  it("toSearchParams is the inverse of fromSearchParams, for every kind of field", () => {
    const filter: ProjectFilter = fromSearchParams({
      q: "钢铁", stage: "SIGNED", sectorId: "3", ownerId: "9", minAmount: "1000.50", overdue: "1", stalled: "60",
      signedFrom: "2024-01-01", signedTo: "2024-04-01", reached: "INTENT", reachedFrom: "2024-01-01", countryCode: "de", sort: "amount", page: "2",
    });
    expect(filter).toMatchObject({ stage: "SIGNED", sectorId: 3, overdue: true, stalled: 60, countryCode: "DE", reached: "INTENT", page: 2 });
    expect(fromSearchParams(toSearchParams(filter))).toEqual(filter);
    expect(fromSearchParams(new URLSearchParams(toSearchParams(filter).toString()))).toEqual(filter);
  });
  it("leaves unset fields out of the link, and a link with none has no question mark", () => {
    expect(toSearchParams({ stage: "INTENT", unitId: undefined, overdue: undefined }).toString()).toBe("stage=INTENT");
    expect(projectsHref({})).toBe("/projects");
    expect(projectsHref({ signedFrom: day("2024-01-01"), ownerId: 4 })).toBe("/projects?ownerId=4&signedFrom=2024-01-01");
  });
  it("sort and page do not narrow the list; any filter does", () => {
    expect(narrowsList(fromSearchParams({ sort: "title", dir: "asc", page: "3" }))).toBe(false);
    expect(narrowsList(fromSearchParams({ overdue: "1" }))).toBe(true);
    expect(narrowsList(fromSearchParams({ overdue: "0" }))).toBe(false);
  });
});
