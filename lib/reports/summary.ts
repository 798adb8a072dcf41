/**
 * The government report's sentences, built from the report's own numbers in
 * each language from messages/<locale>/reports.json ("reports.prose"): the
 * report carries both, whatever the reader's language. The size bands are
 * nested and said to be: "of which … (including …)".
 */
import { createTranslator } from "use-intl/core";
import zh from "@/messages/zh-CN";
import en from "@/messages/en";
import { formatCny, formatUsd } from "@/lib/format/money";
import { periodName } from "@/lib/domain/period";
import { formatPercent } from "@/lib/format/numbers";
import { formatDate } from "@/lib/format/dates";
import type { Report } from "./build-report";
import type { ReportLocale } from "./sections";

// ICU messages (plurals in English): next-intl's own translator core (use-intl, no React), made once per language, so
// the report builds the same in a request, a test and the `npm run report` script.
const PROSE = {
  "zh-CN": createTranslator({ locale: "zh-CN", messages: zh, namespace: "reports.prose" }),
  en: createTranslator({ locale: "en", messages: en, namespace: "reports.prose" }),
};

/** The summary paragraph in one language. Counts are shown as plain digits, as the report's tables show them. */
export function summaryIn(r: Report, locale: ReportLocale): string {
  const t = PROSE[locale];
  const cny = (v: string) => formatCny(v, locale);
  const usd = (v: string) => formatUsd(v, locale);
  const s = r.signed;
  const [b1, b50, b100] = [s.atLeast100MillionCny, s.atLeast5BillionCny, s.atLeast10BillionCny];
  const who = r.unit.isCity ? t("wholeCity") : locale === "en" ? r.unit.nameEn : r.unit.nameZh;

  const bands =
    b1.count === 0
      ? t("bandsNone")
      : t("bands", {
          n: String(b1.count),
          cny: cny(b1.valueCny),
          rest:
            b50.count === 0
              ? t("bands5bNone", { count: b1.count, n: String(b1.count) })
              : t("bands5b", {
                  of: String(b1.count),
                  n: String(b50.count),
                  cny: cny(b50.valueCny),
                  rest: b100.count === 0 ? t("bands10bNone") : t("bands10b", { of: String(b50.count), n: String(b100.count), cny: cny(b100.valueCny) }),
                }),
        });

  return t("paragraph", {
    signed: t("signed", {
      period: periodName(r.period.label, locale),
      who,
      count: s.count,
      n: String(s.count),
      cny: cny(s.contractedCny),
      usd: s.contractedUsd !== "0" ? t("signedUsd", { usd: usd(s.contractedUsd) }) : "",
    }),
    reconciliation: reconciliationSentence(r, t),
    bands,
    delivery: t("delivery", {
      count: r.constructionStarts.count,
      n: String(r.constructionStarts.count),
      fundsCny: cny(r.fundsInPlace.cny),
      fundsUsd: usd(r.fundsInPlace.usd),
      foreignUsd: usd(r.foreignInvestmentInPlaceUsd),
    }),
    rates: ratesIn(r, locale),
    activity: t("activity", { rounds: r.roundsHeld, nRounds: String(r.roundsHeld), leads: r.newLeads.total, nLeads: String(r.newLeads.total) }),
  });
}

/** The delivery rates' sentence (lib/domain/delivery-rates.ts), percentages as the reader's locale writes them. */
function ratesIn(r: Report, locale: ReportLocale): string {
  const o = r.deliveryRates.overall;
  const pct = (x: number | null) => formatPercent(x, locale);
  return PROSE[locale](o.due === 0 ? "ratesNoneDue" : "rates", {
    asOf: formatDate(r.deliveryRates.asOf, locale),
    fulfilment: pct(o.rates.fulfilment),
    met: String(o.met),
    due: String(o.due),
    pastDue: o.pastDue,
    nPastDue: String(o.pastDue),
    started: pct(o.rates.started),
    producing: pct(o.rates.producing),
    startOnTime: pct(o.rates.startOnTime),
    fundsCny: pct(o.rates.fundsCny),
    fundsUsd: pct(o.rates.fundsUsd),
  });
}

/** Said only when some signing recorded in the period was not counted (count once). */
function reconciliationSentence(r: Report, t: (typeof PROSE)["en"]): string {
  const by = new Map((r.reconciliation ?? []).map((l) => [l.line, l.signings]));
  const recorded = by.get("recorded") ?? 0;
  const counted = by.get("counted") ?? 0;
  if (recorded === counted) return "";
  return t("reconciliation", {
    recorded,
    notRecognised: by.get("notRecognised") ?? 0,
    repeats: by.get("repeats") ?? 0,
    upgrades: by.get("upgrades") ?? 0,
    counted,
  });
}

/** Both languages' summaries. */
export function summarize(r: Report): { zh: string; en: string } {
  return { zh: summaryIn(r, "zh-CN"), en: summaryIn(r, "en") };
}
