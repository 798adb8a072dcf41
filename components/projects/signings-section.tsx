import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatDate } from "@/lib/format/dates";
import type { ProjectRecognition } from "@/lib/data/signings";
import { RecognitionForm } from "@/components/projects/recognition-form";
import { ContractForm } from "@/components/projects/contract-form";
import type { ContractFormOptions } from "@/lib/data/signings";

/**
 * The project page's 签约计数 (count once, lib/domain/signings.ts): each
 * contract with how it counts, repeats flagged, 不予认定 and its reason, and
 * for managers the form that sets it.
 */
export async function SigningsSection({
  recognition: r,
  locale,
  edit,
  addContract,
}: {
  recognition: ProjectRecognition;
  locale: Locale;
  /** The form's reasons, when the user may mark the project. */
  edit: { projectId: number; reasons: { id: number; nameZh: string; nameEn: string }[] } | null;
  /** The further-contract form's choices, when the user may record contracts (the form shows once the project is signed). */
  addContract: { projectId: number; today: string; options: ContractFormOptions } | null;
}) {
  const [t, tk] = await Promise.all([getTranslations("signings"), getTranslations("journey.stage.contractKinds")]);
  const repeats = r.signings.filter((s) => s.role === "REPEAT").length;
  // What an upgrade upgrades: the project's first signing (the rule's BASE).
  const base = r.signings.find((s) => s.role === "BASE");
  const eventName = (e: NonNullable<ProjectRecognition["signings"][number]["event"]>) => (locale === "en" && e.nameEn ? e.nameEn : e.nameZh);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="signings" aria-labelledby="signings-title">
      <h2 id="signings-title" className="mb-1 text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mb-3 text-xs text-slate-500">{t("intro")}</p>
      <p className="mb-3 text-sm" data-testid="recognition-status">
        {r.manual ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t("manual", { reason: locale === "en" ? r.manual.nameEn : r.manual.nameZh })}</span>
        ) : r.automatic ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t("automaticSector")}</span>
        ) : (
          <span className="text-slate-600">{t("recognised")}</span>
        )}
      </p>
      {r.manual?.note && <p className="mb-3 text-sm text-slate-700">{t("manualNote", { note: r.manual.note })}</p>}
      {repeats > 0 && (
        <p className="mb-3 rounded bg-red-50 px-2 py-1 text-sm font-medium text-red-800" data-testid="repeat-flag" role="note">
          {t("repeatFlag", { count: repeats })}
        </p>
      )}
      {r.signings.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <table className="w-full text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:py-1 [&_th]:pr-3 [&_th]:text-left [&_th]:font-medium [&_th]:text-slate-600">
          <thead>
            <tr>
              <th scope="col">{t("columns.signedOn")}</th>
              <th scope="col">{t("columns.kind")}</th>
              <th scope="col">{t("columns.amount")}</th>
              <th scope="col">{t("columns.event")}</th>
              <th scope="col">{t("columns.counts")}</th>
            </tr>
          </thead>
          <tbody>
            {r.signings.map((s) => (
              <tr key={s.id} data-testid="signing" data-role={s.role}>
                <td>{formatDate(s.signedOn, locale)}</td>
                <td>{tk(s.kind)}</td>
                <td className="tabular-nums">
                  {formatCny(s.cny, locale)}
                  {s.usd && <span className="block text-xs text-slate-500">{formatUsd(s.usd, locale)}</span>}
                </td>
                <td>{s.event ? eventName(s.event) : "—"}</td>
                <td className={s.counted ? "text-emerald-800" : s.role === "REPEAT" ? "font-medium text-red-800" : "text-slate-600"} data-testid="signing-counts">
                  {s.exclusion ? t(`exclusions.${s.exclusion}`) : t(`roles.${s.role}`)}
                  {s.role === "UPGRADE" && base && !s.exclusion && (
                    <span className="block text-xs">{t("upgradeOf", { date: formatDate(base.signedOn, locale), kind: tk(base.kind) })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {addContract && r.signings.length > 0 && <ContractForm projectId={addContract.projectId} version={r.version} today={addContract.today} options={addContract.options} />}
      {edit && <RecognitionForm projectId={edit.projectId} version={r.version} reasonId={r.manual?.reasonId ?? null} note={r.manual?.note ?? null} reasons={edit.reasons} />}
    </section>
  );
}
