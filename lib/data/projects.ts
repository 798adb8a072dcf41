import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { allowedUnitIds, canReassignOwner, projectScope, projectScopeSql } from "@/lib/auth/scope";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReferenceKind, Stage } from "@/lib/generated/prisma/enums";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { createOnce, type Tx } from "@/lib/data/transactions";
import { todayDate } from "@/lib/validation/fields";
import { isOverdue } from "@/lib/data/dashboard/sql";
import { likeLiteral } from "@/lib/data/like";
import {
  type CreateProjectInput,
  type ProjectFormValues,
  type ReassignOwnerInput,
  type UpdateProjectInput,
} from "@/lib/validation/project";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

// ---------------------------------------------------------------------------
// The project page
// ---------------------------------------------------------------------------

type ProjectRow = {
  id: number;
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
  anchor_stage: Stage | null;
  anchor_company_zh: string | null;
  anchor_company_en: string | null;
};

export type DrawnProject = { id: number; title: string; stage: Stage; planned_investment_cny: string | null; company_name_zh: string; company_name_en: string | null };

export type TimelineKind = "round" | "stage" | "contract" | "start" | "funds" | "edit";
export type TimelineEntry = {
  kind: TimelineKind;
  id: string;
  /** The day it happened (rounds, contracts …) or was recorded (stage changes, edits). */
  onDate: Date;
  at: Date;
  actor: string | null;
  data: Record<string, unknown>;
};

/**
 * Everything the project page shows, in three statements: the project with
 * its names (and its anchor when in scope), the projects it drew, and one
 * UNION ALL timeline, newest first. Outside the user's scope: NotFoundError.
 */
