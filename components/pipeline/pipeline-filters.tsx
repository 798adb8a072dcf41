import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { MILESTONE_COLOURS, type MilestoneColour } from "@/lib/domain/milestones";

type Props = {
  units: { id: number; name: string }[];
  unitId?: number;
  ownerId?: number;
  colour?: MilestoneColour;
  /** The signed-in user: "mine" is the owner filter on their id. */
  userId: number;
};

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export async function PipelineFilters({ units, unitId, ownerId, colour, userId }: Props) {
  const [t, tColours] = await Promise.all([getTranslations("pipeline.filters"), getTranslations("commitments.colours")]);
  const selectClass = "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
  return (
    <form method="get" action="/pipeline" aria-label={t("label")} className="mb-4 flex flex-wrap items-end gap-3">
      {units.length > 0 && (
        <div>
          <label htmlFor="pipeline-unit" className="mb-1 block text-sm font-medium text-slate-700">
            {t("unit")}
          </label>
          <select id="pipeline-unit" name="unitId" defaultValue={unitId ?? ""} className={selectClass}>
            <option value="">{t("allUnits")}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="pipeline-owner" className="mb-1 block text-sm font-medium text-slate-700">
          {t("owner")}
        </label>
        <select id="pipeline-owner" name="ownerId" defaultValue={ownerId ?? ""} className={selectClass}>
          <option value="">{t("everyone")}</option>
          <option value={userId}>{t("mine")}</option>
          {ownerId !== undefined && ownerId !== userId && <option value={ownerId}>{t("other")}</option>}
        </select>
      </div>
      <div>
        <label htmlFor="pipeline-colour" className="mb-1 block text-sm font-medium text-slate-700">
          {t("colour")}
        </label>
        <select id="pipeline-colour" name="colour" defaultValue={colour ?? ""} className={selectClass}>
          <option value="">{t("anyColour")}</option>
          {MILESTONE_COLOURS.map((c) => (
            <option key={c} value={c}>
              {tColours(c)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        {t("apply")}
      </button>
      {(unitId !== undefined || ownerId !== undefined || colour !== undefined) && (
        <Link href="/pipeline" className="py-2 text-sm text-brand-700 underline">
          {t("reset")}
        </Link>
      )}
    </form>
  );
}
