import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { Prisma, type ReferenceKind } from "@/lib/generated/prisma/client";
import { assertVersion, createOnce, formStrings, isUniqueViolation, refuseStale, type EditedRecord, type Tx } from "@/lib/data/transactions";
import { assertAdmin } from "@/lib/data/users";
import type { CreateReferenceItemInput, CreateUnitInput, RenameInput, SetRetiredInput } from "@/lib/validation/reference";

/**
 * Organization units and reference lists, as admins maintain them. Retiring
 * only sets retired_at: projects, contracts and users that use a retired value
 * keep it (pickers offer only current values). Edits carry `version`; every
 * change is audited in its transaction. Admins only (checked here too).
 */
type Actor = Pick<CurrentUser, "id" | "role">;

const CODE_TAKEN = () => new RuleError("invalid", { code: "admin.validation.codeTaken" });

const unitFields = { id: true, code: true, nameZh: true, nameEn: true, kind: true, parentId: true, retiredAt: true, version: true } satisfies Prisma.UnitSelect;
type UnitRow = Prisma.UnitGetPayload<{ select: typeof unitFields }>;
const unitSnapshot = (u: UnitRow) => ({ code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind, parentId: u.parentId, retiredAt: u.retiredAt, version: u.version });

const itemFields = { id: true, kind: true, code: true, nameZh: true, nameEn: true, sortOrder: true, retiredAt: true, version: true } satisfies Prisma.ReferenceItemSelect;
type ItemRow = Prisma.ReferenceItemGetPayload<{ select: typeof itemFields }>;
const itemSnapshot = (r: ItemRow) => ({ kind: r.kind, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, retiredAt: r.retiredAt, version: r.version });

/** A unit or item as its admin row sees it (names, retired or not), for the version check. */
function editedCoded(entity: "unit" | "reference_item", r: { id: number; version: number; nameZh: string; nameEn: string | null; retiredAt: Date | null }): EditedRecord {
  return { entity, id: r.id, version: r.version, values: formStrings({ nameZh: r.nameZh, nameEn: r.nameEn, retired: r.retiredAt !== null }), auditKeys: { retiredAt: "retired" } };
}

// ---------------------------------------------------------------- reading

/** Every unit, the city first, with how many users and projects use it. */
export async function listUnits(db: Db, user: Actor) {
  assertAdmin(user);
  const rows = await db.unit.findMany({
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { code: "asc" }],
    select: { ...unitFields, _count: { select: { users: true, projects: true } } },
  });
  return rows.map(({ _count, ...u }) => ({ ...u, userCount: _count.users, projectCount: _count.projects }));
}

/** Units a user can be put in (current ones only). */
export async function listUnitOptions(db: Db, user: Actor) {
  assertAdmin(user);
  return db.unit.findMany({
    where: { retiredAt: null },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { code: "asc" }],
    select: { id: true, nameZh: true, nameEn: true },
  });
}

/** Every item of one kind (current and retired), with how many records use it. */
export async function listReferenceItems(db: Db, user: Actor, input: { kind: ReferenceKind }) {
  assertAdmin(user);
  const rows = await db.referenceItem.findMany({
    where: { kind: input.kind },
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { sortOrder: "asc" }, { code: "asc" }],
    select: { ...itemFields, _count: { select: { sectorProjects: true, chainProjects: true, sourceProjects: true, contracts: true, leaderRounds: true } } },
  });
  return rows.map(({ _count, ...r }) => ({
    ...r,
    usageCount: _count.sectorProjects + _count.chainProjects + _count.sourceProjects + _count.contracts + _count.leaderRounds,
  }));
}

/** An item a picker offers. */
export type PickerItem = { id: number; nameZh: string; nameEn: string };
export type EventPickerItem = { id: number; nameZh: string; nameEn: string | null };

/** The promotion events a contract may name: the latest EVENT_PICKER_LIMIT. */
export const EVENT_PICKER_LIMIT = 200;

