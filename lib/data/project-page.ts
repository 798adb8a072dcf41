import "server-only";
/**
 * The project page's read: getProjectPage and the shapes it returns (the
 * project, the projects it drew, its timeline entries). Kept apart from the
 * writes (projects.ts) and the forms' option lists (project-options.ts): the
 * page only reads, and its SQL is what bench/results.md measures.
 */
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScopeSql } from "@/lib/data/sql-rules";
import type { Stage } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import { todayDate } from "@/lib/validation/fields";
import { isOverdue } from "@/lib/data/sql-rules";
import { formValues } from "@/lib/data/project-form-values";
import { getChain, type AnchorOf } from "@/lib/data/anchors";
import { mayDeleteAttachment } from "@/lib/data/attachments";
import { may } from "@/lib/domain/policy";
import { isFunded } from "@/lib/domain/stages";
import { isoDay } from "@/lib/domain/period";
import { journeyStateColumnsSql, journeyStateJoinSql, journeyStateOf, type JourneyStateRow } from "@/lib/data/stage";
import { recognitionColumnsSql, recognitionOf, recognitionOfColumns, type ContractFormOptions, type RecognitionColumns } from "@/lib/data/signings";
import { settingsColumnsSql, settingsOfColumns, type SettingsColumns } from "@/lib/data/settings";
import { otherUnitsInTalksColumnSql, type OtherUnitTalk } from "@/lib/data/company-talks";
import { reassignableOwnersColumnSql } from "@/lib/data/project-options";
import { pickerLists } from "@/lib/data/reference";
import { listProjectSupervision } from "@/lib/data/supervision";
import { getCommitments } from "@/lib/data/commitments";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

type ProjectRow = {
  id: number;
  number: string;
  title: string;
  stage: Stage;
  stage_entered_at: Date;
  stage_reason: string | null;
  phase: string | null;
  planned_investment_cny: string | null;
  foreign_investment_usd: string | null;
  jobs: number | null;
  land_mu: string | null;
  first_contact_on: Date;
  next_follow_up_on: Date | null;
  last_round_on: Date | null;
  round_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  unit_id: number;
  owner_id: number;
  company_id: number;
  sector_id: number | null;
  chain_id: number | null;
  source_id: number | null;
  event_id: number | null;
  anchor_project_id: number | null;
  company_name_zh: string;
  company_name_en: string | null;
  company_country: string;
  owner_name: string;
  unit_name_zh: string;
  unit_name_en: string;
  sector_zh: string | null;
  sector_en: string | null;
  chain_zh: string | null;
  chain_en: string | null;
  source_zh: string | null;
  source_en: string | null;
  event_zh: string | null;
  event_en: string | null;
  event_city_zh: string | null;
  event_city_en: string | null;
  event_starts_on: Date | null;
  anchor_id: number | null;
  anchor_title: string | null;
  anchor_unit_zh: string | null;
  anchor_unit_en: string | null;
  anchor_stage: Stage | null;
  anchor_company_zh: string | null;
  anchor_company_en: string | null;
};

export type TimelineKind = "round" | "stage" | "contract" | "start" | "funds" | "edit";
export type TimelineEntry = {
  kind: TimelineKind;
  id: string;
  /** The round's, contract's … own id. */
  recordId: number;
  /** The day it happened (rounds, contracts …) or was recorded (stage changes, edits). */
  onDate: Date;
  at: Date;
  actor: string | null;
  data: Record<string, unknown>;
};

/** A round's or contract's files as a JSON array: what the timeline lists, never the bytes. */
const attachmentsOf = (owner: Prisma.Sql) => Prisma.sql`(
  SELECT COALESCE(jsonb_agg(jsonb_build_object('id', a.id, 'fileName', a.file_name, 'size', a.size, 'uploadedBy', au.name,
           'uploadedById', a.uploaded_by_id, 'createdAt', a.created_at) ORDER BY a.created_at, a.id), '[]'::jsonb)
    FROM attachment a JOIN app_user au ON au.id = a.uploaded_by_id
   WHERE ${owner})`;

export type TimelineAttachment = { id: number; fileName: string; size: number; uploadedBy: string; createdAt: string; mayDelete: boolean };

function withDeleteRights(user: Actor, data: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(data.attachments)) return data;
  const attachments = (data.attachments as (Omit<TimelineAttachment, "mayDelete"> & { uploadedById: number })[]).map(({ uploadedById, ...a }) => ({
    ...a,
    mayDelete: mayDeleteAttachment(user, uploadedById),
  }));
  return { ...data, attachments };
}

/**
 * Everything the project page shows, in three statements: the project with
 * its names (and its anchor: title and unit for anyone, the rest in scope),
 * the chain it drew city-wide (lib/data/anchors.ts getChain), and one UNION
 * ALL timeline, newest first. Outside the user's scope: NotFoundError.
 */
