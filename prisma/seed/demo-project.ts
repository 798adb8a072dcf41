/**
 * One project and everything that hangs off it: its stage history, rounds,
 * contract, construction start and funds in place, kept consistent the way
 * the app keeps them (stageEnteredAt is the last stage change, the contract is dated at the move to SIGNED …).
 */
import type { Prisma, ReferenceKind, RoundFormat, Stage } from "@/lib/generated/prisma/client";
import type { CompanySeed, ContactSeed } from "./demo-companies";
import type { UnitSeed, UserSeed } from "./demo-data";
import { forwardIndex, placeMoves, roundDays, stagePath, typicalRoundCount, type Move } from "./demo-plan";
import { addDays, at, CNY_PER_USD, day, DEMO_END, maxDate, splitInteger, usdFromThousands, yuanFromWan, type Rng } from "./demo-random";
import type { ProjectSpec } from "./demo-stories";
import { fill, INVESTOR_ROLES, OTHER_CONFERENCES, TOPIC_NEXT_STEPS, TOPIC_SUMMARIES, TOPICS, type Topic } from "./demo-text";

/** Seed data with the ids it will have in the database. */
export type Resolved = {
  units: (UnitSeed & { id: number })[];
  users: (UserSeed & { id: number })[];
  companies: (CompanySeed & { id: number })[];
  contacts: readonly ContactSeed[];
  referenceId(kind: ReferenceKind, code: string): number;
  eventId(code: string): number;
};

export type RoundDraft = {
  heldOn: Date;
  format: RoundFormat;
  place: string | null;
  ourParticipants: string;
  investorParticipants: string;
  topics: string[];
  summary: string;
  nextSteps: string;
};

/** A history written by hand instead of generated (the battery anchor). */
export type Script = {
  moves: Move[];
  rounds: RoundDraft[];
  funds: { on: Date; wan: number }[];
  nextFollowUpOn: Date;
  contractNote: string;
  startNote: string;
  jobs: number;
  landMu: number;
};

export type ProjectBundle = {
  project: Prisma.ProjectCreateManyInput & { createdAt: Date; updatedAt: Date };
  stageChanges: Prisma.StageChangeCreateManyInput[];
  rounds: Prisma.NegotiationRoundCreateManyInput[];
  contracts: Prisma.ContractCreateManyInput[];
  starts: Prisma.ConstructionStartCreateManyInput[];
  funds: Prisma.FundsInPlaceCreateManyInput[];
};

type Context = {
  company: Resolved["companies"][number];
  unit: Resolved["units"][number];
  owner: Resolved["users"][number];
  contacts: readonly ContactSeed[];
  spec: ProjectSpec;
};

