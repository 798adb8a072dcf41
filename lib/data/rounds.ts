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
import { isOverdue, projectScopeSql } from "@/lib/data/sql-rules";
import { RuleError } from "@/lib/errors";
import { createOnce, type Tx } from "@/lib/data/transactions";
import { lockProject } from "@/lib/data/stage";
import { ROUND_STATS_COLUMNS } from "@/lib/data/round-stats";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import type { TimelineEntry } from "@/lib/data/project-page";
import { todayDate } from "@/lib/validation/fields";
import type { LogRoundInput } from "@/lib/validation/round";
import { takesRounds } from "@/lib/domain/stages";
import { assertJourneyDate } from "@/lib/domain/journey-dates";
import { isoDay as isoDate } from "@/lib/domain/period";

type Actor = Pick<CurrentUser, "id" | "name" | "role" | "unitId" | "unitIsCity">;

/**
 * What logging a round changed, for the form to show without re-rendering the
 * project page (issue 14): the round, as the timeline lists it, and the
 * project's columns it moved. Dates are YYYY-MM-DD.
 */
export type LogRoundResult = {
  id: number;
  projectId: number;
  number: number;
  projectVersion: number;
  roundCount: number;
  lastRoundOn: string | null;
  nextFollowUpOn: string | null;
  /** The project's follow-up is past (isOverdue, today). */
  overdue: boolean;
  /** The round's timeline entry, as getProjectPage reads it (lib/data/project-page.ts). */
  entry: TimelineEntry;
};

export type LeaderOption = { id: number; nameZh: string; nameEn: string };

/** The leaders the round form offers (current LEADER items, in the list's order). Plain SQL, as listAgreementKinds. */
export async function listLeaders(db: Pick<Db, "$queryRaw">): Promise<LeaderOption[]> {
  return db.$queryRaw<LeaderOption[]>`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn" FROM reference_item
     WHERE kind = 'LEADER'::"ReferenceKind" AND retired_at IS NULL
     ORDER BY sort_order, id`;
}

type RoundRow = {
  id: number;
  number: number;
  held_on: Date;
  format: string;
  place: string | null;
  our_participants: string | null;
  investor_participants: string | null;
  topics: string[];
  summary: string;
  next_steps: string | null;
  next_meeting_on: Date | null;
  created_at: Date;
  actor: string | null;
  leader_zh: string | null;
  leader_en: string | null;
};

/**
 * A round's timeline entry: the same shape and keys as the round branch of
 * getProjectPage's timeline (lib/data/project-page.ts); rounds.int.test.ts
 * checks the two agree. A round just logged has no files yet.
 */
function roundEntry(r: RoundRow): TimelineEntry {
  return {
    kind: "round",
    id: `round-${r.id}`,
    recordId: r.id,
    onDate: r.held_on,
    at: r.created_at,
    actor: r.actor,
    data: {
      number: r.number,
      format: r.format,
      place: r.place,
      ours: r.our_participants,
      theirs: r.investor_participants,
      topics: r.topics,
      summary: r.summary,
      nextSteps: r.next_steps,
      nextMeetingOn: r.next_meeting_on && isoDate(r.next_meeting_on),
      leaderZh: r.leader_zh,
      leaderEn: r.leader_en,
      attachments: [],
    },
  };
}

type ProjectAfter = { version: number; round_count: number; last_round_on: Date | null; next_follow_up_on: Date | null; stage: Stage };

function resultOf(projectId: number, round: RoundRow, p: ProjectAfter): LogRoundResult {
  return {
    id: round.id,
    projectId,
    number: round.number,
    projectVersion: p.version,
    roundCount: p.round_count,
    lastRoundOn: p.last_round_on && isoDate(p.last_round_on),
    nextFollowUpOn: p.next_follow_up_on && isoDate(p.next_follow_up_on),
    overdue: isOverdue({ nextFollowUpOn: p.next_follow_up_on, stage: p.stage }, todayDate()),
    entry: roundEntry(round),
  };
}

const ROUND_COLUMNS = Prisma.sql`r.id, r.number, r.held_on, r.format::text AS format, r.place, r.our_participants, r.investor_participants,
  r.topics::text[] AS topics, r.summary, r.next_steps, r.next_meeting_on, r.created_at, u.name AS actor,
  COALESCE(ld.name_zh, r.leader_other) AS leader_zh, COALESCE(ld.name_en, r.leader_other) AS leader_en`;

/**
 * Logs a round. What it costs is what ten officers logging at once wait on (issue 14), so the transaction is
 * short: the project's columns move in ONE update, the last write before the audit row, because that update's
 * triggers take the rows shared with colleagues (project_day_summary's unit/stage/day, held to the commit).
 */
