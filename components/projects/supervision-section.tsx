import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { SupervisionOrderView } from "@/lib/data/supervision";
import { IssueSupervisionForm, SupervisionStepForm } from "@/components/projects/supervision-forms";

/** The project page's 督办 section: its orders (status, red or on time, steps) and the forms the user may use. */
export async function SupervisionSection({
  orders,
  locale,
  issue,
}: {
  orders: SupervisionOrderView[];
  locale: Locale;
  /** The issue form's inputs, when the user may issue orders. */
  issue: { projectId: number; today: string; ownerId: number; assignees: { id: number; name: string }[] } | null;
}) {
  const t = await getTranslations("supervision");
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="supervision" aria-labelledby="supervision-title">
      <h2 id="supervision-title" className="mb-3 text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      {orders.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ol className="space-y-4">
          {orders.map((o, i) => {
            const number = orders.length - i;
            return (
              <li key={o.id} className="border-t border-slate-100 pt-3 text-sm first:border-t-0 first:pt-0" data-testid="supervision-order" aria-label={`${t("title")} ${number}`}>
                <p className="flex flex-wrap items-center gap-2">
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium" data-testid="supervision-status">
                    {t(`status.${o.status}`)}
                  </span>
                  {o.status !== "RESOLVED" &&
                    (o.red ? (
                      <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800" data-testid="supervision-red">
                        {t("red")}
                      </span>
                    ) : (
                      <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">{t("onTime")}</span>
                    ))}
                  <span className={o.red ? "font-medium text-red-700" : "text-slate-600"}>{t("dueOn", { date: formatDate(o.answerDueOn, locale) })}</span>
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-900">{o.requirement}</p>
                {o.projects.length > 1 && (
                  <div className="mt-1 text-xs text-slate-600" data-testid="supervision-set">
                    <p>{t("set.intro", { unit: locale === "en" ? o.unit.nameEn : o.unit.nameZh, count: o.projects.length })}</p>
                    <ul className="mt-0.5 flex flex-wrap gap-x-3" aria-label={t("set.label")}>
                      {o.projects.map((x) => (
                        <li key={x.id}>
                          <Link href={`/projects/${x.id}#supervision-title`} className="text-brand-700 hover:underline">
                            {x.title}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                <p className="mt-1 text-xs text-slate-500">
                  {t("issuedBy", { name: o.issuedBy, date: formatDate(o.createdAt, locale) })} · {t("assignee", { name: o.assignee })}
                </p>
                {o.steps.length > 0 && (
                  <ol className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3" aria-label={t("steps")}>
                    {o.steps.map((s) => (
                      <li key={s.id}>
                        <span className="font-medium">{t(`step.${s.kind}`)}</span>
                        <span className="text-slate-500"> · {t("stepBy", { name: s.author, date: formatDateTime(s.at, locale) })}</span>
                        <p className="whitespace-pre-line">{s.body}</p>
                      </li>
                    ))}
                  </ol>
                )}
                {o.can.answer && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-brand-700">{t("answer.title", { number })}</summary>
                    <SupervisionStepForm mode="answer" orderId={o.id} version={o.version} number={number} kinds={o.status === "OPEN" ? ["PLAN", "PROGRESS"] : ["PROGRESS", "PLAN"]} />
                  </details>
                )}
                {(o.can.resolve || o.can.escalate) && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-brand-700">{t("close.title", { number })}</summary>
                    <SupervisionStepForm
                      mode="close"
                      orderId={o.id}
                      version={o.version}
                      number={number}
                      kinds={[...(o.can.resolve ? ["RESOLVE"] : []), ...(o.can.escalate ? ["ESCALATE"] : [])]}
                    />
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {issue && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("issue.open")}</summary>
          <IssueSupervisionForm {...issue} />
        </details>
      )}
    </section>
  );
}