export function buildProject(rng: Rng, r: Resolved, args: { id: number; spec: ProjectSpec; anchorId: number | null; script?: Script }): ProjectBundle {
  const { id, spec, anchorId, script } = args;
  const company = find(r.companies, (c) => c.key === spec.company, `company ${spec.company}`);
  const unit = find(r.units, (u) => u.code === spec.unit, `unit ${spec.unit}`);
  const owner = ownerOf(rng, r, spec);
  const ctx: Context = { company, unit, owner, spec, contacts: r.contacts.filter((c) => c.company === company.key) };
  const wan = Math.round(spec.yi * 10_000);
  const usdK = foreignThousands(company, wan);
  const sector = spec.sector ?? company.sector;

  // Only the generic pipeline takes detours; story projects follow their script.
  const firstContactOn = spec.firstContactOn ? day(spec.firstContactOn) : undefined;
  const moves = script?.moves ?? placeMoves(rng, stagePath(rng, spec.stage, spec.via, !firstContactOn), spec.stage, firstContactOn, spec.reason);
  const last = moves[moves.length - 1];
  const stageChanges = moves.map((move, i) => ({
    projectId: id,
    fromStage: i === 0 ? null : moves[i - 1].stage,
    toStage: move.stage,
    reason: move.reason,
    changedById: owner.id,
    changedAt: at(move.on, rng.int(9, 17), rng.int(0, 59)),
  }));
  const changedAt = (stage: Stage) => stageChanges.find((c) => c.toStage === stage)?.changedAt;

  const days = script ? script.rounds.map((d) => d.heldOn) : roundDays(rng, moves, spec.rounds ?? typicalRoundCount(rng, wan));
  const lastActivity = days.length > 0 ? maxDate(days[days.length - 1], last.on) : last.on;
  const nextFollowUpOn = script ? script.nextFollowUpOn : followUpDate(rng, last.stage, lastActivity);
  const drafts = script?.rounds ?? days.map((heldOn, i) => draftRound(rng, ctx, heldOn, i === 0));
  const rounds = drafts.map((draft, i) => {
    const createdAt = at(draft.heldOn, rng.int(18, 21), rng.int(0, 59)); // logged after the meeting
    // Most rounds fix the next meeting; the latest of a live negotiation fixes the follow-up.
    const following = drafts[i + 1]?.heldOn;
    const stillTalking = last.stage === "NEGOTIATION" && nextFollowUpOn !== null && nextFollowUpOn > draft.heldOn;
    const nextMeetingOn = following ? (script || rng.chance(0.7) ? following : null) : stillTalking ? nextFollowUpOn : null;
    return { projectId: id, number: i + 1, ...draft, nextMeetingOn, createdById: owner.id, createdAt, updatedAt: createdAt };
  });

  const signed = moves.find((m) => m.stage === "SIGNED");
  const kind = spec.agreement ?? agreementKind(rng, last.stage);
  const contracts = signed
    ? [{
        projectId: id,
        signedOn: signed.on,
        contractedInvestmentCny: yuanFromWan(wan),
        contractedForeignUsd: usdK > 0 ? usdFromThousands(usdK) : null,
        agreementKindId: r.referenceId("AGREEMENT_KIND", kind),
        note: script?.contractNote ?? (kind === "framework" ? "框架协议，约定六个月内签订正式投资合同。" : null),
        createdById: owner.id,
        createdAt: changedAt("SIGNED")!, // recorded together with the move to SIGNED
        updatedAt: changedAt("SIGNED")!,
      }]
    : [];

  const started = moves.find((m) => m.stage === "CONSTRUCTION");
  const starts = started
    ? [{ projectId: id, startedOn: started.on, note: script?.startNote ?? null, createdById: owner.id, createdAt: changedAt("CONSTRUCTION")!, updatedAt: changedAt("CONSTRUCTION")! }]
    : [];
  const installments = script ? script.funds.map((f) => ({ ...f, usdK: 0 })) : started ? fundsSchedule(rng, last.stage, started.on, wan, usdK) : [];
  const funds = installments.flatMap(({ on, wan: amountWan, usdK: amountUsdK }) => {
    const createdAt = at(on, 16, rng.int(0, 59));
    const row = { projectId: id, receivedOn: on, note: null, createdById: owner.id, createdAt, updatedAt: createdAt };
    // Yuan and dollars are separate rows: the dollars are the foreign share, reported on their own.
    return [
      { ...row, amount: yuanFromWan(amountWan), currency: "CNY" as const },
      ...(amountUsdK > 0 ? [{ ...row, amount: usdFromThousands(amountUsdK), currency: "USD" as const }] : []),
    ];
  });

  const enteredAt = stageChanges[stageChanges.length - 1].changedAt;
  const lastRound = rounds[rounds.length - 1];
  const project = {
    id,
    companyId: company.id,
    title: spec.title,
    sectorId: r.referenceId("SECTOR", sector),
    chainId: company.chain ? r.referenceId("INDUSTRY_CHAIN", company.chain) : null,
    unitId: unit.id,
    phase: /（([一二三四]期)）/.exec(spec.title)?.[1] ?? null,
    plannedInvestmentCny: yuanFromWan(wan),
    foreignInvestmentUsd: usdK > 0 ? usdFromThousands(usdK) : null,
    jobs: script?.jobs ?? Math.max(8, Math.round(wan / rng.int(120, 400))),
    landMu: landMu(rng, sector, wan, script?.landMu),
    sourceId: r.referenceId("SOURCE", spec.source),
    eventId: spec.event ? r.eventId(spec.event) : null,
    anchorProjectId: anchorId,
    ownerId: owner.id,
    stage: last.stage,
    stageEnteredAt: enteredAt,
    stageReason: last.stage === "ON_HOLD" || last.stage === "LOST" ? last.reason : null,
    firstContactOn: moves[0].on,
    nextFollowUpOn,
    createdAt: stageChanges[0].changedAt,
    updatedAt: lastRound ? maxDate(enteredAt, lastRound.createdAt) : enteredAt,
  };
  return { project, stageChanges, rounds, contracts, starts, funds };
}

function find<T>(rows: T[], match: (row: T) => boolean, what: string): T {
  const row = rows.find(match);
  if (!row) throw new Error(`demo seed: unknown ${what}`);
  return row;
}

/** Projects belong to an officer of their unit: the named one, or one picked at random. */
function ownerOf(rng: Rng, r: Resolved, spec: ProjectSpec): Resolved["users"][number] {
  const officers = r.users.filter((u) => u.role === "OFFICER" && u.unit === spec.unit);
  if (officers.length === 0) throw new Error(`demo seed: no officer in unit ${spec.unit}`);
  return spec.owner ? find(officers, (u) => u.email === spec.owner, `officer ${spec.owner} of ${spec.unit}`) : rng.pick(officers);
}

/** The foreign share in thousands of dollars: all of it for foreign and HMT investors, half for joint ventures. */
function foreignThousands(company: CompanySeed, wan: number): number {
  const share = company.ownership === "FOREIGN" || company.ownership === "HMT" ? 1 : company.ownership === "JOINT_VENTURE" ? 0.5 : 0;
  return Math.round((wan * 10 * share) / CNY_PER_USD / 10) * 10; // 1万元 = 10 thousand yuan; rounded to $10k
}

