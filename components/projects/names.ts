import type { Locale } from "@/i18n/locales";
import type { EditableField } from "@/lib/validation/project";

/** The name to show in the user's language: English when there is one, else Chinese. */
export function localName(item: { nameZh: string; nameEn?: string | null } | null | undefined, locale: Locale | string): string {
  if (!item) return "—";
  return locale === "en" && item.nameEn ? item.nameEn : item.nameZh;
}

/** Message key (under projects.fields) of each editable field: the form's labels and the timeline's edit entries. */
export const FIELD_LABEL: Record<EditableField, string> = {
  title: "title",
  sectorId: "sector",
  chainId: "chain",
  phase: "phase",
  plannedInvestmentCny: "planned",
  foreignInvestmentUsd: "foreign",
  jobs: "jobs",
  landMu: "land",
  sourceId: "source",
  eventId: "event",
  anchorProjectId: "anchor",
  nextFollowUpOn: "nextFollowUp",
};