export async function logRound(db: Db, user: Actor, input: LogRoundInput): Promise<LogRoundResult> {
  const findExisting = async (tx: Tx): Promise<LogRoundResult | null> => {
    const [row] = await tx.$queryRaw<(RoundRow & ProjectAfter & { project_id: number })[]>`
      SELECT ${ROUND_COLUMNS}, p.id AS project_id, p.version, p.round_count, p.last_round_on, p.next_follow_up_on, p.stage
        FROM negotiation_round r JOIN project p ON p.id = r.project_id JOIN app_user u ON u.id = r.created_by_id
        LEFT JOIN reference_item ld ON ld.id = r.leader_id
       WHERE r.request_id = ${input.requestId}::uuid AND p.id = ${input.projectId} AND ${projectScopeSql(user, "p")}`;
    return row ? resultOf(row.project_id, row, row) : null;
  };

  return createOnce(db, findExisting, async (tx) => {
    const project = await lockProject(tx, user, input.projectId);
    const again = await findExisting(tx); // a double submit that waited for the lock
    if (again) return again;
    if (!takesRounds(project.stage)) throw new RuleError("journey.rules.roundOnLost");

    let leader: { nameZh: string; nameEn: string } | null = null;
    if (input.leaderId !== undefined) {
      leader = await tx.referenceItem.findFirst({ where: { id: input.leaderId, kind: "LEADER", retiredAt: null }, select: { nameZh: true, nameEn: true } });
      if (!leader) throw new RuleError("invalid", { leaderId: "choose" });
    }
    const heldOn = input.heldOn ?? todayDate();
    assertJourneyDate("heldOn", "round", isoDate(heldOn), { firstContact: isoDate(project.firstContactOn) });
    const leaderOther = input.leaderId === undefined ? (input.leaderOther ?? null) : null; // a leader from the list wins over typed text
    // The next number and the insert in one statement (the project's row lock orders two rounds of one project).
    const [inserted] = await tx.$queryRaw<Omit<RoundRow, "actor" | "leader_zh" | "leader_en">[]>`
      INSERT INTO negotiation_round (project_id, number, held_on, format, place, our_participants, investor_participants,
             leader_id, leader_other, topics, summary, next_steps, next_meeting_on, created_by_id, request_id, updated_at)
      SELECT ${project.id}, COALESCE(MAX(number), 0) + 1, ${heldOn}::date, ${input.format}::"RoundFormat", ${input.place ?? null},
             ${input.ourParticipants ?? user.name}, ${input.investorParticipants ?? null}, ${input.leaderId ?? null}::int, ${leaderOther},
             ${input.topics}::varchar(32)[], ${input.summary}, ${input.nextSteps ?? null}, ${input.nextMeetingOn ?? null}::date,
             ${user.id}, ${input.requestId}::uuid, now()
        FROM negotiation_round WHERE project_id = ${project.id}
      RETURNING id, number, held_on, format::text AS format, place, our_participants, investor_participants, topics::text[] AS topics,
                summary, next_steps, next_meeting_on, created_at`;
    const round: RoundRow = { ...inserted, actor: user.name, leader_zh: leader?.nameZh ?? leaderOther, leader_en: leader?.nameEn ?? leaderOther };

    const before = { roundCount: project.roundCount, lastRoundOn: project.lastRoundOn, nextFollowUpOn: project.nextFollowUpOn, version: project.version };
    const roundAfter = {
      id: round.id,
      projectId: project.id,
      number: round.number,
      heldOn: round.held_on,
      format: round.format,
      place: round.place,
      ourParticipants: round.our_participants,
      investorParticipants: round.investor_participants,
      topics: round.topics,
      summary: round.summary,
      nextSteps: round.next_steps,
      nextMeetingOn: round.next_meeting_on,
      leaderId: input.leaderId ?? null,
      leaderOther,
    };
    // round_count / last_round_on from the rounds (ROUND_STATS_COLUMNS, lib/data/round-stats.ts: the seeds use the
    // same definition), the follow-up when a next meeting is set, and the version: one UPDATE, so project's
    // triggers run once. Its audit row (writeAudit's shape: the round, and the project's counters as they became)
    // is written by the same statement: the update's triggers lock rows that colleagues logging rounds in the same
    // unit and stage today also update (project_day_summary, project_month_summary), held until the commit, so
    // nothing but the COMMIT follows it (issue 14: with a statement after it, ten writers queued on those rows
    // for one more round trip each). Dates as writeAudit writes a Date: ISO at UTC midnight.
    const iso = (column: string) => Prisma.raw(`to_char(u.${column}, 'YYYY-MM-DD"T00:00:00.000Z"')`);
    const [updated] = await tx.$queryRaw<ProjectAfter[]>`
      WITH u AS (
        UPDATE project p SET round_count = s.n, last_round_on = s.last,
               next_follow_up_on = COALESCE(${input.nextMeetingOn ?? null}::date, p.next_follow_up_on),
               version = p.version + 1, updated_at = now()
          FROM (SELECT ${Prisma.raw(ROUND_STATS_COLUMNS)} FROM negotiation_round r WHERE r.project_id = ${project.id}) s
         WHERE p.id = ${project.id}
        RETURNING p.version, p.round_count, p.last_round_on, p.next_follow_up_on, p.stage
      ), audit AS (
        INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
        SELECT ${user.id}, 'round.create', 'negotiation_round', ${String(round.id)}, ${JSON.stringify({ project: before })}::jsonb,
               ${JSON.stringify(roundAfter)}::jsonb || jsonb_build_object('project', jsonb_build_object(
                 'roundCount', u.round_count, 'lastRoundOn', ${iso("last_round_on")}, 'nextFollowUpOn', ${iso("next_follow_up_on")}, 'version', u.version))
          FROM u
      )
      SELECT * FROM u`;
    return resultOf(project.id, round, updated);
  });
}
