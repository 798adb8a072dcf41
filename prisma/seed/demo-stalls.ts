/**
 * The demo's stage aging (issue 15): three leads at the intent stage last met
 * 38 days before the day of seeding — stalled by the default 30-day limit, not
 * by a 45-day one — so an admin who sets the intent stage's limit on Admin →
 * Settings sees the stalled counts move. Rounds through the app's own round
 * statistics (refreshRoundStats).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { refreshRoundStats } from "@/lib/data/round-stats";
import { todayYmd } from "@/lib/validation/fields";

export const INTENT_SILENT_DAYS = 38;

/** Returns how many rounds it logged. */
export async function seedDemoStallAges(tx: Prisma.TransactionClient): Promise<number> {
  const heldOn = new Date(Date.parse(`${todayYmd()}T00:00:00Z`) - INTENT_SILENT_DAYS * 86_400_000);
  // Intent leads silent for longer than that, first contact before it.
  const leads = await tx.project.findMany({
    where: { stage: "INTENT", firstContactOn: { lt: heldOn }, OR: [{ lastRoundOn: null }, { lastRoundOn: { lt: heldOn } }] },
    orderBy: { id: "asc" },
    take: 3,
    select: { id: true, ownerId: true, roundCount: true },
  });
  if (leads.length === 0) return 0;
  await tx.negotiationRound.createMany({
    data: leads.map((p) => ({
      projectId: p.id,
      number: p.roundCount + 1,
      heldOn,
      format: "PHONE" as const,
      ourParticipants: "招商科",
      topics: ["other"],
      summary: "电话回访：对方表示仍在比较选址，暂无新的进展，约定再联系。",
      createdById: p.ownerId,
    })),
  });
  await refreshRoundStats(tx, leads.map((p) => p.id));
  return leads.length;
}
