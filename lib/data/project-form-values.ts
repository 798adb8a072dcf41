import "server-only";
/**
 * formValues: a project's editable fields as the edit form holds them. Its own
 * file because the project page's read (project-page.ts), the edit form's read
 * and the writes' audit snapshots (projects.ts) all use it.
 */
import type { ProjectFormValues } from "@/lib/validation/project";

const ymd = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
const str = (v: { toString(): string } | null | undefined) => (v === null || v === undefined ? "" : v.toString());

/** The editable fields as the edit form holds them: strings, "" for empty. */
export function formValues(r: {
  title: string;
  sectorId: number | null;
  chainId: number | null;
  phase: string | null;
  plannedInvestmentCny: { toString(): string } | null;
  foreignInvestmentUsd: { toString(): string } | null;
  jobs: number | null;
  landMu: { toString(): string } | null;
  sourceId: number | null;
  eventId: number | null;
  anchorProjectId: number | null;
  nextFollowUpOn: Date | null;
}): ProjectFormValues {
  return {
    title: r.title,
    sectorId: str(r.sectorId),
    chainId: str(r.chainId),
    phase: str(r.phase),
    plannedInvestmentCny: str(r.plannedInvestmentCny),
    foreignInvestmentUsd: str(r.foreignInvestmentUsd),
    jobs: str(r.jobs),
    landMu: str(r.landMu),
    sourceId: str(r.sourceId),
    eventId: str(r.eventId),
    anchorProjectId: str(r.anchorProjectId),
    nextFollowUpOn: ymd(r.nextFollowUpOn),
  };
}
