"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { TimelineKind } from "@/lib/data/project-page";
import { useLoggedRounds } from "@/components/projects/project-live";

const KINDS: TimelineKind[] = ["round", "stage", "contract", "start", "funds", "edit"];

/**
 * Filter chips and expand/collapse for the server-rendered timeline (its
 * entries carry data-kind); the entries themselves stay server components.
 */
export function TimelineFilter({ counts: rendered, leaderCount: renderedLeaders = 0, empty, children }: { counts: Partial<Record<TimelineKind, number>>; leaderCount?: number; empty?: string; children: React.ReactNode }) {
  const t = useTranslations("projects.timeline");
  // "leader": the rounds a leader attended (entries marked data-leader).
  const [kind, setKind] = useState<TimelineKind | "all" | "leader">("all");
  const list = useRef<HTMLDivElement>(null);
  // With the rounds logged here since the page was rendered (project-live.tsx).
  const logged = useLoggedRounds();
  const counts = logged.length ? { ...rendered, round: (rendered.round ?? 0) + logged.length } : rendered;
  const leaderCount = renderedLeaders + logged.filter((r) => r.leader).length;
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

  useEffect(() => {
    list.current?.querySelectorAll<HTMLElement>("[data-kind]").forEach((el) => {
      el.hidden = kind === "leader" ? el.dataset.leader === undefined : kind !== "all" && el.dataset.kind !== kind;
    });
  }, [kind, logged]);

  if (total === 0 && empty) return <p className="text-sm text-slate-600">{empty}</p>;

  const toggleAll = (open: boolean) => list.current?.querySelectorAll<HTMLDetailsElement>("details").forEach((d) => (d.open = open));
  const chip = (value: TimelineKind | "all" | "leader", label: string) => (
    <button
      key={value}
      type="button"
      aria-pressed={kind === value}
      onClick={() => setKind(value)}
      className="rounded-full border border-slate-300 px-3 py-1 text-sm aria-pressed:border-brand-600 aria-pressed:bg-brand-600 aria-pressed:text-white"
    >
      {label}
    </button>
  );

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label={t("filterLabel")}>
        {chip("all", t("all", { count: total }))}
        {KINDS.filter((k) => counts[k]).map((k) => chip(k, `${t(`kinds.${k}`)} (${counts[k]})`))}
        {leaderCount > 0 && chip("leader", `${t("withLeader")} (${leaderCount})`)}
        <span className="ml-auto flex gap-2">
          <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => toggleAll(true)}>
            {t("expandAll")}
          </button>
          <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => toggleAll(false)}>
            {t("collapseAll")}
          </button>
        </span>
      </div>
      <div ref={list}>{children}</div>
    </div>
  );
}
