import "server-only";
/**
 * Negotiation rounds. A round gets the project's next number (1, 2, 3 …) under
 * a lock on the project row, keeps the project's round count, last round date
 * (lib/data/round-stats.ts) and — when a next meeting is set — follow-up date current, all in the
 * transaction that writes it and its audit row. The same requestId twice logs
 * one round.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { RuleError } from "@/lib/errors";
import { createOnce, type Tx } from "@/lib/data/transactions";
import { lockProject } from "@/lib/data/stage";
import { refreshRoundStats } from "@/lib/data/round-stats";
import { todayDate } from "@/lib/validation/fields";
import type { LogRoundInput } from "@/lib/validation/round";
import { takesRounds } from "@/lib/domain/stages";
import { assertJourneyDate } from "@/lib/domain/journey-dates";
import { isoDay as isoDate } from "@/lib/domain/period";

type Actor = Pick<CurrentUser, "id" | "name" | "role" | "unitId" | "unitIsCity">;

export type LogRoundResult = { id: number; projectId: number; number: number; projectVersion: number };

const ROUND_SELECT = {
  id: true,
  projectId: true,
  number: true,
  heldOn: true,
  format: true,
  place: true,
  ourParticipants: true,
  investorParticipants: true,
  topics: true,
  summary: true,
  nextSteps: true,
  nextMeetingOn: true,
  leaderId: true,
  leaderOther: true,
} as const;

export type LeaderOption = { id: number; nameZh: string; nameEn: string };

/** The leaders the round form offers (current LEADER items, in the list's order). Plain SQL, as listAgreementKinds. */
export async function listLeaders(db: Pick<Db, "$queryRaw">): Promise<LeaderOption[]> {
  return db.$queryRaw<LeaderOption[]>`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM reference_item
     WHERE kind = 'LEADER'::"ReferenceKind" AND retired_at IS NULL
     ORDER BY sort_order, id`;
}

export async function logRound(db: Db, user: Actor, input: LogRoundInput): Promise<LogRoundResult> {
  const findExisting = async (tx: Tx): Promise<LogRoundResult | null> => {
    const round = await tx.negotiationRound.findFirst({
      where: { requestId: input.requestId, project: { id: input.projectId, ...projectScope(user) } },
      select: { id: true, projectId: true, number: true, project: { select: { version: true } } },
    });
    return round && { id: round.id, projectId: round.projectId, number: round.number, projectVersion: round.project.version };
  };

  return createOnce(db, findExisting, async (tx) => {
    const project = await lockProject(tx, user, input.projectId);
    const again = await findExisting(tx); // a double submit that waited for the lock
    if (again) return again;
    if (!takesRounds(project.stage)) throw new RuleError("journey.rules.roundOnLost");

    if (input.leaderId !== undefined) {
      const leader = await tx.referenceItem.findFirst({ where: { id: input.leaderId, kind: "LEADER", retiredAt: null }, select: { id: true } });
      if (!leader) throw new RuleError("invalid", { leaderId: "choose" });
    }
    const heldOn = input.heldOn ?? todayDate();
    assertJourneyDate("heldOn", "round", isoDate(heldOn), { firstContact: isoDate(project.firstContactOn) });
    const [{ next }] = await tx.$queryRaw<{ next: number }[]>`
      SELECT (COALESCE(MAX(number), 0) + 1)::int AS next FROM negotiation_round WHERE project_id = ${project.id}`;
    const round = await tx.negotiationRound.create({
      data: {
        projectId: project.id,
        number: next,
        heldOn,
        format: input.format,
        place: input.place ?? null,
        ourParticipants: input.ourParticipants ?? user.name,
        investorParticipants: input.investorParticipants ?? null,
        leaderId: input.leaderId ?? null,
        // A leader from the list wins over typed text.
        leaderOther: input.leaderId === undefined ? (input.leaderOther ?? null) : null,
        topics: input.topics,
        summary: input.summary,
        nextSteps: input.nextSteps ?? null,
        nextMeetingOn: input.nextMeetingOn ?? null,
        createdById: user.id,
        requestId: input.requestId,
      },
      select: ROUND_SELECT,
    });

    const before = { roundCount: project.roundCount, lastRoundOn: project.lastRoundOn, nextFollowUpOn: project.nextFollowUpOn, version: project.version };
    // round_count / last_round_on from the rounds (lib/data/round-stats.ts: the seeds use the same definition).
    await refreshRoundStats(tx, [project.id]);
    const updated = await tx.project.update({
      where: { id: project.id },
      data: {
        ...(input.nextMeetingOn ? { nextFollowUpOn: input.nextMeetingOn } : {}),
        version: { increment: 1 },
      },
      select: { roundCount: true, lastRoundOn: true, nextFollowUpOn: true, version: true },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: "round.create",
      entity: "negotiation_round",
      entityId: round.id,
      before: { project: before },
      after: { ...round, project: updated },
    });
    return { id: round.id, projectId: project.id, number: round.number, projectVersion: updated.version };
  });
}
