/** For report tests: a report's delivery rates (lib/domain/delivery-rates.ts) from counts, rates worked out by the one rule. */
import { RATE_NAMES, rateOf, type RateName } from "@/lib/domain/delivery-rates";
import type { RateCounts } from "@/lib/data/dashboard/delivery-rates";
import type { Report } from "./build-report";
import { FIGURE_KIND_LIST } from "@/lib/domain/milestones";

export const NO_RATES: RateCounts = {
  signed: 0, started: 0, producing: 0, fundedCny: 0, fundedUsd: 0, contractedCny: "0", contractedUsd: "0", fundsCny: "0", fundsUsd: "0",
  due: 0, met: 0, pastDue: 0, startDue: 0, startMet: 0, productionDue: 0, productionMet: 0,
};

const line = (c: Partial<RateCounts>) => {
  const all = { ...NO_RATES, ...c };
  return { ...all, rates: Object.fromEntries(RATE_NAMES.map((n) => [n, rateOf(all, n)])) as Record<RateName, number | null> };
};

export function deliveryRatesOf(asOf: string, overall: Partial<RateCounts>, units: { id: number; nameZh: string; nameEn: string; counts: Partial<RateCounts> }[] = [], quarters: { label: string; asOf: string; counts: Partial<RateCounts> }[] = []): Report["deliveryRates"] {
  return {
    asOf,
    overall: line(overall),
    byUnit: units.map(({ counts, ...u }) => ({ ...u, ...line(counts) })),
    byQuarter: quarters.map(({ counts, ...q }) => ({ ...q, ...line(counts) })),
    figures: FIGURE_KIND_LIST.map((kind) => ({ kind, promisedProjects: 0, promised: "0", reachedProjects: 0, reached: "0", share: null })),
  };
}
