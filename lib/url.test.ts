import { describe, expect, it } from "vitest";
import { hrefTo, hrefWith } from "@/lib/url";

describe("hrefWith", () => {
  it("keeps the query, repeated parameters too, sets the changes and drops empty values", () => {
    expect(hrefWith("/dashboard", { period: "year", year: "2025", stage: ["A", "B"], empty: "", officers: "x" }, { officers: "all" })).toBe(
      "/dashboard?period=year&year=2025&stage=A&stage=B&officers=all",
    );
  });
  it("removes a parameter changed to undefined, and leaves no bare question mark", () => {
    expect(hrefWith("/companies", { page: "3" }, { page: undefined })).toBe("/companies");
  });
});

describe("hrefTo", () => {
  it("is the path alone without a query, and path?query with one", () => {
    expect(hrefTo("/projects", new URLSearchParams())).toBe("/projects");
    expect(hrefTo("/projects", new URLSearchParams({ stage: "INTENT" }))).toBe("/projects?stage=INTENT");
  });
});
