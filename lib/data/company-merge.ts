import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { mayMergeCompanies } from "@/lib/domain/scope";
import { assertVersion, type Tx } from "@/lib/data/transactions";
import { companyFields, companySnapshot, editedCompany, type CompanyRow } from "@/lib/data/companies";
import type { MergeCompaniesInput } from "@/lib/validation/company";

type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

/**
 * Every foreign key that points at a company, and what the merge does with it.
 * company-merge.int.test.ts compares this list with the database's catalogue:
 * a new reference to company fails it until the merge moves it too.
 */
export const COMPANY_REFERENCES = ["contact(company_id)", "project(company_id)", "company(parent_id)"] as const;

/** The fields the surviving company takes from the merged one where it has none. */
const FILLED = ["nameEn", "groupName", "industry", "creditCode", "foreignRegNo"] as const;

/**
 * Merges `mergedId` into `survivorId` (a manager or admin, ROLES_FOR.mergeCompanies):
 * the merged company's projects, contacts and subsidiaries move to the
 * survivor, which takes the merged one's English name, group, business, credit
 * code and registration number where it has none; the merged company is
 * deleted. Both are version-checked (as the manager saw them) and locked; a unit
 * manager may merge only companies whose projects are all in their unit
 * (mayMergeCompanies). One audit row, `company.merge` on the survivor, keeps
 * both companies before, the survivor after and the ids moved: the survivor's
 * page shows "merged from" from it, and the merged company's old address leads
 * to the survivor (mergedInto).
 */
export async function mergeCompanies(db: Db, user: Actor, input: MergeCompaniesInput) {
  return db.$transaction(async (tx) => {
    // Lock both, in id order (two merges of the same pair never deadlock).
    const locked = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM company WHERE id IN (${input.survivorId}, ${input.mergedId}) ORDER BY id FOR UPDATE`;
    if (locked.length !== 2) throw new NotFoundError();
    const [survivor, merged] = await Promise.all([
      tx.company.findUniqueOrThrow({ where: { id: input.survivorId }, select: companyFields }),
      tx.company.findUniqueOrThrow({ where: { id: input.mergedId }, select: companyFields }),
    ]);
    await assertVersion(tx, editedCompany(survivor), input.survivorVersion);
    await assertVersion(tx, editedCompany(merged), input.mergedVersion);

    const units = await tx.$queryRaw<{ unit_id: number }[]>`
      SELECT DISTINCT unit_id FROM project WHERE company_id IN (${survivor.id}, ${merged.id})`;
    if (!mayMergeCompanies(user, units.map((u) => u.unit_id))) throw new RuleError("mergeOtherUnits");

    const moved = await moveReferences(tx, survivor, merged);

    // The merged company goes first: its credit code and registration number are unique.
    await tx.company.delete({ where: { id: merged.id } });
    const fill: Partial<Record<(typeof FILLED)[number], string>> = {};
    for (const f of FILLED) if (survivor[f] == null && merged[f] != null) fill[f] = merged[f]!;
    const after = await tx.company.update({
      where: { id: survivor.id },
      data: { ...fill, ...(moved.survivorParentId !== undefined ? { parentId: moved.survivorParentId } : {}), version: { increment: 1 } },
      select: companyFields,
    });

    await writeAudit(tx, {
      actorId: user.id,
      action: "company.merge",
      entity: "company",
      entityId: survivor.id,
      before: { survivor: companySnapshot(survivor), merged: { id: merged.id, ...companySnapshot(merged) } },
      after: {
        ...companySnapshot(after),
        mergedId: merged.id,
        mergedNameZh: merged.nameZh,
        mergedNameEn: merged.nameEn,
        projectIds: moved.projectIds,
        contactIds: moved.contactIds,
        subsidiaryIds: moved.subsidiaryIds,
        filled: Object.keys(fill),
      },
    });
    return { id: after.id, version: after.version, ...moved };
  });
}

/** Moves everything that points at the merged company to the survivor (COMPANY_REFERENCES); edited records' versions move on. */
async function moveReferences(tx: Tx, survivor: CompanyRow, merged: CompanyRow) {
  const projects = await tx.$queryRaw<{ id: number }[]>`
    UPDATE project SET company_id = ${survivor.id}, version = version + 1, updated_at = now()
     WHERE company_id = ${merged.id} RETURNING id`;
  const contacts = await tx.$queryRaw<{ id: number }[]>`
    UPDATE contact SET company_id = ${survivor.id}, version = version + 1, updated_at = now()
     WHERE company_id = ${merged.id} RETURNING id`;
  const subsidiaries = await tx.$queryRaw<{ id: number }[]>`
    UPDATE company SET parent_id = ${survivor.id}, version = version + 1, updated_at = now()
     WHERE parent_id = ${merged.id} AND id <> ${survivor.id} RETURNING id`;
  // A survivor that was the merged company's subsidiary takes its parent instead (never itself).
  const survivorParentId = survivor.parentId === merged.id ? (merged.parentId === survivor.id ? null : merged.parentId) : undefined;
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  return { projectIds: ids(projects), contactIds: ids(contacts), subsidiaryIds: ids(subsidiaries), survivorParentId };
}

/** "Merged from": the companies merged into this one, newest first (from the merge audit rows). */
export async function mergedFrom(db: Db, _user: Actor, input: { id: number }) {
  const rows = await db.$queryRaw<{ at: Date; by: string | null; nameZh: string; nameEn: string | null; mergedId: number }[]>(Prisma.sql`
    SELECT a.at, u.name AS by, a.after->>'mergedNameZh' AS "nameZh", a.after->>'mergedNameEn' AS "nameEn", (a.after->>'mergedId')::int AS "mergedId"
      FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
     WHERE a.entity = 'company' AND a.entity_id = ${String(input.id)} AND a.action = 'company.merge'
     ORDER BY a.at DESC LIMIT 50`);
  return rows;
}

/** The company a deleted company was merged into (its old address leads there), or null. */
export async function mergedInto(db: Db, _user: Actor, input: { id: number }): Promise<number | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT entity_id AS id FROM audit_log
     WHERE action = 'company.merge' AND entity = 'company' AND after->>'mergedId' = ${String(input.id)}
     ORDER BY at DESC LIMIT 1`;
  if (rows.length === 0) return null;
  const survivor = Number(rows[0].id);
  const exists = await db.company.findUnique({ where: { id: survivor }, select: { id: true } });
  return exists ? survivor : mergedInto(db, _user, { id: survivor });
}

/** The two companies as the merge page compares them: names, identifiers, version, and how many projects (all units) and contacts move. */
export async function getMergePair(db: Db, _user: Actor, input: { id: number; withId: number }) {
  const rows = await db.company.findMany({
    where: { id: { in: [input.id, input.withId] } },
    select: { id: true, nameZh: true, nameEn: true, countryCode: true, creditCode: true, foreignRegNo: true, version: true, _count: { select: { projects: true, contacts: true } } },
  });
  const of = (id: number) => {
    const c = rows.find((r) => r.id === id);
    if (!c) throw new NotFoundError();
    const { _count, countryCode, ...rest } = c;
    return { ...rest, countryCode: countryCode.trim(), projectCount: _count.projects, contactCount: _count.contacts };
  };
  return [of(input.id), of(input.withId)] as const;
}
export type MergeSide = Awaited<ReturnType<typeof getMergePair>>[number];
