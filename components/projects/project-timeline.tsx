import { Fragment } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { TimelineEntry, TimelineKind } from "@/lib/data/project-page";
import type { Locale } from "@/i18n/locales";
import { EDITABLE_FIELDS } from "@/lib/validation/project";
import { formatCny, formatUsd } from "@/lib/format/money";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { formatFieldValue } from "@/lib/format/field-value";
import { TimelineFilter } from "@/components/projects/timeline-filter";
import { TimelineList, type TimelineItem } from "@/components/projects/project-live";
import { FIELD_LABEL, localName } from "@/components/projects/names";
import { AttachmentList } from "@/components/projects/attachment-list";
import type { TimelineAttachment } from "@/lib/data/project-page";
import { formatFileSize } from "@/lib/format/numbers";

const DOT: Record<TimelineKind, string> = {
  round: "bg-amber-500",
  stage: "bg-brand-600",
  contract: "bg-emerald-600",
  start: "bg-teal-600",
  funds: "bg-green-700",
  edit: "bg-slate-400",
};

/** Fields whose value is an id: the timeline names the item (the edit entry carries the names), else says "changed". */
const ID_FIELDS = new Set(["sectorId", "chainId", "sourceId", "eventId", "anchorProjectId"]);
type Names = Record<string, [string, string | null]>;

const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * A lookup remembered for this render: every entry repeats the same labels,
 * and translating each one again was ~350 calls on a 50-round page (3 ms of
 * its server time, profiled).
 */
function remembered(lookup: (key: string) => string): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) seen.set(key, (value = lookup(key)));
    return value;
  };
}

/**
 * The entries' styles are set once, on the list: a project page shows dozens
 * of rounds, and the same class lists on every entry, its dot, box, heading
 * and label/value grid were about a fifth of the page. An entry carries only
 * its dot's colour.
 */
const TIMELINE = [
  "relative space-y-3 border-l border-slate-200 pl-5 [&>li]:relative",
  // The dot on the line: the entry's first child.
  "[&>li>span]:absolute [&>li>span]:top-2 [&>li>span]:-left-[1.6rem] [&>li>span]:h-2.5 [&>li>span]:w-2.5 [&>li>span]:rounded-full [&>li>span]:ring-4 [&>li>span]:ring-white",
  // The entry's box: a <details> (with a body) or a <div> (a heading only).
  "[&>li>*:last-child]:rounded-md [&>li>*:last-child]:border [&>li>*:last-child]:border-slate-200 [&>li>*:last-child]:bg-white",
  "[&_summary]:flex [&_summary]:cursor-pointer [&_summary]:flex-wrap [&_summary]:items-baseline [&_summary]:justify-between [&_summary]:gap-2 [&_summary]:px-3 [&_summary]:py-2",
  "[&>li>div]:flex [&>li>div]:flex-wrap [&>li>div]:items-baseline [&>li>div]:justify-between [&>li>div]:gap-2 [&>li>div]:px-3 [&>li>div]:py-2",
  "[&_details>div]:border-t [&_details>div]:border-slate-100 [&_details>div]:px-3 [&_details>div]:py-2",
  // Label/value pairs straight in a grid.
  "[&_dl]:grid [&_dl]:gap-x-3 [&_dl]:gap-y-1 [&_dl]:text-sm sm:[&_dl]:grid-cols-[8rem_1fr] [&_dt]:text-slate-500 [&_dd]:whitespace-pre-line",
].join(" ");

/** One timeline, newest first: rounds (numbered, collapsible), stage changes, contracts, starts, funds and edits. */
export async function ProjectTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = await getTranslations("projects.timeline");
  const counts: Partial<Record<TimelineKind, number>> = {};
  for (const e of entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const newestRound = entries.find((e) => e.kind === "round")?.id;

  // One keyed list with the rounds logged on this page since it was rendered (TimelineList, issue 14): when a
  // refresh brings such a round from the server, React keeps its entry (an open upload form, a toggled box).
  return (
    <TimelineFilter counts={counts} leaderCount={entries.filter((e) => e.data.leaderZh).length} empty={t("empty")}>
      <TimelineList className={TIMELINE} items={await timelineItems(entries, newestRound)} />
    </TimelineFilter>
  );
}

/**
 * The timeline's entries, each its <li> under its key, `newestRound` open. Also what the round form's action renders
 * for the round it logged (round-actions.ts): the same key and element, so the list can keep it when the server's
 * render of it arrives.
 */