/**
 * What a page's pickers offer, in ONE statement: the current items (retired ones stay on old records only) of each
 * list in `kinds`, in the list's order; with `events`, the latest promotion events too. A page with several pickers
 * (the project page: agreement kinds, leaders, 不予认定 reasons, events) reads them together instead of one
 * statement per list.
 */
export async function pickerLists<K extends ReferenceKind>(
  db: Pick<Db, "$queryRaw">,
  kinds: readonly K[],
  { events = false }: { events?: boolean } = {},
): Promise<{ items: Record<K, PickerItem[]>; events: EventPickerItem[] }> {
  const rows = await db.$queryRaw<{ list: string; id: number; nameZh: string; nameEn: string | null }[]>`
    SELECT x.list, x.id, x.name_zh AS "nameZh", x.name_en AS "nameEn" FROM (
      SELECT r.kind::text AS list, r.id, r.name_zh, r.name_en, row_number() OVER (PARTITION BY r.kind ORDER BY r.sort_order, r.id) AS ord
        FROM reference_item r
       WHERE r.kind = ANY(${[...kinds]}::"ReferenceKind"[]) AND r.retired_at IS NULL
      ${events ? Prisma.sql`UNION ALL
      (SELECT 'EVENT', e.id, e.name_zh, e.name_en, row_number() OVER (ORDER BY e.starts_on DESC, e.id DESC)
         FROM promotion_event e ORDER BY e.starts_on DESC, e.id DESC LIMIT ${EVENT_PICKER_LIMIT})` : Prisma.empty}
    ) x
    ORDER BY x.list, x.ord`;
  const items = Object.fromEntries(kinds.map((k) => [k, [] as PickerItem[]])) as Record<K, PickerItem[]>;
  const eventRows: EventPickerItem[] = [];
  for (const { list, ...item } of rows) {
    if (list === "EVENT") eventRows.push(item);
    else items[list as K].push(item as PickerItem);
  }
  return { items, events: eventRows };
}

// ---------------------------------------------------------------- writing: units

/** Adds a county or district under the city, once per form submission. */
export async function createUnit(db: Db, user: Actor, input: CreateUnitInput) {
  assertAdmin(user);
  try {
    return await createOnce(
      db,
      (tx) => tx.unit.findUnique({ where: { requestId: input.requestId }, select: { id: true, version: true } }),
      async (tx) => {
        const city = await tx.unit.findFirst({ where: { kind: "CITY", parentId: null }, orderBy: { id: "asc" }, select: { id: true } });
        if (!city) throw new NotFoundError();
        if (await tx.unit.findUnique({ where: { code: input.code }, select: { id: true } })) throw CODE_TAKEN();
        const created = await tx.unit.create({
          data: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, kind: input.kind, parentId: city.id, requestId: input.requestId },
          select: unitFields,
        });
        await writeAudit(tx, { actorId: user.id, action: "unit.create", entity: "unit", entityId: created.id, after: { ...unitSnapshot(created), requestId: input.requestId } });
        return { id: created.id, version: created.version };
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw CODE_TAKEN();
    throw error;
  }
}

async function editUnit(
  db: Db,
  user: Actor,
  input: { id: number; version: number },
  action: string,
  change: (tx: Tx, current: UnitRow) => Promise<Prisma.UnitUncheckedUpdateManyInput>,
) {
  assertAdmin(user);
  return db.$transaction(async (tx) => {
    const current = await tx.unit.findUnique({ where: { id: input.id }, select: unitFields });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedCoded("unit", current), input.version);
    const data = await change(tx, current);
    const { count } = await tx.unit.updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await refuseStale(tx, await tx.unit.findUnique({ where: { id: input.id }, select: unitFields }).then((u) => u && editedCoded("unit", u)), input.version);
    const updated = await tx.unit.findUniqueOrThrow({ where: { id: input.id }, select: unitFields });
    await writeAudit(tx, { actorId: user.id, action, entity: "unit", entityId: input.id, before: unitSnapshot(current), after: unitSnapshot(updated) });
    return { id: updated.id, version: updated.version };
  });
}

