import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { allowedUnitIds } from "@/lib/domain/scope";
import { projectScope, projectScopeSql } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertVersion, createOnce, formStrings, refuseStale, type EditedRecord } from "@/lib/data/transactions";
import type { CreateEventInput, UpdateEventInput } from "@/lib/validation/event";

/**
 * Promotion events: conferences the bureaus run in other cities, and the
 * leads (projects, via project.eventId) they produced. Every signed-in user
 * sees the events; lead counts and values only count projects in the user's
 * scope. Managers create and edit events of the units they manage (a city
 * manager: any unit), admins any; officers only view.
 */
type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

const eventFields = {
  id: true,
  nameZh: true,
  nameEn: true,
  cityZh: true,
  cityEn: true,
  startsOn: true,
  endsOn: true,
  unitId: true,
  version: true,
} satisfies Prisma.PromotionEventSelect;

type EventRow = Prisma.PromotionEventGetPayload<{ select: typeof eventFields }>;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** What the audit trail, the edit form and a conflict show of an event (dates as YYYY-MM-DD). */
function eventSnapshot(e: EventRow) {
  return { ...e, startsOn: ymd(e.startsOn), endsOn: ymd(e.endsOn) };
}

/** The event as its edit form sees it, for the version check. */
function editedEvent(e: EventRow): EditedRecord {
  const { id, version, ...fields } = eventSnapshot(e);
  return { entity: "promotion_event", id, version, values: formStrings(fields) };
}

function assertMayOrganise(user: Actor, unitId: number) {
  if (!may(user, "manageEvents")) throw new ForbiddenError();
  const units = allowedUnitIds(user);
  if (units && !units.includes(unitId)) throw new ForbiddenError();
}

/** True when the user may edit this event (the page shows the edit link only then). */
export function canEditEvent(user: Actor, event: { unitId: number }): boolean {
  const units = allowedUnitIds(user);
  return may(user, "manageEvents") && (units === null || units.includes(event.unitId));
}

export type EventStats = { leadCount: number; signedCount: number; signedValueCny: string };

type EventListRow = {
  id: number;
  name_zh: string;
  name_en: string | null;
  city_zh: string;
  city_en: string | null;
  starts_on: Date;
  ends_on: Date;
  unit_id: number;
  unit_name_zh: string;
  unit_name_en: string;
  lead_count: number;
  signed_count: number;
  signed_value_cny: string;
};

/**
 * Events, newest first, each with its leads (projects attributed to it), how
 * many of them signed (have a contract) and their contracted investment in
 * yuan: counted in SQL, over the user's scope only.
 */
export async function listEvents(db: Db, user: Actor, input: { id?: number } = {}) {
  const scope = projectScopeSql(user);
  const only = input.id ? Prisma.sql`WHERE e.id = ${input.id}` : Prisma.empty;
  const rows = await db.$queryRaw<EventListRow[]>`
    WITH leads AS (
      SELECT p.event_id, count(*)::int AS lead_count
      FROM project p
      WHERE p.event_id IS NOT NULL AND ${scope}
      GROUP BY p.event_id
    ), signed AS (
      SELECT p.event_id, count(DISTINCT p.id)::int AS signed_count, sum(c.contracted_investment_cny) AS signed_value
      FROM project p JOIN contract c ON c.project_id = p.id
      WHERE p.event_id IS NOT NULL AND ${scope}
      GROUP BY p.event_id
    )
    SELECT e.id, e.name_zh, e.name_en, e.city_zh, e.city_en, e.starts_on, e.ends_on, e.unit_id,
           u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
           COALESCE(l.lead_count, 0)::int AS lead_count,
           COALESCE(s.signed_count, 0)::int AS signed_count,
           COALESCE(s.signed_value, 0)::text AS signed_value_cny
    FROM promotion_event e
    JOIN unit u ON u.id = e.unit_id
    LEFT JOIN leads l ON l.event_id = e.id
    LEFT JOIN signed s ON s.event_id = e.id
    ${only}
    ORDER BY e.starts_on DESC, e.id DESC`;
  return rows.map((r) => ({
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    cityZh: r.city_zh,
    cityEn: r.city_en,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    unitId: r.unit_id,
    unitNameZh: r.unit_name_zh,
    unitNameEn: r.unit_name_en,
    leadCount: r.lead_count,
    signedCount: r.signed_count,
    signedValueCny: r.signed_value_cny,
  }));
}

