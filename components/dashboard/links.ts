/**
 * Links from a dashboard number to the project list behind it, with the
 * dashboard's unit / sector / chain / owner filters carried over (the list's
 * own parameter names: stage, sectorId, chainId, unitId, ownerId, eventId,
 * countryCode, overdue, stalled, minSignedCny). An officer's dashboard covers
 * their own projects, so their links add ownerId.
 *
 * `within` ties the list to the dashboard's period the way the number counts:
 * "signed" — the first contract signed in the period (signedFrom/signedTo),
 * "started" — the first construction start in the period (startedFrom/startedTo).
 * Both are half-open [from, to), like the dashboard's period.
 */
import { type DashboardFilters } from "@/lib/validation/dashboard";
import { isoDay } from "@/lib/domain/period";

type Extra = { within?: "signed" | "started" } & Record<string, string | number | undefined>;
export type ProjectsLink = (extra?: Extra) => string;

export function projectsLink(user: { id: number; role: string }, filters: DashboardFilters): ProjectsLink {
  const base: Record<string, string | number | undefined> = {
    unitId: filters.unitId,
    sectorId: filters.sectorId,
    chainId: filters.chainId,
    ownerId: filters.ownerId ?? (user.role === "OFFICER" ? user.id : undefined),
  };
  const from = isoDay(filters.period.from);
  const to = isoDay(filters.period.to);
  return ({ within, ...extra } = {}) => {
    const period = within === "signed" ? { signedFrom: from, signedTo: to } : within === "started" ? { startedFrom: from, startedTo: to } : {};
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...base, ...period, ...extra })) if (v !== undefined && v !== "") q.set(k, String(v));
    const s = q.toString();
    return s ? `/projects?${s}` : "/projects";
  };
}
