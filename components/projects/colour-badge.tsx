import type { MilestoneColour } from "@/lib/domain/milestones";

const COLOUR_CLASS: Record<MilestoneColour, string> = {
  GREEN: "bg-emerald-100 text-emerald-800 ring-emerald-600/30",
  YELLOW: "bg-amber-100 text-amber-900 ring-amber-600/30",
  RED: "bg-red-100 text-red-800 ring-red-600/30",
};
const COLOUR_DOT: Record<MilestoneColour, string> = { GREEN: "bg-emerald-500", YELLOW: "bg-amber-500", RED: "bg-red-600" };

/** The colour as a pill with its word: never colour alone. */
export function ColourBadge({ colour, label }: { colour: MilestoneColour; label: string }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${COLOUR_CLASS[colour]}`} data-colour={colour}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${COLOUR_DOT[colour]}`} />
      {label}
    </span>
  );
}