export async function getProjectPage(db: Db, user: Actor, id: number) {
  const row = await readProjectRow<ProjectRow>(db, user, id, null);
  const [drawn, timeline] = await readChainAndTimeline(db, user, id);
  return pageOf(user, row, drawn, timeline);
}

/**
 * getProjectPage's project row in the user's scope (NotFoundError outside it), with `extra` columns (and joins)
 * read in the same statement on the project `p`.
 */
async function readProjectRow<R extends ProjectRow>(db: Db, user: Actor, id: number, extra: { columns: Prisma.Sql; join: Prisma.Sql } | null): Promise<R> {
  const [project] = await db.$queryRaw<R[]>`
    SELECT p.id, p.number, p.title, p.stage, p.stage_entered_at, p.stage_reason, p.phase,
           p.planned_investment_cny::text AS planned_investment_cny, p.foreign_investment_usd::text AS foreign_investment_usd,
           p.jobs, p.land_mu::text AS land_mu, p.first_contact_on, p.next_follow_up_on, p.last_round_on, p.round_count,
           p.version, p.created_at, p.updated_at, p.unit_id, p.owner_id, p.company_id, p.sector_id, p.chain_id,
           p.source_id, p.event_id, p.anchor_project_id,
           c.name_zh AS company_name_zh, c.name_en AS company_name_en, c.country_code AS company_country,
           o.name AS owner_name, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
           s.name_zh AS sector_zh, s.name_en AS sector_en, ch.name_zh AS chain_zh, ch.name_en AS chain_en,
           src.name_zh AS source_zh, src.name_en AS source_en,
           e.name_zh AS event_zh, e.name_en AS event_en, e.city_zh AS event_city_zh, e.city_en AS event_city_en, e.starts_on AS event_starts_on,
           a.id AS anchor_id, a.stage AS anchor_stage, ac.name_zh AS anchor_company_zh, ac.name_en AS anchor_company_en,
           an.title AS anchor_title, au.name_zh AS anchor_unit_zh, au.name_en AS anchor_unit_en
           ${extra ? Prisma.sql`, ${extra.columns}` : Prisma.empty}
      FROM project p
      JOIN company c ON c.id = p.company_id
      JOIN app_user o ON o.id = p.owner_id
      JOIN unit u ON u.id = p.unit_id
      LEFT JOIN reference_item s ON s.id = p.sector_id
      LEFT JOIN reference_item ch ON ch.id = p.chain_id
      LEFT JOIN reference_item src ON src.id = p.source_id
      LEFT JOIN promotion_event e ON e.id = p.event_id
      LEFT JOIN project a ON a.id = p.anchor_project_id AND ${projectScopeSql(user, "a")}
      LEFT JOIN company ac ON ac.id = a.company_id
      LEFT JOIN project an ON an.id = p.anchor_project_id
      LEFT JOIN unit au ON au.id = an.unit_id
      ${extra ? extra.join : Prisma.empty}
     WHERE p.id = ${id} AND ${projectScopeSql(user, "p")}`;
  if (!project) throw new NotFoundError();
  return project;
}

type TimelineRow = { kind: TimelineKind; id: string; on_date: Date; at: Date; actor: string | null; data: Record<string, unknown> };

