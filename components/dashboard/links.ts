/**
 * Links from a dashboard number to the project list behind it, with the
 * dashboard's unit / sector / chain / owner filters carried over (the list's
 * own parameter names: stage, sectorId, chainId, unitId, ownerId, eventId,
 * minAmount, overdue). An officer's dashboard covers their own projects, so
 * their links add ownerId. `stalled` (days without a round) is understood by
 * the list once it supports it; until then the list ignores it.
 */
import type { DashboardFilters } from "@/lib/validation/dashboard";

type Extra = Record<string, string | number | undefined>;
export type ProjectsLink = (extra?: Extra) => string;

export function projectsLink(user: { id: number; role: string }, filters: DashboardFilters): ProjectsLink {
  const base: Extra = {
    unitId: filters.unitId,
    sectorId: filters.sectorId,
    chainId: filters.chainId,
    ownerId: filters.ownerId ?? (user.role === "OFFICER" ? user.id : undefined),
  };
  return (extra = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...base, ...extra })) if (v !== undefined && v !== "") q.set(k, String(v));
    const s = q.toString();
    return s ? `/projects?${s}` : "/projects";
  };
}
