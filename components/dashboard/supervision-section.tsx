/**
 * Supervision orders (督办) per unit in scope: open, overdue as of today
 * (lib/domain/supervision.ts), and resolved in the period.
 */
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import { formatCount } from "@/lib/format/numbers";
import type { SupervisionUnitRow } from "@/lib/data/supervision";
import { NumbersTable, Section } from "@/components/dashboard/parts";

export async function SupervisionDashboardSection({ rows, locale }: { rows: SupervisionUnitRow[]; locale: Locale }) {
  const t = await getTranslations("supervision.dashboard");
  return (
    <Section id="supervision" title={t("title")} help={t("help")}>
      <NumbersTable
        open
        caption={t("title")}
        summary={(await getTranslations("dashboard.table"))("show")}
        empty={t("empty")}
        columns={[
          { key: "unit", label: t("unit") },
          { key: "open", label: t("open"), numeric: true },
          { key: "overdue", label: t("overdue"), numeric: true },
          { key: "closed", label: t("closed"), numeric: true },
        ]}
        rows={rows.map((r) => ({
          key: r.unitId,
          cells: {
            unit: locale === "en" ? r.nameEn : r.nameZh,
            open: formatCount(r.open, locale),
            overdue: formatCount(r.overdue, locale),
            closed: formatCount(r.closed, locale),
          },
        }))}
      />
    </Section>
  );
}
