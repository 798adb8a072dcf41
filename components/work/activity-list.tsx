import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ActivityItem } from "@/lib/data/my-work";
import type { Locale } from "@/i18n/locales";
import { formatDate, formatDateTime } from "@/lib/format/dates";

const AUDIT_KEYS: Record<string, string> = {
  "project.create": "projectCreate",
  "project.update": "projectUpdate",
  "project.reassign": "projectReassign",
  "funds.create": "fundsCreate",
};

/** What happened lately, each entry a sentence with the project as a link. */
export async function ActivityList({ items, locale }: { items: ActivityItem[]; locale: Locale }) {
  const t = await getTranslations("work.activity");
  const tStages = await getTranslations("stages");
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;

  const sentence = (item: ActivityItem) => {
    const project = (chunks: React.ReactNode) => (
      <Link href={`/projects/${item.projectId}`} className="font-medium text-brand-700 hover:underline">
        {chunks}
      </Link>
    );
    const common = { actor: item.actorName ?? t("someone"), title: item.projectTitle, project };
    switch (item.kind) {
      case "round":
        return t.rich("round", { ...common, number: item.number, date: formatDate(item.heldOn, locale) });
      case "stage":
        return item.fromStage
          ? t.rich("stage", { ...common, from: tStages(item.fromStage), to: tStages(item.toStage) })
          : t.rich("stageNew", { ...common, to: tStages(item.toStage) });
      case "audit":
        return t.rich(`actions.${AUDIT_KEYS[item.action] ?? "other"}`, common);
    }
  };

  return (
    <ol className="divide-y divide-slate-100">
      {items.map((item, i) => (
        <li key={`${item.kind}-${item.projectId}-${item.at.getTime()}-${i}`} className="py-2 text-sm" data-testid="work-activity">
          <p>{sentence(item)}</p>
          {item.kind === "round" && <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{item.summary}</p>}
          {item.kind === "stage" && item.reason && <p className="mt-0.5 text-xs text-slate-600">{t("reason", { reason: item.reason })}</p>}
          <p className="mt-0.5 text-xs text-slate-500">
            <time dateTime={item.at.toISOString()}>{formatDateTime(item.at, locale)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
