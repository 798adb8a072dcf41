/**
 * The report's summary paragraphs, word for word, as the government report
 * prints them (messages/<locale>/reports.json "reports.prose"): the nested
 * size bands, currencies apart, English plurals.
 */
import { describe, expect, it } from "vitest";
import type { Report } from "./build-report";
import { summarize } from "./summary";
import { deliveryRatesOf } from "./delivery-rates.test-helpers";

const band = (count: number, valueCny: string) => ({ count, valueCny });
const report = (r: {
  label: string;
  unit: Report["unit"];
  signed: Report["signed"];
  starts: number;
  funds: Report["fundsInPlace"];
  rounds: number;
  leads: number;
  rates?: Report["deliveryRates"];
}) =>
  ({
    period: { label: r.label, kind: r.label.length === 4 ? "year" : "quarter", from: "", to: "", lastDay: "" },
    unit: r.unit,
    signed: r.signed,
    constructionStarts: { count: r.starts },
    fundsInPlace: r.funds,
    foreignInvestmentInPlaceUsd: r.funds.usd,
    roundsHeld: r.rounds,
    newLeads: { total: r.leads, bySource: [], byEvent: [] },
    deliveryRates: r.rates ?? deliveryRatesOf("2024-12-31", { signed: 1 }),
  }) as unknown as Report;

describe("report summary", () => {
  it("a unit's quarter with every band, US dollars apart", () => {
    const r = report({
      label: "2023-Q4",
      unit: { id: 3, nameZh: "高新区", nameEn: "Hi-tech Zone", isCity: false, placeZh: "高新区", placeEn: "Hi-tech Zone", issuerZh: "高新区", issuerEn: "Hi-tech Zone" },
      signed: { count: 4, contractedCny: "16700000000", contractedUsd: "25000000", atLeast100MillionCny: band(3, "16600000000"), atLeast5BillionCny: band(2, "16000000000"), atLeast10BillionCny: band(1, "10000000000") },
      starts: 1,
      funds: { cny: "5000000", usd: "1000000" },
      rounds: 12,
      leads: 1,
      rates: deliveryRatesOf("2023-12-31", {
        signed: 4, started: 1, producing: 0, due: 5, met: 2, pastDue: 1, startDue: 3, startMet: 2,
        contractedCny: "16700000000", fundsCny: "5000000", contractedUsd: "25000000", fundsUsd: "1000000",
      }),
    });
    expect(summarize(r)).toEqual({
      zh: "2023年第四季度，高新区共签约项目4个，合同投资额167亿元，另有合同外资2,500万美元（美元单列，未计入人民币合计）。其中，单个项目合同投资额1亿元及以上的3个，合同投资额166亿元；在这3个项目中，50亿元及以上的2个（合同投资额160亿元），其中又含100亿元及以上的1个（合同投资额100亿元）。各档为逐级包含关系，不可相加。新开工项目1个；到位资金500万元（人民币）和100万美元（美元），两种币种分别统计，其中实际到位外资100万美元。截至2023年12月31日，履约率40%（5个有里程碑到期的项目中2个按期达成），1个项目逾期；本期间签约项目开工率25%、投产率0%、按期开工率66.7%，资金到位率人民币0%、美元4%。开展洽谈12轮，新增招商线索1条。",
      en: "In Q4 2023 Hi-tech Zone signed contracts for 4 projects with a contracted investment of CNY 16.7 bn plus USD 25 m of contracted foreign investment (US dollars, counted separately, not added to the yuan total). Of these, 3 had a contracted investment of CNY 100 million or more each (CNY 16.6 bn in total); of those 3, 2 were of CNY 5 billion or more (CNY 16 bn), and of those 2, 1 were of CNY 10 billion or more (CNY 10 bn). The bands are nested, not additive. 1 project started construction. Funds in place: CNY 5 m and USD 1 m (the currencies are counted separately); foreign investment actually in place: USD 1 m. As of 31 Dec 2023 the fulfilment rate was 40% (2 of 5 projects with a milestone due met them all on time) and 1 project had a milestone past its deadline; of the projects signed in the period, 25% started construction and 0% reached production, and 66.7% of those due to start did so on time; funds in place reached 0% of the contracted yuan and 4% of the contracted US dollars (counted separately). 12 negotiation rounds were held and 1 new lead was recorded.",
    });
  });

  it("the whole city's year with one project in the first band only", () => {
    const r = report({
      label: "2024",
      unit: { id: null, nameZh: "某市（全市）", nameEn: "City (whole city)", isCity: true, placeZh: "某市", placeEn: "City", issuerZh: "某市投资促进局", issuerEn: "City Investment Promotion Bureau" },
      signed: { count: 1, contractedCny: "700000000", contractedUsd: "0", atLeast100MillionCny: band(1, "700000000"), atLeast5BillionCny: band(0, "0"), atLeast10BillionCny: band(0, "0") },
      starts: 0,
      funds: { cny: "0", usd: "0" },
      rounds: 1,
      leads: 3,
    });
    expect(summarize(r)).toEqual({
      zh: "2024年，全市共签约项目1个，合同投资额7亿元。其中，单个项目合同投资额1亿元及以上的1个，合同投资额7亿元；在这1个项目中，没有50亿元及以上的项目。新开工项目0个；到位资金0元（人民币）和0美元（美元），两种币种分别统计，其中实际到位外资0美元。截至2024年12月31日，尚无到期里程碑；本期间签约项目开工率0%、投产率0%，资金到位率人民币—、美元—。开展洽谈1轮，新增招商线索3条。",
      en: "In 2024 the city signed contracts for 1 project with a contracted investment of CNY 700 m. Of these, 1 had a contracted investment of CNY 100 million or more each (CNY 700 m in total). It was not of CNY 5 billion or more. 0 projects started construction. Funds in place: CNY 0 and USD 0 (the currencies are counted separately); foreign investment actually in place: USD 0. As of 31 Dec 2024 no milestone had yet come due; of the projects signed in the period, 0% started construction and 0% reached production; funds in place reached — of the contracted yuan and — of the contracted US dollars (counted separately). 1 negotiation round was held and 3 new leads were recorded.",
    });
  });
});
