import type { Stage } from "@/lib/generated/prisma/enums";

const COLORS: Record<Stage, string> = {
  FIRST_CONTACT: "bg-slate-100 text-slate-800",
  INTENT: "bg-sky-100 text-sky-900",
  NEGOTIATION: "bg-amber-100 text-amber-900",
  SIGNED: "bg-emerald-100 text-emerald-900",
  CONSTRUCTION: "bg-teal-100 text-teal-900",
  OPERATING: "bg-green-200 text-green-900",
  ON_HOLD: "bg-orange-100 text-orange-900",
  LOST: "bg-red-100 text-red-900",
};

/** A stage as a coloured pill; the label comes translated from the caller. */
export function StageBadge({ stage, label }: { stage: Stage; label: string }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[stage]}`} data-stage={stage}>
      {label}
    </span>
  );
}
