"use client";

import { createContext, Fragment, useContext, useLayoutEffect, useState, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/i18n/locales";
import { formatDate } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

/**
 * What logging a round changes on the project page, shown in place from the
 * round form's reply (issue 14): logging a round no longer re-renders the whole
 * page (round-actions.ts). The page renders its values as before; the pieces
 * a round moves read them through here, and show the reply's once a round was
 * logged on the page.
 *
 * What was logged is kept per project for the browser tab, so Back to the
 * page (which the router restores as it was first rendered) still shows it. A
 * render of the page with a newer or equal project version (any reload, any
 * other form's refresh) has it all, and wins.
 */

/** The project's columns a round moves, as the round action answers them (dates YYYY-MM-DD). */
export type RoundFacts = {
  version: number;
  roundCount: number;
  lastRoundOn: string | null;
  nextFollowUpOn: string | null;
  overdue: boolean;
  /** The number the next round will get. */
  nextRoundNumber: number;
};
/** A logged round's timeline entry: its key, whether a leader attended (the filter's count), the rendered <li>. */
export type LoggedEntry = { id: string; leader: boolean; node: ReactNode };
type Logged = { facts: RoundFacts; entries: LoggedEntry[] };

const keptForTab = new Map<number, Logged>();

type Live = { logged: Logged | null; add: (entry: LoggedEntry, facts: RoundFacts) => void };
const LiveContext = createContext<Live>({ logged: null, add: () => {} });

/** Around the project page: `version` is the project version the page was rendered with. */
export function ProjectLive({ projectId, version, children }: { projectId: number; version: number; children: ReactNode }) {
  const [, rerender] = useState(0);
  const kept = keptForTab.get(projectId);
  const logged = kept && kept.facts.version > version ? kept : null;

  const add = (entry: LoggedEntry, facts: RoundFacts) => {
    const now = keptForTab.get(projectId);
    const current = now && now.facts.version > version ? now : null;
    // A double submit answers with the round already shown.
    const entries = current?.entries.some((e) => e.id === entry.id) ? current.entries : [entry, ...(current?.entries ?? [])];
    const newest = current && current.facts.version > facts.version ? current.facts : facts;
    keptForTab.set(projectId, { facts: newest, entries });
    rerender((n) => n + 1);
  };

  return <LiveContext.Provider value={{ logged, add }}>{children}</LiveContext.Provider>;
}

/** The round form's hook: show a logged round. */
export function useAddLoggedRound() {
  return useContext(LiveContext).add;
}

/** The rounds logged on this page since it was rendered, newest first. */
export function useLoggedRounds(): LoggedEntry[] {
  return useContext(LiveContext).logged?.entries ?? NONE;
}
const NONE: LoggedEntry[] = [];

/** The project's version for a form that saves against it: a logged round moved it. */
export function useProjectVersion(rendered: number): number {
  const logged = useContext(LiveContext).logged;
  return logged && logged.facts.version > rendered ? logged.facts.version : rendered;
}

/** A value the page rendered, or the logged round's. */
function useFact<K extends keyof RoundFacts>(key: K, rendered: RoundFacts[K]): RoundFacts[K] {
  const logged = useContext(LiveContext).logged;
  return logged ? logged.facts[key] : rendered;
}

export function useNextRoundNumber(rendered: number): number {
  return useFact("nextRoundNumber", rendered);
}

/** A timeline entry as the server renders it: its key and its <li>. */
export type TimelineItem = { id: string; node: ReactNode };

/**
 * The timeline's list: the rounds logged on this page since it was rendered first, then the server's entries, all
 * in one keyed list — so when a refresh brings a logged round from the server (and the logged one is dropped), React
 * keeps its element and whatever state it holds (an upload's form and its confirmation, a box opened by hand) instead
 * of mounting it anew. When a round is logged, the entry that was the newest round closes, as a fresh render would
 * show it (only the newest round, the first marked data-newest, is open).
 */
export function TimelineList({ items, className }: { items: TimelineItem[]; className: string }) {
  const entries = useLoggedRounds();
  const newest = entries[0]?.id;
  useLayoutEffect(() => {
    if (!newest) return;
    const marked = document.querySelectorAll<HTMLLIElement>('[data-testid="timeline"] > li[data-newest]');
    marked.forEach((li, i) => {
      if (i === 0) return;
      delete li.dataset.newest;
      const details = li.querySelector("details");
      if (details) details.open = false;
    });
  }, [newest]);
  const served = new Set(items.map((i) => i.id));
  const shown = [...entries.filter((e) => !served.has(e.id)), ...items];
  return (
    <ol className={className} data-testid="timeline">
      {shown.map((e) => (
        <Fragment key={e.id}>{e.node}</Fragment>
      ))}
    </ol>
  );
}

/** Facts card: the number of rounds. */
export function LiveRoundCount({ count }: { count: number }) {
  const locale = useLocale() as Locale;
  return <>{formatCount(useFact("roundCount", count), locale)}</>;
}

/** A date a round moves (the last round's, the next follow-up's), formatted as the page formats dates. */
export function LiveDate({ field, value }: { field: "lastRoundOn" | "nextFollowUpOn"; value: string | null }) {
  const locale = useLocale() as Locale;
  return <>{formatDate(useFact(field, value), locale)}</>;
}

/** Facts card: the next follow-up, red with its label when overdue; "—" without one. */
export function LiveFollowUp({ value, overdue, overdueLabel }: { value: string | null; overdue: boolean; overdueLabel: string }) {
  const locale = useLocale() as Locale;
  const on = useFact("nextFollowUpOn", value);
  const late = useFact("overdue", overdue);
  if (!on) return <>—</>;
  return (
    <span className={late ? "font-medium text-red-700" : undefined}>
      {formatDate(on, locale)}
      {late && <span className="ml-1 rounded bg-red-100 px-1 text-xs">{overdueLabel}</span>}
    </span>
  );
}

/** The journey panel's rounds: the count, and the last round's date. */
export function LiveJourneyRounds({ count, lastRoundOn }: { count: number; lastRoundOn: string | null }) {
  const t = useTranslations("journey");
  const locale = useLocale() as Locale;
  const n = useFact("roundCount", count);
  const last = useFact("lastRoundOn", lastRoundOn);
  return (
    <>
      <span className="font-medium">{n}</span>
      {last && <span className="text-slate-500"> · {t("facts.lastRound", { date: formatDate(last, locale) })}</span>}
    </>
  );
}