export async function getProjectPage(db: Db, user: Actor, id: number) {
  const [project] = await db.$queryRaw<ProjectRow[]>`
    SELECT p.id, p.title, p.stage, p.stage_entered_at, p.stage_reason, p.phase,
           p.planned_investment_cny::text AS planned_investment_cny, p.foreign_investment_usd::text AS foreign_investment_usd,
           p.jobs, p.land_mu::text AS land_mu, p.first_contact_on, p.next_follow_up_on, p.last_round_on, p.round_count,
           p.version, p.created_at, p.updated_at, p.unit_id, p.owner_id, p.company_id, p.sector_id, p.chain_id,
           p.source_id, p.event_id, p.anchor_project_id,
           c.name_zh AS company_name_zh, c.name_en AS company_name_en, c.country_code AS company_country,
           o.name AS owner_name, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
           s.name_zh AS sector_zh, s.name_en AS sector_en, ch.name_zh AS chain_zh, ch.name_en AS chain_en,
           src.name_zh AS source_zh, src.name_en AS source_en,
           e.name_zh AS event_zh, e.name_en AS event_en, e.city_zh AS event_city_zh, e.city_en AS event_city_en, e.starts_on AS event_starts_on,
           a.id AS anchor_id, a.title AS anchor_title, a.stage AS anchor_stage,
           ac.name_zh AS anchor_company_zh, ac.name_en AS anchor_company_en
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
     WHERE p.id = ${id} AND ${projectScopeSql(user, "p")}`;
  if (!project) throw new NotFoundError();

  const [drawn, timeline] = await Promise.all([
    db.$queryRaw<DrawnProject[]>`
      SELECT d.id, d.title, d.stage, d.planned_investment_cny::text AS planned_investment_cny,
             c.name_zh AS company_name_zh, c.name_en AS company_name_en
        FROM project d JOIN company c ON c.id = d.company_id
       WHERE d.anchor_project_id = ${id} AND ${projectScopeSql(user, "d")}
       ORDER BY d.first_contact_on, d.id`,
    db.$queryRaw<{ kind: TimelineKind; id: string; on_date: Date; at: Date; actor: string | null; data: Record<string, unknown> }[]>`
      SELECT 'round' AS kind, r.id::text AS id, r.held_on AS on_date, r.created_at AS at, u.name AS actor,
             jsonb_build_object('number', r.number, 'format', r.format, 'place', r.place, 'ours', r.our_participants,
               'theirs', r.investor_participants, 'topics', to_jsonb(r.topics), 'summary', r.summary,
               'nextSteps', r.next_steps, 'nextMeetingOn', r.next_meeting_on) AS data
        FROM negotiation_round r JOIN app_user u ON u.id = r.created_by_id
       WHERE r.project_id = ${id}
      UNION ALL
      SELECT 'stage', sc.id::text, (sc.changed_at AT TIME ZONE 'Asia/Shanghai')::date, sc.changed_at, u.name,
             jsonb_build_object('from', sc.from_stage, 'to', sc.to_stage, 'reason', sc.reason)
        FROM stage_change sc JOIN app_user u ON u.id = sc.changed_by_id
       WHERE sc.project_id = ${id}
      UNION ALL
      SELECT 'contract', k.id::text, k.signed_on, k.created_at, u.name,
             jsonb_build_object('amountCny', k.contracted_investment_cny::text, 'foreignUsd', k.contracted_foreign_usd::text,
               'kindZh', ri.name_zh, 'kindEn', ri.name_en, 'note', k.note)
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
             jsonb_build_object('action', al.action, 'before', al.before, 'after', al.after)
        FROM audit_log al LEFT JOIN app_user u ON u.id = al.actor_id
       WHERE al.entity = 'project' AND al.entity_id = ${String(id)} AND al.action IN ('project.update', 'project.reassign')
      ORDER BY on_date DESC, at DESC, id DESC`,
  ]);

  const p = project;
  return {
    id: p.id,
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
    anchor: p.anchor_id
      ? { id: p.anchor_id, title: p.anchor_title!, stage: p.anchor_stage!, companyNameZh: p.anchor_company_zh!, companyNameEn: p.anchor_company_en }
      : null,
    /** Linked to an anchor project the user cannot see: only the fact shows. */
    anchorHidden: p.anchor_project_id !== null && p.anchor_id === null,
    drawn,
    timeline: timeline.map((t): TimelineEntry => ({ kind: t.kind, id: `${t.kind}-${t.id}`, onDate: t.on_date, at: t.at, actor: t.actor, data: t.data })),
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

// ---------------------------------------------------------------------------
// Snapshots (audit before/after, conflict "current")
// ---------------------------------------------------------------------------

const SNAPSHOT_SELECT = {
  id: true,
  version: true,
  unitId: true,
  ownerId: true,
  companyId: true,
  title: true,
  sectorId: true,
  chainId: true,
  phase: true,
  plannedInvestmentCny: true,
  foreignInvestmentUsd: true,
  jobs: true,
  landMu: true,
  sourceId: true,
  eventId: true,
  anchorProjectId: true,
  nextFollowUpOn: true,
  stage: true,
} satisfies Prisma.ProjectSelect;
type SnapshotRow = Prisma.ProjectGetPayload<{ select: typeof SNAPSHOT_SELECT }>;

const ymd = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");
const str = (v: { toString(): string } | null | undefined) => (v === null || v === undefined ? "" : v.toString());

/** The editable fields as the edit form holds them: strings, "" for empty. */
function formValues(r: {
  title: string;
  sectorId: number | null;
  chainId: number | null;
  phase: string | null;
  plannedInvestmentCny: { toString(): string } | null;
  foreignInvestmentUsd: { toString(): string } | null;
  jobs: number | null;
  landMu: { toString(): string } | null;
  sourceId: number | null;
  eventId: number | null;
  anchorProjectId: number | null;
  nextFollowUpOn: Date | null;
}): ProjectFormValues {
  return {
    title: r.title,
    sectorId: str(r.sectorId),
    chainId: str(r.chainId),
    phase: str(r.phase),
    plannedInvestmentCny: str(r.plannedInvestmentCny),
    foreignInvestmentUsd: str(r.foreignInvestmentUsd),
    jobs: str(r.jobs),
    landMu: str(r.landMu),
    sourceId: str(r.sourceId),
    eventId: str(r.eventId),
    anchorProjectId: str(r.anchorProjectId),
    nextFollowUpOn: ymd(r.nextFollowUpOn),
  };
}

function snapshot(r: SnapshotRow) {
  return { ...formValues(r), version: r.version, ownerId: r.ownerId, unitId: r.unitId, companyId: r.companyId, stage: r.stage };
}

// ---------------------------------------------------------------------------
// Rules shared by create and update
// ---------------------------------------------------------------------------

type RefInput = Pick<UpdateProjectInput, "sectorId" | "chainId" | "sourceId" | "eventId" | "anchorProjectId">;

/**
 * Reference values must exist, be of the right kind and (when newly chosen)
 * not be retired; the event must exist; the anchor project must be in scope
 * and not close a loop. `current` holds the values already on the record,
 * which may stay as they are.
 */
async function checkReferences(tx: Tx, user: Actor, input: RefInput, current: Partial<RefInput> & { id?: number } = {}) {
  const errors: Record<string, string> = {};
  const wanted: [keyof RefInput, ReferenceKind][] = [
    ["sectorId", "SECTOR"],
    ["chainId", "INDUSTRY_CHAIN"],
    ["sourceId", "SOURCE"],
  ];
  const changed = wanted.filter(([field]) => input[field] !== undefined && input[field] !== current[field]);
  if (changed.length > 0) {
    const items = await tx.referenceItem.findMany({
      where: { id: { in: changed.map(([f]) => input[f]!) } },
      select: { id: true, kind: true, retiredAt: true },
    });
    for (const [field, kind] of changed) {
      const item = items.find((i) => i.id === input[field]);
      if (!item || item.kind !== kind || item.retiredAt) errors[field] = "choose";
    }
  }
  if (input.eventId !== undefined && input.eventId !== current.eventId) {
    if (!(await tx.promotionEvent.findUnique({ where: { id: input.eventId }, select: { id: true } }))) errors.eventId = "choose";
  }
  const anchorId = input.anchorProjectId;
  if (anchorId !== undefined && anchorId !== current.anchorProjectId) {
    if (anchorId === current.id) errors.anchorProjectId = "projects.rules.anchorLoop";
    else if (!(await tx.project.findFirst({ where: { id: anchorId, ...projectScope(user) }, select: { id: true } }))) errors.anchorProjectId = "choose";
    else if (current.id !== undefined) {
      // Would the anchor (or its anchor, …) be this project? Then the link closes a loop.
      const loop = await tx.$queryRaw<{ found: number }[]>`
        WITH RECURSIVE up(id, anchor, depth) AS (
          SELECT id, anchor_project_id, 1 FROM project WHERE id = ${anchorId}
          UNION ALL
          SELECT p.id, p.anchor_project_id, up.depth + 1 FROM project p JOIN up ON p.id = up.anchor WHERE up.depth < 200
        )
        SELECT 1 AS found FROM up WHERE id = ${current.id} LIMIT 1`;
      if (loop.length > 0) errors.anchorProjectId = "projects.rules.anchorLoop";
    }
  }
  if (Object.keys(errors).length > 0) throw new RuleError("invalid", errors);
}

async function checkOwner(tx: Tx, ownerId: number, unitId: number) {
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { unitId: true, disabledAt: true } });
  if (!owner || owner.disabledAt || owner.unitId !== unitId) throw new RuleError("invalid", { ownerId: "projects.rules.ownerOutsideUnit" });
}

