"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { BoardCard } from "@/components/pipeline/types";
import { MoveMenu } from "@/components/pipeline/move-menu";
import { ColourBadge } from "@/components/projects/colour-badge";
import { HighRiskBadge } from "@/components/projects/high-risk-badge";

type Props = {
  card: BoardCard;
  targets: { stage: Stage; label: string }[];
  dragging: boolean;
  onDragStart: (card: BoardCard) => void;
  onDragEnd: () => void;
  onPick: (card: BoardCard, stage: Stage) => void;
  moveButtonRef: (el: HTMLButtonElement | null) => void;
};

export function PipelineCard({ card, targets, dragging, onDragStart, onDragEnd, onPick, moveButtonRef }: Props) {
  const t = useTranslations("pipeline.card");
  return (
    <article
      draggable
      data-testid="pipeline-card"
      data-project-id={card.id}
      aria-labelledby={`card-${card.id}-title`}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", String(card.id));
        onDragStart(card);
      }}
      onDragEnd={onDragEnd}
      className={`cursor-grab rounded-md border border-slate-200 bg-white p-2 shadow-sm active:cursor-grabbing ${dragging ? "opacity-50" : ""}`}
    >
      <p className="truncate text-xs text-slate-500" title={`${card.number} · ${card.company}`}>
        <span className="tabular-nums" data-testid="project-number">{card.number}</span> · {card.company}
      </p>
      <h3 id={`card-${card.id}-title`} className="line-clamp-2 text-sm font-medium leading-snug" title={card.title}>
        <Link href={`/projects/${card.id}`} draggable={false} className="text-brand-700 hover:underline">
          {card.title}
        </Link>
      </h3>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-1.5 text-xs">
        <dt className="text-slate-500">{t("amount")}</dt>
        <dd className="truncate text-right font-medium tabular-nums text-slate-900">{card.amount}</dd>
        <dt className="text-slate-500">{t("owner")}</dt>
        <dd className="truncate text-right text-slate-700">{card.owner}</dd>
      </dl>
      {(card.alert || card.highRisk) && (
        <p className="mt-1 flex flex-wrap gap-1">
          {card.highRisk && (
            <HighRiskBadge text={t("highRisk")} label={t("highRiskLabel")} />
          )}
          {card.alert && <ColourBadge colour={card.alert.colour} label={card.alert.label} />}
        </p>
      )}
      <p className="mt-1 truncate text-xs text-slate-600">{card.lastRound ? t("lastRound", { date: card.lastRound }) : t("noRound")}</p>
      <div className="mt-1 flex items-center justify-between gap-1">
        <p className="truncate text-xs text-slate-600">{t("daysInStage", { days: card.daysInStage })}</p>
        <MoveMenu title={card.title} stages={targets} onPick={(stage) => onPick(card, stage)} buttonRef={moveButtonRef} />
      </div>
    </article>
  );
}
