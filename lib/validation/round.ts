/**
 * A negotiation round, as the "log a round" form sends it. Shared by the form
 * (field names, topics, formats) and the server action (validation).
 * Messages are keys under `validation` (common.json) or, for the journey's
 * own, full keys under `journey` (runAction resolves dotted keys from the root).
 */
import { z } from "zod";
import { RoundFormat } from "@/lib/generated/prisma/enums";
import { todayDate, zDate, zId, zOptionalText, zRequestId, zText } from "@/lib/validation/fields";

/** The subjects of a round, in the order the form shows them. */
export const ROUND_TOPICS = ["land", "incentives", "energy", "approvals", "talent", "other"] as const;
export type RoundTopic = (typeof ROUND_TOPICS)[number];

export const ROUND_FORMATS = Object.values(RoundFormat) as RoundFormat[];

export const ROUND_LIMITS = { place: 200, participants: 500, leaderOther: 100, summary: 20_000, nextSteps: 2000 } as const;

/** The leader picker's choice for a leader the LEADER list lacks: the name is then typed in `leaderOther`. */
export const OTHER_LEADER = "other";

/** A date that has happened (today or before). */
export const zPastDate = zDate.refine((d) => d <= todayDate(), "dateInFuture");
/** A date still to come (today or after). */
export const zFutureDate = zDate.refine((d) => d >= todayDate(), "dateInPast");

export const ZLogRound = z.object({
  projectId: zId,
  requestId: zRequestId,
  /** Defaults to today. */
  heldOn: zPastDate.optional(),
  format: z.enum(RoundFormat),
  place: zOptionalText(ROUND_LIMITS.place),
  /** Defaults to the officer's name. */
  ourParticipants: zOptionalText(ROUND_LIMITS.participants),
  investorParticipants: zOptionalText(ROUND_LIMITS.participants),
  /** The leader who attended: a LEADER reference item, or OTHER_LEADER with `leaderOther`, or none. */
  leaderId: z.preprocess((v) => (v === "" || v === OTHER_LEADER ? undefined : v), zId.optional()),
  leaderOther: zOptionalText(ROUND_LIMITS.leaderOther),
  topics: z.array(z.enum(ROUND_TOPICS)).max(ROUND_TOPICS.length).default([])
    .transform((topics) => ROUND_TOPICS.filter((t) => topics.includes(t))),
  summary: zText(ROUND_LIMITS.summary),
  nextSteps: zOptionalText(ROUND_LIMITS.nextSteps),
  /** Also becomes the project's next follow-up date. */
  nextMeetingOn: zFutureDate.optional(),
});

export type LogRoundInput = z.output<typeof ZLogRound>;
