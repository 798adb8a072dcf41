import { describe, expect, it } from "vitest";
import { quarterPeriod } from "@/lib/domain/period";
import { asOfDay, deliveryCutoff, fulfilled, isDue, isMet, isPastDeadline, rate } from "@/lib/domain/delivery-rates";
import { fromSearchParams, toSearchParams } from "@/lib/domain/project-filter";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const Q1 = quarterPeriod(2024, 1);

describe("delivery rates: the rules", () => {
  it("count as of the period's end, or today while it runs", () => {
    expect(deliveryCutoff(Q1, d("2024-04-10"))).toEqual(d("2024-04-01"));
    expect(deliveryCutoff(Q1, d("2024-03-20"))).toEqual(d("2024-03-21"));
    expect(asOfDay(d("2024-04-01"))).toEqual(d("2024-03-31"));
  });

  it("a milestone due on the period's last day is due; reached that day it is met; the replaced promise does not count", () => {
    const cut = d("2024-04-01");
    expect(isDue({ dueOn: d("2024-03-31"), reachedOn: null }, cut)).toBe(true);
    expect(isDue({ dueOn: d("2024-04-01"), reachedOn: null }, cut)).toBe(false);
    expect(isDue({ dueOn: d("2024-02-15"), reachedOn: null, replaced: true }, cut)).toBe(false);
    expect(isMet({ dueOn: d("2024-03-31"), reachedOn: d("2024-03-31") })).toBe(true);
    expect(isMet({ dueOn: d("2024-03-31"), reachedOn: d("2024-04-01") })).toBe(false);
  });

  it("past its deadline: due before the as-of day and not reached by it (due on the as-of day is not yet late)", () => {
    const cut = d("2024-04-01");
    expect(isPastDeadline({ dueOn: d("2024-03-30"), reachedOn: null }, cut)).toBe(true);
    expect(isPastDeadline({ dueOn: d("2024-03-31"), reachedOn: null }, cut)).toBe(false);
    expect(isPastDeadline({ dueOn: d("2024-03-01"), reachedOn: d("2024-03-15") }, cut)).toBe(false);
    expect(isPastDeadline({ dueOn: d("2024-03-01"), reachedOn: d("2024-04-02") }, cut)).toBe(true);
  });

  it("履约率 counts a project once, fulfilled only when every due milestone was met; no denominator, no rate", () => {
    const cut = d("2024-04-01");
    expect(fulfilled([], cut)).toBeNull();
    expect(fulfilled([{ dueOn: d("2024-06-30"), reachedOn: null }], cut)).toBeNull();
    expect(fulfilled([{ dueOn: d("2024-01-20"), reachedOn: d("2024-01-20") }, { dueOn: d("2024-06-30"), reachedOn: null }], cut)).toBe(true);
    expect(fulfilled([{ dueOn: d("2024-01-20"), reachedOn: d("2024-01-20") }, { dueOn: d("2024-03-01"), reachedOn: d("2024-03-02") }], cut)).toBe(false);
    expect(rate(2, 5)).toBe(0.4);
    expect(rate("40000000.00", "0")).toBeNull();
  });

  it("the list's delivery filter round-trips through the address", () => {
    const f = fromSearchParams(new URLSearchParams("delivery=pastDue&deliveryTo=2024-04-01&signedFrom=2024-01-01"));
    expect(f).toMatchObject({ delivery: "pastDue", deliveryTo: d("2024-04-01") });
    expect(fromSearchParams(toSearchParams(f))).toEqual(f);
    expect(fromSearchParams(new URLSearchParams("delivery=everything")).delivery).toBeUndefined();
  });
});