function editableData(input: Omit<UpdateProjectInput, "id" | "version">) {
  return {
    title: input.title,
    sectorId: input.sectorId ?? null,
    chainId: input.chainId ?? null,
    phase: input.phase || null,
    plannedInvestmentCny: input.plannedInvestmentCny === undefined ? null : new Prisma.Decimal(input.plannedInvestmentCny),
    foreignInvestmentUsd: input.foreignInvestmentUsd === undefined ? null : new Prisma.Decimal(input.foreignInvestmentUsd),
    jobs: input.jobs ?? null,
    landMu: input.landMu === undefined ? null : new Prisma.Decimal(input.landMu),
    sourceId: input.sourceId ?? null,
    eventId: input.eventId ?? null,
    anchorProjectId: input.anchorProjectId ?? null,
    nextFollowUpOn: input.nextFollowUpOn ?? null,
  };
}

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

/**
 * Creates a project (and, when asked, its new company) with its first stage
 * change and audit rows, once per form submission (requestId).
 */
export async function createProject(db: Db, user: Actor, input: CreateProjectInput): Promise<{ id: number; version: number }> {
  const allowed = allowedUnitIds(user);
  const unitId = input.unitId ?? user.unitId;
  if (allowed !== null && !allowed.includes(unitId)) throw new RuleError("invalid", { unitId: "choose" });
  const ownerId = input.ownerId ?? user.id;
  if (ownerId !== user.id && !canReassignOwner(user)) throw new RuleError("invalid", { ownerId: "choose" });
  if (input.nextFollowUpOn && input.nextFollowUpOn < todayDate()) throw new RuleError("invalid", { nextFollowUpOn: "dateInPast" });
  if (input.firstContactOn && input.firstContactOn > todayDate()) throw new RuleError("invalid", { firstContactOn: "dateInFuture" });

  return createOnce(
    db,
    (tx) => tx.project.findFirst({ where: { requestId: input.requestId, ...projectScope(user) }, select: { id: true, version: true } }),
    async (tx) => {
      if (!(await tx.unit.findFirst({ where: { id: unitId, retiredAt: null }, select: { id: true } }))) throw new RuleError("invalid", { unitId: "choose" });
      await checkOwner(tx, ownerId, unitId);
      await checkReferences(tx, user, input);

      let companyId = input.companyId;
      if (companyId !== undefined) {
        if (!(await tx.company.findUnique({ where: { id: companyId }, select: { id: true } }))) throw new RuleError("invalid", { companyId: "choose" });
      } else {
        const company = await tx.company.create({
          data: {
            nameZh: input.newCompanyNameZh!,
            nameEn: input.newCompanyNameEn || null,
            countryCode: input.newCompanyCountry ?? "CN",
            ownershipType: input.newCompanyOwnership ?? "PRIVATE",
          },
          select: { id: true, nameZh: true, nameEn: true, countryCode: true, ownershipType: true },
        });
        companyId = company.id;
        await writeAudit(tx, { actorId: user.id, action: "company.create", entity: "company", entityId: company.id, after: company });
      }

      const now = new Date();
      const project = await tx.project.create({
        data: {
          ...editableData(input),
          companyId,
          unitId,
          ownerId,
          stage: "FIRST_CONTACT",
          stageEnteredAt: now,
          firstContactOn: input.firstContactOn ?? todayDate(now),
          requestId: input.requestId,
        },
        select: SNAPSHOT_SELECT,
      });
      await tx.stageChange.create({ data: { projectId: project.id, fromStage: null, toStage: "FIRST_CONTACT", changedById: user.id, changedAt: now } });
      await writeAudit(tx, { actorId: user.id, action: "project.create", entity: "project", entityId: project.id, after: snapshot(project) });
      return { id: project.id, version: project.version };
    },
  );
}

