"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { BoardAgreementKind, BoardCard, BoardColumn } from "@/components/pipeline/types";
import { PipelineCard } from "@/components/pipeline/pipeline-card";
import { StageTransitionDialog } from "@/components/journey/stage-transition-dialog";
import type { TransitionResult } from "@/lib/data/stage";

type Move = { card: BoardCard; toStage: Stage };

/**
 * A column's cards scroll inside it, about a screen tall, so the page stays
 * short however many projects a stage holds (a manager's board was over
 * 5,000 px); the board's eight columns share the width of a 1366 px screen.
 */
const COLUMN_HEIGHT = "max-h-[max(20rem,calc(100vh-17rem))]";

/**
 * The board. A card moves to another stage by dragging it onto a column or
 * through its "Move to…" menu; either way the stage-transition dialog asks
 * for what the move needs, and the board refreshes once it is done. Results
 * are announced in a live region.
 */
export function PipelineBoard({ columns, agreementKinds }: { columns: BoardColumn[]; agreementKinds: BoardAgreementKind[] }) {
  const t = useTranslations("pipeline");
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [move, setMove] = useState<Move | null>(null);
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [dropTarget, setDropTarget] = useState<Stage | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [openSide, setOpenSide] = useState<Set<Stage>>(new Set());
  const moveButtons = useRef(new Map<number, HTMLButtonElement>());
  const focusAfter = useRef<number | null>(null);

  const labels = new Map(columns.map((c) => [c.stage, c.label]));
  const label = (stage: Stage) => labels.get(stage) ?? stage;
  const targetsFor = (stage: Stage) => columns.filter((c) => c.stage !== stage).map((c) => ({ stage: c.stage, label: c.label }));

  // After a move and refresh the card sits in its new column: give it focus back.
  useEffect(() => {
    const id = focusAfter.current;
    if (id === null) return;
    const button = moveButtons.current.get(id);
    if (button?.isConnected) {
      button.focus();
      focusAfter.current = null;
    }
  }, [columns]);

  const pick = (card: BoardCard, toStage: Stage) => {
    if (card.stage === toStage) {
      setAnnouncement(t("live.sameStage", { title: card.title, stage: label(toStage) }));
      return;
    }
    setAnnouncement(t("live.picked", { title: card.title, stage: label(toStage) }));
    setMove({ card, toStage });
  };

  const done = (result: TransitionResult | null) => {
    if (!move) return;
    const { card, toStage } = move;
    setMove(null);
    if (result) {
      setAnnouncement(t("live.moved", { title: card.title, stage: label(toStage) }));
      focusAfter.current = card.id;
      startTransition(() => router.refresh());
    } else {
      setAnnouncement(t("live.cancelled", { title: card.title, stage: label(card.stage) }));
      moveButtons.current.get(card.id)?.focus();
    }
  };

  const renderColumn = (column: BoardColumn) => {
    const collapsed = column.side && !openSide.has(column.stage);
    const isTarget = dropTarget === column.stage && dragging !== null && dragging.stage !== column.stage;
    return (
      <section
        key={column.stage}
        aria-labelledby={`column-${column.stage}`}
        data-testid="pipeline-column"
        data-stage={column.stage}
        onDragOver={(event) => {
          if (!dragging) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = "move";
          if (dropTarget !== column.stage) setDropTarget(column.stage);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget((s) => (s === column.stage ? null : s));
        }}
        onDrop={(event) => {
          event.preventDefault();
          const card = dragging;
          setDropTarget(null);
          setDragging(null);
          if (card) pick(card, column.stage);
        }}
        className={`flex min-h-0 flex-col rounded-lg border p-1.5 ${column.side ? `${collapsed ? "w-28" : "w-40"} shrink-0 bg-slate-100` : "min-w-36 flex-1 basis-0 bg-slate-50"} ${
          isTarget ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-200"
        }`}
      >
        <header className="mb-2 px-1">
          <h2 id={`column-${column.stage}`} className="text-sm font-semibold text-slate-900">
            {column.label}
          </h2>
          <p className="text-xs text-slate-600" data-testid="column-count">
            {t("board.projectCount", { count: column.count })}
          </p>
          <p className="text-xs font-medium tabular-nums text-slate-800" data-testid="column-sum">
            {t("board.sum", { amount: column.sum })}
          </p>
          {column.side && column.count > 0 && (
            <button
              type="button"
              aria-expanded={!collapsed}
              aria-controls={`cards-${column.stage}`}
              onClick={() =>
                setOpenSide((open) => {
                  const next = new Set(open);
                  if (next.has(column.stage)) next.delete(column.stage);
                  else next.add(column.stage);
                  return next;
                })
              }
              className="mt-1 text-xs font-medium text-brand-700 underline"
            >
              {collapsed ? t("board.showCards") : t("board.hideCards")}
            </button>
          )}
        </header>
        {isTarget && <p className="mb-2 rounded border border-dashed border-brand-600 p-2 text-center text-xs text-brand-700">{t("board.dropHere", { stage: column.label })}</p>}
        {!collapsed && (
          <ol id={`cards-${column.stage}`} className={`flex flex-col gap-1.5 overflow-y-auto ${COLUMN_HEIGHT}`}>
            {column.cards.map((card) => (
              <li key={card.id}>
                <PipelineCard
                  card={card}
                  targets={targetsFor(card.stage)}
                  dragging={dragging?.id === card.id}
                  onDragStart={setDragging}
                  onDragEnd={() => {
                    setDragging(null);
                    setDropTarget(null);
                  }}
                  onPick={pick}
                  moveButtonRef={(el) => {
                    if (el) moveButtons.current.set(card.id, el);
                    else if (moveButtons.current.get(card.id)?.isConnected === false) moveButtons.current.delete(card.id);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
        {!collapsed && column.count === 0 && <p className="px-1 py-4 text-center text-xs text-slate-500">{t("board.empty")}</p>}
        {!collapsed && column.more > 0 && (
          <Link href={column.moreHref} className="mt-2 px-1 text-xs font-medium text-brand-700 hover:underline">
            {t("board.more", { count: column.more })}
          </Link>
        )}
      </section>
    );
  };

  const main = columns.filter((c) => !c.side);
  const side = columns.filter((c) => c.side);
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">{t("board.help")}</p>
      <div role="status" aria-live="polite" className="sr-only" data-testid="pipeline-live">
        {announcement}
      </div>
      <div role="region" aria-label={t("board.label")} tabIndex={0} className="flex items-start gap-2 overflow-x-auto pb-2">
        {main.map(renderColumn)}
        <div role="group" aria-label={t("board.sideLabel")} className="flex items-start gap-2 border-l border-slate-200 pl-2">
          {side.map(renderColumn)}
        </div>
      </div>
      {move && (
        <StageTransitionDialog
          projectId={move.card.id}
          version={move.card.version}
          fromStage={move.card.stage}
          toStage={move.toStage}
          agreementKinds={agreementKinds}
          projectTitle={move.card.title}
          onDone={done}
        />
      )}
    </>
  );
}