export async function timelineItems(entries: TimelineEntry[], newestRound?: string): Promise<TimelineItem[]> {
  const [t, tf, ts, tt, tFormat, locale] = await Promise.all([
    getTranslations("projects.timeline"),
    getTranslations("projects.form"),
    getTranslations("stages"),
    getTranslations("projects.topics"),
    getTranslations("roundFormats"),
    getLocale() as Promise<Locale>,
  ]);
  const label = remembered((key) => t(key as never));
  const topic = remembered((key) => (tt.has(key as never) ? tt(key as never) : key));

  const meta = (e: TimelineEntry) => (
    <span className="text-xs text-slate-500">
      {formatDate(e.onDate, locale)}
      {e.actor && <> · {t("by", { name: e.actor })}</>}
    </span>
  );
  const files = (list: unknown) =>
    ((list ?? []) as TimelineAttachment[]).map((a) => ({
      id: a.id,
      fileName: a.fileName,
      size: formatFileSize(a.size, locale),
      uploadedBy: a.uploadedBy,
      date: formatDate(new Date(a.createdAt), locale),
      mayDelete: a.mayDelete,
    }));
  const row = (label: string, value: unknown) =>
    value ? (
      <Fragment key={label}>
        <dt>{label}</dt>
        <dd>{String(value)}</dd>
      </Fragment>
    ) : null;

  function body(e: TimelineEntry): { title: React.ReactNode; details?: React.ReactNode } {
    const d = e.data;
    switch (e.kind) {
      case "round": {
        const topics = Array.isArray(d.topics) ? (d.topics as string[]).map(topic).join("、") : "";
        return {
          title: (
            <>
              <span className="font-medium">{t("round", { number: Number(d.number) })}</span>
              <span className="text-slate-600"> · {tFormat(s(d.format) as never)}</span>
              {d.leaderZh ? <span className="text-slate-600" data-testid="round-leader"> · {t("leaderAttended", { leader: s(locale === "en" ? d.leaderEn : d.leaderZh) })}</span> : null}
            </>
          ),
          details: (
            <>
            <dl>
              {row(label("place"), d.place)}
              {row(label("ours"), d.ours)}
              {row(label("theirs"), d.theirs)}
              {row(label("topics"), topics)}
              {row(label("summary"), d.summary)}
              {row(label("nextSteps"), d.nextSteps)}
              {row(label("nextMeeting"), d.nextMeetingOn ? formatDate(s(d.nextMeetingOn), locale) : null)}
            </dl>
            <AttachmentList target={{ roundId: e.recordId }} items={files(d.attachments)} />
            </>
          ),
        };
      }
      case "stage":
        return {
          title: (
            <span className="font-medium">
              {d.from ? t("stageMove", { from: ts(s(d.from) as never), to: ts(s(d.to) as never) }) : t("stageFirst", { to: ts(s(d.to) as never) })}
            </span>
          ),
          details: d.reason ? <dl>{row(label("reason"), d.reason)}</dl> : undefined,
        };
      case "contract":
        return {
          title: <span className="font-medium">{t("contract", { amount: formatCny(s(d.amountCny), locale) })}</span>,
          details: (
            <>
            <dl>
              {row(label("agreement"), locale === "en" && d.kindEn ? d.kindEn : d.kindZh)}
              {row(label("contractForeign"), d.foreignUsd ? formatUsd(s(d.foreignUsd), locale) : null)}
              {row(label("note"), d.note)}
            </dl>
            <AttachmentList target={{ contractId: e.recordId }} items={files(d.attachments)} />
            </>
          ),
        };
      case "start":
        return { title: <span className="font-medium">{t("start")}</span>, details: d.note ? <dl>{row(label("note"), d.note)}</dl> : undefined };
      case "funds":
        return {
          title: <span className="font-medium">{t("funds", { amount: d.currency === "USD" ? formatUsd(s(d.amount), locale) : formatCny(s(d.amount), locale) })}</span>,
          details: d.note ? <dl>{row(label("note"), d.note)}</dl> : undefined,
        };
      case "edit": {
        const before = (d.before ?? {}) as Record<string, unknown>;
        const after = (d.after ?? {}) as Record<string, unknown>;
        if (d.action === "project.reassign") {
          return { title: <span className="font-medium">{t("reassigned", { from: s(before.ownerName), to: s(after.ownerName) })}</span> };
        }
        const changed = EDITABLE_FIELDS.filter((f) => s(before[f]) !== s(after[f]));
        const shown = (f: string, v: unknown) => (s(v) ? formatFieldValue(f, v, locale) : tf("empty"));
        const names = (d.references ?? {}) as Names;
        const eventNames = (d.events ?? {}) as Names;
        const named = (f: string, v: unknown) => {
          if (!s(v)) return tf("empty");
          const pair = (f === "eventId" ? eventNames : names)[s(v)];
          return pair ? localName({ nameZh: pair[0], nameEn: pair[1] }, locale) : null;
        };
        const idChange = (f: string) => {
          const [from, to] = [named(f, before[f]), named(f, after[f])];
          return from !== null && to !== null ? `${from} → ${to}` : t("changed");
        };
        return {
          title: (
            <span className="font-medium">
              {t("edited")}: {changed.map((f) => tf(FIELD_LABEL[f] as never)).join("、")}
            </span>
          ),
          details: changed.length ? (
            <dl>
              {changed.map((f) => (
                <Fragment key={f}>
                  <dt>{tf(FIELD_LABEL[f] as never)}</dt>
                  <dd>{ID_FIELDS.has(f) ? idChange(f) : `${shown(f, before[f])} → ${shown(f, after[f])}`}</dd>
                </Fragment>
              ))}
            </dl>
          ) : undefined,
        };
      }
    }
  }

  return entries.map((e) => {
    const { title, details } = body(e);
    const node = (
      <li data-kind={e.kind} data-leader={e.data.leaderZh ? "" : undefined} data-newest={e.id === newestRound ? "" : undefined}>
        <span className={DOT[e.kind]} aria-hidden="true" />
        {details ? (
          <details open={e.id === newestRound || (e.kind !== "round" && e.kind !== "edit")}>
            <summary>
              <span>{title}</span>
              {meta(e)}
            </summary>
            <div>{details}</div>
          </details>
        ) : (
          <div>
            <span>{title}</span>
            <span title={formatDateTime(e.at, locale)}>{meta(e)}</span>
          </div>
        )}
      </li>
    );
    return { id: e.id, node };
  });
}