/** Saves the edit form against the version it was loaded with; a newer version is a ConflictError with what is there now. */
export async function updateProject(db: Db, user: Actor, input: UpdateProjectInput): Promise<{ id: number; version: number }> {
  return db.$transaction(async (tx) => {
    const current = await tx.project.findFirst({ where: { id: input.id, ...projectScope(user) }, select: SNAPSHOT_SELECT });
    if (!current) throw new NotFoundError();
    if (current.version !== input.version) throw new ConflictError(snapshot(current));
    const { id, version, ...fields } = input;
    const currentFollowUp = current.nextFollowUpOn?.getTime();
    if (fields.nextFollowUpOn && fields.nextFollowUpOn.getTime() !== currentFollowUp && fields.nextFollowUpOn < todayDate()) {
      throw new RuleError("invalid", { nextFollowUpOn: "dateInPast" });
    }
    await checkReferences(tx, user, fields, {
      id,
      sectorId: current.sectorId ?? undefined,
      chainId: current.chainId ?? undefined,
      sourceId: current.sourceId ?? undefined,
      eventId: current.eventId ?? undefined,
      anchorProjectId: current.anchorProjectId ?? undefined,
    });
    const { count } = await tx.project.updateMany({ where: { id, version }, data: { ...editableData(fields), version: { increment: 1 } } });
    if (count === 0) {
      const now = await tx.project.findUniqueOrThrow({ where: { id }, select: SNAPSHOT_SELECT });
      throw new ConflictError(snapshot(now));
    }
    const after = await tx.project.findUniqueOrThrow({ where: { id }, select: SNAPSHOT_SELECT });
    await writeAudit(tx, { actorId: user.id, action: "project.update", entity: "project", entityId: id, before: snapshot(current), after: snapshot(after) });
    return { id, version: after.version };
  });
}