export async function renameUnit(db: Db, user: Actor, input: RenameInput) {
  return editUnit(db, user, input, "unit.rename", async () => ({ nameZh: input.nameZh, nameEn: input.nameEn }));
}

/** Retires or restores a unit. The city itself stays. Its users and projects keep it. */
export async function setUnitRetired(db: Db, user: Actor, input: SetRetiredInput) {
  return editUnit(db, user, input, input.retired ? "unit.retire" : "unit.restore", async (_tx, current) => {
    if (input.retired && current.kind === "CITY") throw new RuleError("admin.rules.cityStays");
    if (input.retired === (current.retiredAt !== null)) return {};
    return { retiredAt: input.retired ? new Date() : null };
  });
}

// ---------------------------------------------------------------- writing: reference items

/** Adds an item to a list, once per form submission; a code used in the same list is a field error. */
export async function createReferenceItem(db: Db, user: Actor, input: CreateReferenceItemInput) {
  assertAdmin(user);
  try {
    return await createOnce(
      db,
      (tx) => tx.referenceItem.findUnique({ where: { requestId: input.requestId }, select: { id: true, kind: true, version: true } }),
      async (tx) => {
        if (await tx.referenceItem.findUnique({ where: { kind_code: { kind: input.kind, code: input.code } }, select: { id: true } })) throw CODE_TAKEN();
        const last = await tx.referenceItem.aggregate({ where: { kind: input.kind }, _max: { sortOrder: true } });
        const created = await tx.referenceItem.create({
          data: { kind: input.kind, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, sortOrder: (last._max.sortOrder ?? 0) + 1, requestId: input.requestId },
          select: itemFields,
        });
        await writeAudit(tx, {
          actorId: user.id,
          action: "reference_item.create",
          entity: "reference_item",
          entityId: created.id,
          after: { ...itemSnapshot(created), requestId: input.requestId },
        });
        return { id: created.id, kind: created.kind, version: created.version };
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw CODE_TAKEN();
    throw error;
  }
}

async function editItem(db: Db, user: Actor, input: { id: number; version: number }, action: string, data: (current: ItemRow) => Prisma.ReferenceItemUpdateManyMutationInput) {
  assertAdmin(user);
  return db.$transaction(async (tx) => {
    const current = await tx.referenceItem.findUnique({ where: { id: input.id }, select: itemFields });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedCoded("reference_item", current), input.version);
    const { count } = await tx.referenceItem.updateMany({ where: { id: input.id, version: input.version }, data: { ...data(current), version: { increment: 1 } } });
    if (count === 0) await refuseStale(tx, await tx.referenceItem.findUnique({ where: { id: input.id }, select: itemFields }).then((r) => r && editedCoded("reference_item", r)), input.version);
    const updated = await tx.referenceItem.findUniqueOrThrow({ where: { id: input.id }, select: itemFields });
    await writeAudit(tx, { actorId: user.id, action, entity: "reference_item", entityId: input.id, before: itemSnapshot(current), after: itemSnapshot(updated) });
    return { id: updated.id, kind: updated.kind, version: updated.version };
  });
}

export async function renameReferenceItem(db: Db, user: Actor, input: RenameInput) {
  return editItem(db, user, input, "reference_item.rename", () => ({ nameZh: input.nameZh, nameEn: input.nameEn }));
}

/** Retires (only sets retired_at; records that use the item keep it) or restores an item. */
export async function setReferenceItemRetired(db: Db, user: Actor, input: SetRetiredInput) {
  return editItem(db, user, input, input.retired ? "reference_item.retire" : "reference_item.restore", (current) =>
    input.retired === (current.retiredAt !== null) ? {} : { retiredAt: input.retired ? new Date() : null },
  );
}