function landMu(rng: Rng, sector: string, wan: number, fixed: number | undefined): string | null {
  if (fixed !== undefined) return `${fixed}.00`;
  if (sector === "modern_services" && rng.chance(0.5)) return null; // offices and platforms need no land of their own
  const perMu = sector === "modern_services" ? rng.int(800, 2000) : rng.int(300, 800); // 万元 invested per mu
  return `${Math.max(5, Math.round(wan / perMu))}.00`;
}

/** Projects that got as far as construction mostly signed a formal contract; others often a framework first. */
function agreementKind(rng: Rng, stage: Stage): "framework" | "formal" {
  const built = forwardIndex(stage) >= forwardIndex("CONSTRUCTION");
  return rng.chance(built ? 0.1 : 0.4) ? "framework" : "formal";
}

/** Active projects have a follow-up date around today: about a third overdue. */
function followUpDate(rng: Rng, stage: Stage, lastActivity: Date): Date | null {
  if (stage === "LOST" || stage === "OPERATING") return null;
  if (stage === "ON_HOLD") return rng.chance(0.5) ? addDays(DEMO_END, rng.int(15, 75)) : null;
  const due = rng.chance(0.35) ? addDays(DEMO_END, -rng.int(1, 40)) : addDays(DEMO_END, rng.int(0, 31));
  return due > lastActivity ? due : addDays(lastActivity, rng.int(7, 30));
}

/** Funds arrive in instalments after the start: most of the money for running plants, some for sites. */
function fundsSchedule(rng: Rng, stage: Stage, startedOn: Date, wan: number, usdK: number) {
  if (stage !== "OPERATING" && !rng.chance(0.7)) return [];
  const dates: Date[] = [];
  for (let on = addDays(startedOn, rng.int(20, 60)); on <= DEMO_END && dates.length < 8; on = addDays(on, rng.int(60, 150))) dates.push(on);
  if (dates.length === 0) return [];
  const percent = stage === "OPERATING" ? rng.int(60, 95) : rng.int(10, 60);
  const cny = splitInteger(rng, Math.floor((wan * percent) / 100), dates.length);
  // The dollar rows are the foreign share of each instalment, at the project's own ratio.
  return dates.map((on, i) => ({ on, wan: cny[i], usdK: Math.round((cny[i] * usdK) / wan) }));
}

const FORMATS: readonly RoundFormat[] = ["VISIT_HERE", "VISIT_HERE", "VISIT_HERE", "VIDEO", "VIDEO", "PHONE", "PHONE", "VISIT_INVESTOR", "VISIT_INVESTOR", "CONFERENCE"];

function draftRound(rng: Rng, ctx: Context, heldOn: Date, first: boolean): RoundDraft {
  const { company, unit, owner, spec } = ctx;
  const format = rng.pick(FORMATS);
  const topics = pickTopics(rng, first);
  const values = { co: company.short, park: unit.park, unit: unit.nameZh, yi: String(spec.yi) };
  const bureau = unit.kind === "CITY" ? "市投资促进局" : `${unit.nameZh}投资促进局`;
  const places: Record<RoundFormat, string | null> = {
    VISIT_HERE: rng.chance(0.5) ? unit.park : `${bureau}会议室`,
    VISIT_INVESTOR: `${company.short}总部（${company.hq}）`,
    VIDEO: "视频会议",
    PHONE: null,
    CONFERENCE: rng.pick(OTHER_CONFERENCES),
  };
  const ours = [`${owner.name}（${bureau}）`, ...(rng.chance(0.3) ? [unit.leader] : [])];
  const people = ctx.contacts.length > 0 ? ctx.contacts.map((c) => `${c.name}（${c.title}）`) : INVESTOR_ROLES.map((role) => `${company.short}${role}`);
  const theirs = rng.shuffle(people).slice(0, rng.int(1, 2));
  return {
    heldOn,
    format,
    place: places[format],
    ourParticipants: ours.join("、"),
    investorParticipants: theirs.join("、"),
    topics,
    summary: topics.map((t) => fill(first && t === "other" ? TOPIC_SUMMARIES.other[0] : rng.pick(TOPIC_SUMMARIES[t]), values)).join(""),
    nextSteps: rng.pick(TOPIC_NEXT_STEPS[topics[topics.length - 1]]),
  };
}

/** A first round introduces the investor; later ones cover one or two subjects. */
function pickTopics(rng: Rng, first: boolean): Topic[] {
  const specific = TOPICS.filter((t) => t !== "other");
  const chosen = new Set<Topic>(first ? ["other"] : [rng.pick(TOPICS)]);
  if (rng.chance(first ? 0.5 : 0.4)) chosen.add(rng.pick(specific));
  return TOPICS.filter((t) => chosen.has(t)); // in the app's order
}