/** The event page: the event with its numbers, and its leads in the user's scope. */
export async function getEventPage(db: Db, user: Actor, input: { id: number }) {
  const [event] = await listEvents(db, user, { id: input.id });
  if (!event) throw new NotFoundError();
  const leads = await db.project.findMany({
    where: { AND: [projectScope(user), { eventId: input.id }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1000,
    select: {
      id: true,
      title: true,
      stage: true,
      plannedInvestmentCny: true,
      company: { select: { id: true, nameZh: true, nameEn: true } },
      unit: { select: { nameZh: true, nameEn: true } },
      owner: { select: { name: true } },
    },
  });
  return { event, leads, canEdit: canEditEvent(user, event) };
}

/** The event's editable fields, for the edit form; only for those who may edit it. */
export async function getEventForEdit(db: Db, user: Actor, input: { id: number }) {
  const event = await db.promotionEvent.findUnique({ where: { id: input.id }, select: eventFields });
  if (!event) throw new NotFoundError();
  assertMayOrganise(user, event.unitId);
  return eventSnapshot(event);
}

/** The units the user may organise an event for (managers: their own; city managers and admins: all active units). */
export async function listOrganiserUnits(db: Db, user: Actor) {
  const units = allowedUnitIds(user);
  return db.unit.findMany({
    where: units === null ? { retiredAt: null } : { id: { in: units } },
    orderBy: [{ kind: "asc" }, { code: "asc" }],
    select: { id: true, nameZh: true, nameEn: true },
  });
}

function checkDates(input: { startsOn: Date; endsOn: Date }) {
  if (input.endsOn.getTime() < input.startsOn.getTime()) throw new RuleError("invalid", { endsOn: "endBeforeStart" });
}

async function checkUnit(db: Pick<Db, "unit">, unitId: number) {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true } });
  if (!unit) throw new RuleError("invalid", { unitId: "choose" });
}

function eventData(input: Omit<CreateEventInput, "requestId">) {
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn ?? null,
    cityZh: input.cityZh,
    cityEn: input.cityEn ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    unitId: input.unitId,
  };
}

/** Creates an event once per form submission; managers and admins only. */
export async function createEvent(db: Db, user: Actor, input: CreateEventInput) {
  assertMayOrganise(user, input.unitId);
  checkDates(input);
  return createOnce(
    db,
    (tx) => tx.promotionEvent.findUnique({ where: { requestId: input.requestId }, select: { id: true, version: true } }),
    async (tx) => {
      await checkUnit(tx, input.unitId);
      const created = await tx.promotionEvent.create({ data: { ...eventData(input), requestId: input.requestId }, select: eventFields });
      await writeAudit(tx, {
        actorId: user.id,
        action: "event.create",
        entity: "promotion_event",
        entityId: created.id,
        after: { ...eventSnapshot(created), requestId: input.requestId },
      });
      return { id: created.id, version: created.version };
    },
  );
}

/** Saves an edit made against `version`; the event must be one the user may organise, before and after. */
export async function updateEvent(db: Db, user: Actor, input: UpdateEventInput) {
  if (!may(user, "manageEvents")) throw new ForbiddenError();
  checkDates(input);
  return db.$transaction(async (tx) => {
    const current = await tx.promotionEvent.findUnique({ where: { id: input.id }, select: eventFields });
    if (!current) throw new NotFoundError();
    assertMayOrganise(user, current.unitId);
    assertMayOrganise(user, input.unitId);
    await assertVersion(tx, editedEvent(current), input.version);
    await checkUnit(tx, input.unitId);
    const { count } = await tx.promotionEvent.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...eventData(input), version: { increment: 1 } },
    });
    if (count === 0) await refuseStale(tx, await tx.promotionEvent.findUnique({ where: { id: input.id }, select: eventFields }).then((e) => e && editedEvent(e)), input.version);
    const updated = await tx.promotionEvent.findUniqueOrThrow({ where: { id: input.id }, select: eventFields });
    await writeAudit(tx, {
      actorId: user.id,
      action: "event.update",
      entity: "promotion_event",
      entityId: input.id,
      before: eventSnapshot(current),
      after: eventSnapshot(updated),
    });
    return { id: updated.id, version: updated.version };
  });
}
