/** 高风险: the word on the badge, and the fuller label (why) for screen readers and the tooltip. One look for the list and the board. */
export function HighRiskBadge({ text, label, className = "" }: { text: string; label: string; className?: string }) {
  return (
    <span className={`inline-block rounded bg-red-600 px-1.5 text-xs font-medium text-white ${className}`} data-testid="high-risk" role="img" aria-label={label} title={label}>
      {text}
    </span>
  );
}
