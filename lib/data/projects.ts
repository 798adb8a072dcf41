import "server-only";
/**
 * Project writes — create, edit, reassign the owner — each in one transaction
 * with its rules, the version check and the audit rows; and the edit form's
 * read, which uses the same snapshot of the editable fields. The project
 * page's read is in project-page.ts, the forms' option lists in
 * project-options.ts.
 */
import { notifyUser } from "@/lib/notify/insert";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { allowedUnitIds } from "@/lib/domain/scope";
import { may } from "@/lib/domain/policy";
import { projectScope } from "@/lib/data/sql-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReferenceKind } from "@/lib/generated/prisma/enums";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { anchorLoops } from "@/lib/data/chain";
import { isLinkableAnchor } from "@/lib/data/anchors";
import { findDuplicateCompanies, isSameRecord } from "@/lib/data/company-duplicates";
import { assertVersion, createOnce, formStrings, refuseStale, type EditedRecord, type Tx } from "@/lib/data/transactions";
import { todayDate } from "@/lib/validation/fields";
import { formValues } from "@/lib/data/project-form-values";
import {
  type CreateProjectInput,
  type ReassignOwnerInput,
  type UpdateProjectInput,
} from "@/lib/validation/project";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

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

function snapshot(r: SnapshotRow) {
  return { ...formValues(r), version: r.version, ownerId: r.ownerId, unitId: r.unitId, companyId: r.companyId, stage: r.stage };
}

/** The project as its edit form sees it, for the version check; the anchor named by its title (a linked project is an anchor, and anchor titles are not secret: lib/data/anchors.ts). */
function edited(tx: Tx, r: SnapshotRow): EditedRecord {
  return {
    entity: "project",
    id: r.id,
    version: r.version,
    values: formValues(r),
    labels: async (): Promise<Record<string, string>> => {
      const anchor = r.anchorProjectId ? await tx.project.findUnique({ where: { id: r.anchorProjectId }, select: { title: true } }) : null;
      return anchor ? { anchorProjectId: anchor.title } : {};
    },
  };
}

// ---------------------------------------------------------------------------
// Rules shared by create and update
// ---------------------------------------------------------------------------

type RefInput = Pick<UpdateProjectInput, "sectorId" | "chainId" | "sourceId" | "eventId" | "anchorProjectId">;

/**
 * Reference values must exist, be of the right kind and (when newly chosen)
 * not be retired; the event must exist; the anchor project must be in scope
 * or an anchor project of any unit (lib/data/anchors.ts), and not close a loop. `current` holds the values already on the record,
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
    if (!(await isLinkableAnchor(tx, user, anchorId))) errors.anchorProjectId = "choose";
    // Would the anchor (or its anchor, …) be this project? Then the link closes a loop (lib/data/chain.ts, shared with the importer).
    else if (current.id !== undefined && (await anchorLoops(tx, [{ projectId: current.id, anchorId }])).length > 0) errors.anchorProjectId = "projects.rules.anchorLoop";
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
  if (ownerId !== user.id && !may(user, "reassignOwners")) throw new RuleError("invalid", { ownerId: "choose" });
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
        const fields = {
          nameZh: input.newCompanyNameZh!,
          nameEn: input.newCompanyNameEn || null,
          countryCode: input.newCompanyCountry ?? "CN",
          ownershipType: input.newCompanyOwnership ?? "PRIVATE",
          creditCode: input.newCompanyCreditCode ?? null,
        };
        // The companies page's rule (lib/data/company-duplicates.ts): the same code is the same company; the same
        // name once normalised is created only when the officer, shown it, says this is another one.
        const duplicates = await findDuplicateCompanies(tx, fields);
        if (duplicates.some(isSameRecord) || (duplicates.length > 0 && !input.newCompanyConfirmDistinct))
          throw new RuleError("companies.duplicates.inlineFound", { newCompanyNameZh: "companies.duplicates.inlineField" });
        const company = await tx.company.create({ data: fields, select: { id: true, nameZh: true, nameEn: true, countryCode: true, ownershipType: true, creditCode: true } });
        companyId = company.id;
        await writeAudit(tx, {
          actorId: user.id,
          action: "company.create",
          entity: "company",
          entityId: company.id,
          after: { ...company, ...(duplicates.length > 0 ? { confirmedDistinctFrom: duplicates.map((d) => d.id) } : {}) },
        });
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
    await assertVersion(tx, edited(tx, current), input.version);
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
      const now = await tx.project.findUnique({ where: { id }, select: SNAPSHOT_SELECT });
      await refuseStale(tx, now && edited(tx, now), version);
    }
    const after = await tx.project.findUniqueOrThrow({ where: { id }, select: SNAPSHOT_SELECT });
    await writeAudit(tx, { actorId: user.id, action: "project.update", entity: "project", entityId: id, before: snapshot(current), after: snapshot(after) });
    return { id, version: after.version };
  });
}
/** Managers and admins hand a project to another active user of its unit. */
export async function reassignOwner(db: Db, user: Actor, input: ReassignOwnerInput): Promise<{ id: number; version: number }> {
  if (!may(user, "reassignOwners")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const current = await tx.project.findFirst({
      where: { id: input.projectId, ...projectScope(user) },
      select: { id: true, version: true, unitId: true, ownerId: true, owner: { select: { name: true } } },
    });
    if (!current) throw new NotFoundError();
    const owned = (r: { id: number; version: number; ownerId: number }): EditedRecord => ({ entity: "project", id: r.id, version: r.version, values: formStrings({ ownerId: r.ownerId }) });
    await assertVersion(tx, owned(current), input.version);
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, name: true, unitId: true, disabledAt: true } });
    if (!owner || owner.disabledAt || owner.unitId !== current.unitId) throw new RuleError("invalid", { ownerId: "projects.rules.ownerOutsideUnit" });
    const { count } = await tx.project.updateMany({
      where: { id: current.id, version: input.version },
      data: { ownerId: owner.id, version: { increment: 1 } },
    });
    if (count === 0) await refuseStale(tx, await tx.project.findUnique({ where: { id: current.id }, select: { id: true, version: true, ownerId: true } }).then((r) => r && owned(r)), input.version);
    await writeAudit(tx, {
      actorId: user.id,
      action: "project.reassign",
      entity: "project",
      entityId: current.id,
      before: { ownerId: current.ownerId, ownerName: current.owner.name },
      after: { ownerId: owner.id, ownerName: owner.name },
    });
    // The new owner hears of it (issue 17), in this transaction: once per reassignment (the project's version).
    if (owner.id !== user.id && owner.id !== current.ownerId) {
      const by = await tx.user.findUnique({ where: { id: user.id }, select: { name: true } });
      await notifyUser(tx, { kind: "PROJECT_REASSIGNED", userId: owner.id, projectId: current.id, subject: `project:${current.id}`, occasion: `v${input.version + 1}`, data: { by: by?.name ?? "" } });
    }
    return { id: current.id, version: input.version + 1 };
  });
}

// ---------------------------------------------------------------------------
// The edit form's read
// ---------------------------------------------------------------------------

/**
 * What the edit form needs: the editable values as strings, the version, and
 * the anchor's title (an anchor's title is not a secret, lib/data/chain.ts).
 * Outside scope: NotFoundError.
 */
export async function getProjectForEdit(db: Db, user: Actor, id: number) {
  const row = await db.project.findFirst({ where: { id, ...projectScope(user) }, select: SNAPSHOT_SELECT });
  if (!row) throw new NotFoundError();
  const anchor = row.anchorProjectId
    ? await db.project.findUnique({ where: { id: row.anchorProjectId }, select: { title: true } })
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