/** The chain the project drew and its timeline: two statements, side by side; only for a project already found in scope. */
function readChainAndTimeline(db: Db, user: Actor, id: number) {
  return Promise.all([
    getChain(db, user, id),
    db.$queryRaw<TimelineRow[]>`
      SELECT 'round' AS kind, r.id::text AS id, r.held_on AS on_date, r.created_at AS at, u.name AS actor,
             jsonb_build_object('number', r.number, 'format', r.format, 'place', r.place, 'ours', r.our_participants,
               'theirs', r.investor_participants, 'topics', to_jsonb(r.topics), 'summary', r.summary,
               'nextSteps', r.next_steps, 'nextMeetingOn', r.next_meeting_on,
               'leaderZh', COALESCE(ld.name_zh, r.leader_other), 'leaderEn', COALESCE(ld.name_en, r.leader_other),
               'attachments', ${attachmentsOf(Prisma.sql`a.round_id = r.id`)}) AS data
        FROM negotiation_round r JOIN app_user u ON u.id = r.created_by_id
        LEFT JOIN reference_item ld ON ld.id = r.leader_id
       WHERE r.project_id = ${id}
      UNION ALL
      SELECT 'stage', sc.id::text, (sc.changed_at AT TIME ZONE 'Asia/Shanghai')::date, sc.changed_at, u.name,
             jsonb_build_object('from', sc.from_stage, 'to', sc.to_stage, 'reason', sc.reason)
        FROM stage_change sc JOIN app_user u ON u.id = sc.changed_by_id
       WHERE sc.project_id = ${id}
      UNION ALL
      SELECT 'contract', k.id::text, k.signed_on, k.created_at, u.name,
             jsonb_build_object('amountCny', k.contracted_investment_cny::text, 'foreignUsd', k.contracted_foreign_usd::text,
               'kindZh', ri.name_zh, 'kindEn', ri.name_en, 'note', k.note,
               'attachments', ${attachmentsOf(Prisma.sql`a.contract_id = k.id`)})
        FROM contract k JOIN app_user u ON u.id = k.created_by_id JOIN reference_item ri ON ri.id = k.agreement_kind_id
       WHERE k.project_id = ${id}
      UNION ALL
      SELECT 'start', cs.id::text, cs.started_on, cs.created_at, u.name, jsonb_build_object('note', cs.note)
        FROM construction_start cs JOIN app_user u ON u.id = cs.created_by_id
       WHERE cs.project_id = ${id}
      UNION ALL
      SELECT 'funds', f.id::text, f.received_on, f.created_at, u.name,
             jsonb_build_object('amount', f.amount::text, 'currency', f.currency, 'note', f.note)
        FROM funds_in_place f JOIN app_user u ON u.id = f.created_by_id
       WHERE f.project_id = ${id}
      UNION ALL
      SELECT 'edit', al.id::text, (al.at AT TIME ZONE 'Asia/Shanghai')::date, al.at, u.name,
             jsonb_build_object('action', al.action, 'before', al.before, 'after', al.after,
               -- The names of the reference items and events an edit chose or dropped, so the timeline names them.
               'references', (SELECT jsonb_object_agg(ri.id::text, jsonb_build_array(ri.name_zh, ri.name_en)) FROM reference_item ri
                               WHERE ri.id::text IN (al.before->>'sectorId', al.before->>'chainId', al.before->>'sourceId',
                                                     al.after->>'sectorId', al.after->>'chainId', al.after->>'sourceId')),
               'events', (SELECT jsonb_object_agg(pe.id::text, jsonb_build_array(pe.name_zh, pe.name_en)) FROM promotion_event pe
                           WHERE pe.id::text IN (al.before->>'eventId', al.after->>'eventId')))
        FROM audit_log al LEFT JOIN app_user u ON u.id = al.actor_id
       WHERE al.entity = 'project' AND al.entity_id = ${String(id)} AND al.action IN ('project.update', 'project.reassign')
      ORDER BY on_date DESC, at DESC, id DESC`,
  ]);
}

function pageOf(user: Actor, p: ProjectRow, drawn: Awaited<ReturnType<typeof getChain>>, timeline: TimelineRow[]) {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    version: p.version,
    stage: p.stage,
    stageEnteredAt: p.stage_entered_at,
    stageReason: p.stage_reason,
    phase: p.phase,
    plannedInvestmentCny: p.planned_investment_cny,
    foreignInvestmentUsd: p.foreign_investment_usd,
    jobs: p.jobs,
    landMu: p.land_mu,
    firstContactOn: p.first_contact_on,
    nextFollowUpOn: p.next_follow_up_on,
    overdue: isOverdue({ nextFollowUpOn: p.next_follow_up_on, stage: p.stage }, todayDate()),
    lastRoundOn: p.last_round_on,
    roundCount: p.round_count,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    unitId: p.unit_id,
    ownerId: p.owner_id,
    company: { id: p.company_id, nameZh: p.company_name_zh, nameEn: p.company_name_en, countryCode: p.company_country },
    owner: { id: p.owner_id, name: p.owner_name },
    unit: { id: p.unit_id, nameZh: p.unit_name_zh, nameEn: p.unit_name_en },
    sector: p.sector_id ? { id: p.sector_id, nameZh: p.sector_zh!, nameEn: p.sector_en! } : null,
    chain: p.chain_id ? { id: p.chain_id, nameZh: p.chain_zh!, nameEn: p.chain_en! } : null,
    source: p.source_id ? { id: p.source_id, nameZh: p.source_zh!, nameEn: p.source_en! } : null,
    event: p.event_id
      ? { id: p.event_id, nameZh: p.event_zh!, nameEn: p.event_en, cityZh: p.event_city_zh!, cityEn: p.event_city_en, startsOn: p.event_starts_on! }
      : null,
    anchor:
      p.anchor_project_id === null
        ? null
        : ({
            title: p.anchor_title!,
            unit: { nameZh: p.anchor_unit_zh!, nameEn: p.anchor_unit_en! },
            visible: p.anchor_id ? { id: p.anchor_id, stage: p.anchor_stage!, companyNameZh: p.anchor_company_zh!, companyNameEn: p.anchor_company_en } : null,
          } satisfies AnchorOf),
    /** The projects it drew (its chain), counted and valued city-wide. */
    drawn,
    timeline: timeline.map((t): TimelineEntry => ({ kind: t.kind, id: `${t.kind}-${t.id}`, recordId: Number(t.id), onDate: t.on_date, at: t.at, actor: t.actor, data: withDeleteRights(user, t.data) })),
    formValues: formValues({
      title: p.title,
      sectorId: p.sector_id,
      chainId: p.chain_id,
      phase: p.phase,
      plannedInvestmentCny: p.planned_investment_cny,
      foreignInvestmentUsd: p.foreign_investment_usd,
      jobs: p.jobs,
      landMu: p.land_mu,
      sourceId: p.source_id,
      eventId: p.event_id,
      anchorProjectId: p.anchor_project_id,
      nextFollowUpOn: p.next_follow_up_on,
    }),
  };
}
export type ProjectPage = Awaited<ReturnType<typeof getProjectPage>>;