/** Who a project of `unitId` can be handed to (reassignOwner's rule): the unit's active users, by name. */
export async function reassignableOwners(db: Db, unitId: number) {
  return db.user.findMany({ where: { unitId, disabledAt: null }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** Managers and admins hand a project to another active user of its unit. */
export async function reassignOwner(db: Db, user: Actor, input: ReassignOwnerInput): Promise<{ id: number; version: number }> {
  if (!canReassignOwner(user)) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const current = await tx.project.findFirst({
      where: { id: input.projectId, ...projectScope(user) },
      select: { id: true, version: true, unitId: true, ownerId: true, owner: { select: { name: true } } },
    });
    if (!current) throw new NotFoundError();
    if (current.version !== input.version) throw new ConflictError({ version: current.version, ownerId: current.ownerId, ownerName: current.owner.name });
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, name: true, unitId: true, disabledAt: true } });
    if (!owner || owner.disabledAt || owner.unitId !== current.unitId) throw new RuleError("invalid", { ownerId: "projects.rules.ownerOutsideUnit" });
    const { count } = await tx.project.updateMany({
      where: { id: current.id, version: input.version },
      data: { ownerId: owner.id, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError({ version: current.version, ownerId: current.ownerId, ownerName: current.owner.name });
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.reassign",
      entity: "project",
      entityId: current.id,
      before: { ownerId: current.ownerId, ownerName: current.owner.name },
      after: { ownerId: owner.id, ownerName: owner.name },
    });
    return { id: current.id, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------
// Option lists for filters and forms
// ---------------------------------------------------------------------------

export type Option = { id: number; nameZh: string; nameEn: string | null };
export type OwnerOption = { id: number; name: string; unitId: number };

/**
 * Units in scope, reference items by kind, owners in scope and events.
 * `forForm`: only values that may be newly chosen (not retired, active users),
 * plus the record's current values in `keep` so an edit form still shows them.
 */
export async function projectOptions(db: Db, user: Actor, { forForm = false, keep = [] as number[] } = {}) {
  const units = allowedUnitIds(user);
  const [unitRows, refs, owners, events] = await Promise.all([
    db.unit.findMany({
      where: { ...(units === null ? {} : { id: { in: units } }), ...(forForm ? { retiredAt: null } : {}) },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { id: "asc" }],
    }),
    db.referenceItem.findMany({
      where: forForm ? { OR: [{ retiredAt: null }, { id: { in: keep } }] } : {},
      select: { id: true, kind: true, nameZh: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    }),
    db.user.findMany({
      where: { ...(units === null ? {} : { unitId: { in: units } }), ...(forForm ? { disabledAt: null } : {}) },
      select: { id: true, name: true, unitId: true },
      orderBy: [{ unitId: "asc" }, { name: "asc" }],
    }),
    db.promotionEvent.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: [{ startsOn: "desc" }, { id: "desc" }] }),
  ]);
  const byKind = (kind: ReferenceKind): Option[] => refs.filter((r) => r.kind === kind).map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }));
  return {
    units: unitRows as Option[],
    sectors: byKind("SECTOR"),
    chains: byKind("INDUSTRY_CHAIN"),
    sources: byKind("SOURCE"),
    owners: owners as OwnerOption[],
    events: events as Option[],
  };
}
export type ProjectOptions = Awaited<ReturnType<typeof projectOptions>>;

/** Companies for the project form's picker: substring of either name, at most 20. */
export async function searchCompanies(db: Db, _user: Actor, q: string) {
  if (!q) return [];
  const like = likeLiteral(q);
  return db.company.findMany({
    where: { OR: [{ nameZh: { contains: like, mode: "insensitive" } }, { nameEn: { contains: like, mode: "insensitive" } }] },
    select: { id: true, nameZh: true, nameEn: true, countryCode: true },
    orderBy: [{ nameZh: "asc" }],
    take: 20,
  });
}

/**
 * What the edit form needs: the editable values as strings, the version, and
 * the anchor's title when the anchor is in scope. Outside scope: NotFoundError.
 */
export async function getProjectForEdit(db: Db, user: Actor, id: number) {
  const row = await db.project.findFirst({ where: { id, ...projectScope(user) }, select: SNAPSHOT_SELECT });
  if (!row) throw new NotFoundError();
  const anchor = row.anchorProjectId
    ? await db.project.findFirst({ where: { id: row.anchorProjectId, ...projectScope(user) }, select: { title: true } })
    : null;
  return {
    id: row.id,
    title: row.title,
    version: row.version,
    formValues: formValues(row),
    anchorTitle: anchor?.title ?? null,
    /** Reference values already on the record stay choosable even when retired. */
    keepReferenceIds: [row.sectorId, row.chainId, row.sourceId].filter((v): v is number => v !== null),
  };
}
