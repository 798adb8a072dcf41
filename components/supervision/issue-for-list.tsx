/**
 * The project list's entry point for a supervision order on a unit's set of
 * projects: shown to those who may supervise when the list is filtered. The
 * order goes to one unit — the filter's, or the manager's own — and covers at
 * most SUPERVISION_LIMITS.projects projects.
 */
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Locale } from "@/i18n/locales";
import { may } from "@/lib/domain/policy";
import { seesAllUnits, unitInScope } from "@/lib/domain/scope";
import { SUPERVISION_LIMITS } from "@/lib/domain/supervision";
import { toSearchParams, type ProjectFilter } from "@/lib/domain/project-filter";
import { isoDay } from "@/lib/domain/period";
import { todayDate } from "@/lib/validation/fields";
import { reassignableOwners } from "@/lib/data/project-options";
import { localName } from "@/components/projects/names";
import { IssueForListForm } from "@/components/supervision/issue-for-list-form";

type Props = {
  user: Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;
  query: ProjectFilter;
  /** The list's count of matches, and whether it is only a lower bound. */
  total: number;
  totalIsAtLeast: boolean;
  /** The names of the units the user may filter by. */
  units: { id: number; nameZh: string; nameEn: string | null }[];
  locale: Locale;
};

export async function IssueForList({ user, query, total, totalIsAtLeast, units, locale }: Props) {
  if (!may(user, "superviseProjects") || total === 0) return null;
  const t = await getTranslations("supervision.list");
  const unitId = query.unitId ?? (seesAllUnits(user) ? undefined : user.unitId);
  const body = async () => {
    if (unitId === undefined || !unitInScope(user, unitId)) return <p className="mt-2 text-sm text-slate-600">{t("chooseUnit")}</p>;
    if (totalIsAtLeast || total > SUPERVISION_LIMITS.projects) return <p className="mt-2 text-sm text-slate-600">{t("tooMany", { max: SUPERVISION_LIMITS.projects })}</p>;
    const unit = units.find((u) => u.id === unitId);
    const unitName = unit ? localName(unit, locale) : "";
    const { sort: _s, dir: _d, page: _p, ...filter } = query;
    return (
      <>
        <p className="mt-2 text-sm text-slate-600">{t("intro", { unit: unitName, count: total })}</p>
        <IssueForListForm unitId={unitId} query={toSearchParams(filter).toString()} today={isoDay(todayDate())} assignees={await reassignableOwners(db(), unitId)} />
      </>
    );
  };
  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="supervision-for-list">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("open")}</summary>
      {await body()}
    </details>
  );
}