type ViewRow = ProjectRow &
  JourneyStateRow &
  RecognitionColumns &
  SettingsColumns & { other_units_in_talks: OtherUnitTalk[]; owner_options: { id: number; name: string }[] | null };

/**
 * Everything the project page shows as served — the project (getProjectPage), its journey panel, signings,
 * commitments, supervision orders, the other units in talks, the owners it can be handed to and every picker — in
 * as few statements as the data allows, each row read once:
 * 1. the project in the user's scope (NotFoundError outside it) with, in the same statement, its journey state
 *    (lib/data/stage.ts), what its recognition reads (lib/data/signings.ts), the settings row (milestone colours and
 *    counting rules, lib/data/settings.ts), the other units in talks and, for managers, the owners to hand it to;
 * then, side by side, only once the project is found in scope:
 * 2. the chain it drew and 3. its timeline (as getProjectPage);
 * 4. every picker's list (lib/data/reference.ts pickerLists);
 * 5. its supervision orders;
 * 6. its commitments — only for a signed project (the section shows nothing before the signing).
 * With the shell's one (the signed-in user and the bell: lib/auth/current-user.ts getSessionUser), a page is 6
 * statements, 7 when signed, for every role: pinned by lib/data/project-page-statements.int.test.ts.
 */
export async function getProjectPageView(db: Db, user: Actor & Pick<CurrentUser, "name">, id: number, today: Date = todayDate()) {
  const handsOver = may(user, "reassignOwners") || may(user, "superviseProjects");
  const recognise = may(user, "recogniseProjects");
  const recordContracts = may(user, "moveStages");
  const row = await readProjectRow<ViewRow>(db, user, id, {
    columns: Prisma.sql`${journeyStateColumnsSql()}, ${recognitionColumnsSql()}, ${settingsColumnsSql("setting")},
           ${otherUnitsInTalksColumnSql()} AS other_units_in_talks,
           ${handsOver ? Prisma.sql`${reassignableOwnersColumnSql()}` : Prisma.sql`NULL::jsonb`} AS owner_options`,
    join: Prisma.sql`${journeyStateJoinSql()} LEFT JOIN installation_setting setting ON setting.id = 1`,
  });
  const journey = journeyStateOf(row);
  const settings = settingsOfColumns(row);
  const signed = isFunded(journey.stage) && journey.firstSignedOn !== null;
  const kinds = ["AGREEMENT_KIND", "LEADER", ...(recognise ? (["NOT_RECOGNISED_REASON"] as const) : [])] as const;
  // In scope: the rest side by side.
  const [[drawn, timeline], pickers, supervision, commitments] = await Promise.all([
    readChainAndTimeline(db, user, id),
    pickerLists(db, kinds as readonly ("AGREEMENT_KIND" | "LEADER" | "NOT_RECOGNISED_REASON")[], { events: recordContracts }),
    listProjectSupervision(db, user, id, today),
    signed ? getCommitments(db, user, id, isoDay(today), settings.milestones) : null,
  ]);
  const page = pageOf(user, row, drawn, timeline);
  const agreementKinds = pickers.items.AGREEMENT_KIND;
  return {
    project: page,
    journey,
    recognition: recognitionOf(recognitionOfColumns(row), settings.counting),
    milestoneSettings: settings.milestones,
    commitments,
    supervision,
    talks: row.other_units_in_talks,
    /** Who it can be handed to (managers and admins; the supervision form's assignees too), else []. */
    owners: row.owner_options ?? [],
    agreementKinds,
    leaders: pickers.items.LEADER,
    notRecognisedReasons: recognise ? pickers.items.NOT_RECOGNISED_REASON : [],
    contractOptions: recordContracts ? ({ agreementKinds, events: pickers.events } satisfies ContractFormOptions) : null,
  };
}
export type ProjectPageView = Awaited<ReturnType<typeof getProjectPageView>>;
