import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { projectScope } from "@/lib/data/sql-rules";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertVersion, createOnce, formStrings, refuseStale, type EditedRecord, type Tx } from "@/lib/data/transactions";
import { likeLiteral } from "@/lib/data/like";
import { findDuplicateCompanies, isSameRecord, type DuplicateCandidate } from "@/lib/data/company-duplicates";
import {
  COMPANY_PAGE_SIZE,
  type AddContactInput,
  type CompanySearchInput,
  type CreateCompanyInput,
  type RemoveContactInput,
  type UpdateCompanyInput,
  type UpdateContactInput,
} from "@/lib/validation/company";

/**
 * Investor companies. They are shared by all units (one investor may invest in
 * several counties): any signed-in user may list, view, create and edit them.
 * Their projects are scoped: counts and lists of a company's projects only
 * ever include the projects in the user's scope (projectScope).
 */
type Actor = Pick<CurrentUser, "id" | "role" | "unitId" | "unitIsCity">;

const companyFields = {
  id: true,
  nameZh: true,
  nameEn: true,
  countryCode: true,
  groupName: true,
  parentId: true,
  industry: true,
  ownershipType: true,
  creditCode: true,
  foreignRegNo: true,
  version: true,
} satisfies Prisma.CompanySelect;

export { companyFields };
export type CompanyRow = Prisma.CompanyGetPayload<{ select: typeof companyFields }>;

/** What the audit trail and a conflict show of a company. */
export function companySnapshot(c: CompanyRow & { parent?: { nameZh: string; nameEn: string | null } | null }) {
  return {
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    countryCode: c.countryCode.trim(),
    groupName: c.groupName,
    parentId: c.parentId,
    ...(c.parent !== undefined ? { parentNameZh: c.parent?.nameZh ?? null, parentNameEn: c.parent?.nameEn ?? null } : {}),
    industry: c.industry,
    ownershipType: c.ownershipType,
    creditCode: c.creditCode,
    foreignRegNo: c.foreignRegNo,
    version: c.version,
  };
}

/** The company as its edit form sees it, for the version check. */
export function editedCompany(c: CompanyRow): EditedRecord {
  const { nameZh, nameEn, countryCode, groupName, parentId, industry, ownershipType, creditCode, foreignRegNo } = c;
  return { entity: "company", id: c.id, version: c.version, values: formStrings({ nameZh, nameEn, countryCode: countryCode.trim(), groupName, parentId, industry, ownershipType, creditCode, foreignRegNo }) };
}

const contactFields = { id: true, companyId: true, name: true, title: true, phone: true, email: true, version: true } satisfies Prisma.ContactSelect;
type ContactRow = Prisma.ContactGetPayload<{ select: typeof contactFields }>;
const contactSnapshot = (c: ContactRow) => ({ ...c });
/** The contact as its edit form sees it, for the version check. */
const editedContact = ({ id, version, name, title, phone, email }: ContactRow): EditedRecord => ({ entity: "contact", id, version, values: formStrings({ name, title, phone, email }) });

// ---------------------------------------------------------------- reading

/** A page of companies whose Chinese or English name contains `q` (any case), with their project count in the user's scope. */
export async function listCompanies(db: Db, user: Actor, input: CompanySearchInput) {
  const q = input.q?.trim();
  const where: Prisma.CompanyWhereInput = q
    ? { OR: [{ nameZh: { contains: likeLiteral(q), mode: "insensitive" } }, { nameEn: { contains: likeLiteral(q), mode: "insensitive" } }] }
    : {};
  const total = await db.company.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / COMPANY_PAGE_SIZE));
  const page = Math.min(input.page, pageCount);
  const rows = await db.company.findMany({
    where,
    orderBy: [{ nameZh: "asc" }, { id: "asc" }],
    skip: (page - 1) * COMPANY_PAGE_SIZE,
    take: COMPANY_PAGE_SIZE,
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      countryCode: true,
      ownershipType: true,
      industry: true,
      _count: { select: { projects: { where: projectScope(user) } } },
    },
  });
  return {
    rows: rows.map(({ _count, countryCode, ...r }) => ({ ...r, countryCode: countryCode.trim(), projectCount: _count.projects })),
    total,
    page,
    pageCount,
  };
}

/** Companies to choose a parent from (names only), the company itself left out. */
export async function listParentOptions(db: Db, _user: Actor, input: { excludeId?: number } = {}) {
  return db.company.findMany({
    where: input.excludeId ? { id: { not: input.excludeId } } : {},
    orderBy: [{ nameZh: "asc" }, { id: "asc" }],
    take: 2000,
    select: { id: true, nameZh: true, nameEn: true },
  });
}

/** The company's editable fields and version, for the edit form. */
export async function getCompanyForEdit(db: Db, _user: Actor, input: { id: number }) {
  const company = await db.company.findUnique({ where: { id: input.id }, select: companyFields });
  if (!company) throw new NotFoundError();
  return companySnapshot(company);
}

/** The company page: the company, its group, its contacts and its projects in the user's scope. */
export async function getCompanyPage(db: Db, user: Actor, input: { id: number }) {
  const company = await db.company.findUnique({
    where: { id: input.id },
    select: {
      ...companyFields,
      updatedAt: true,
      parent: { select: { id: true, nameZh: true, nameEn: true } },
      subsidiaries: { select: { id: true, nameZh: true, nameEn: true }, orderBy: { nameZh: "asc" } },
      contacts: { select: contactFields, orderBy: { id: "asc" } },
      projects: {
        where: projectScope(user),
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 500,
        select: {
          id: true,
          title: true,
          phase: true,
          stage: true,
          plannedInvestmentCny: true,
          unit: { select: { nameZh: true, nameEn: true } },
          owner: { select: { name: true } },
        },
      },
    },
  });
  if (!company) throw new NotFoundError();
  return { ...company, countryCode: company.countryCode.trim() };
}

// ---------------------------------------------------------------- writing

/** The parent must exist and must not be the company itself or one of its subsidiaries (no cycles). */
async function checkParent(tx: Tx, companyId: number | null, parentId: number | null | undefined) {
  if (parentId == null) return;
  if (parentId === companyId) throw new RuleError("invalid", { parentId: "invalid" });
  let cursor: number | null = parentId;
  for (let depth = 0; cursor !== null; depth++) {
    const row: { parentId: number | null } | null = await tx.company.findUnique({ where: { id: cursor }, select: { parentId: true } });
    if (!row) throw new RuleError("invalid", { parentId: depth === 0 ? "choose" : "invalid" });
    if (row.parentId === companyId && companyId !== null) throw new RuleError("invalid", { parentId: "invalid" });
    if (depth > 50) throw new RuleError("invalid", { parentId: "invalid" });
    cursor = row.parentId;
  }
}

function companyData(input: Omit<CreateCompanyInput, "requestId" | "confirmDistinct">) {
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn ?? null,
    countryCode: input.countryCode,
    groupName: input.groupName ?? null,
    parentId: input.parentId ?? null,
    industry: input.industry ?? null,
    ownershipType: input.ownershipType,
    creditCode: input.creditCode ?? null,
    foreignRegNo: input.foreignRegNo ?? null,
  };
}

/** The credit code or home registration number belongs to another company: the field says so. */
async function checkIdentifiers(tx: Tx, companyId: number, input: { creditCode?: string; foreignRegNo?: string; countryCode: string }) {
  if (input.creditCode && (await tx.company.findFirst({ where: { creditCode: input.creditCode, id: { not: companyId } }, select: { id: true } })))
    throw new RuleError("invalid", { creditCode: "creditCodeTaken" });
  if (input.foreignRegNo && (await tx.company.findFirst({ where: { countryCode: input.countryCode, foreignRegNo: input.foreignRegNo, id: { not: companyId } }, select: { id: true } })))
    throw new RuleError("invalid", { foreignRegNo: "foreignRegNoTaken" });
}

/** What creating a company gives: the company, or the likely duplicates found instead (nothing saved). */
export type CreateCompanyResult = { id: number; version: number; duplicates?: undefined } | { id?: undefined; duplicates: DuplicateCandidate[] };

/**
 * Creates a company once per form submission (a double submit returns the
 * first). Before saving, the likely duplicates are looked for
 * (findDuplicateCompanies): the same credit code or home registration number
 * is the same company, never created twice; the same name once normalised is
 * shown to the officer, who opens the existing company or confirms that this is
 * another one (`confirmDistinct`, kept in the audit row with the companies seen).
 */
export async function createCompany(db: Db, user: Actor, input: Omit<CreateCompanyInput, "confirmDistinct"> & { confirmDistinct?: boolean }): Promise<CreateCompanyResult> {
  return createOnce<CreateCompanyResult>(
    db,
    (tx) => tx.company.findUnique({ where: { requestId: input.requestId }, select: { id: true, version: true } }),
    async (tx) => {
      await checkParent(tx, null, input.parentId);
      const duplicates = await findDuplicateCompanies(tx, input);
      if (duplicates.some(isSameRecord) || (duplicates.length > 0 && !input.confirmDistinct)) {
        // A second submit of this same form that raced the first finds the first's company among the duplicates
        // once it has committed: that is this request's company, not a duplicate (each statement sees what has
        // committed so far).
        const mine = await tx.company.findUnique({ where: { requestId: input.requestId }, select: { id: true, version: true } });
        return mine ?? { duplicates };
      }
      const created = await tx.company.create({ data: { ...companyData(input), requestId: input.requestId }, select: companyFields });
      await writeAudit(tx, {
        actorId: user.id,
        action: "company.create",
        entity: "company",
        entityId: created.id,
        after: { ...companySnapshot(created), requestId: input.requestId, ...(duplicates.length > 0 ? { confirmedDistinctFrom: duplicates.map((d) => d.id) } : {}) },
      });
      return { id: created.id, version: created.version };
    },
  );
}

/** Saves an edit made against `version`; a newer version is refused with the company as it is now. */
export async function updateCompany(db: Db, user: Actor, input: UpdateCompanyInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.company.findUnique({
      where: { id: input.id },
      select: { ...companyFields, parent: { select: { nameZh: true, nameEn: true } } },
    });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedCompany(current), input.version);
    await checkParent(tx, input.id, input.parentId);
    await checkIdentifiers(tx, input.id, input);
    const { count } = await tx.company.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...companyData(input), version: { increment: 1 } },
    });
    if (count === 0) await refuseStale(tx, await tx.company.findUnique({ where: { id: input.id }, select: companyFields }).then((c) => c && editedCompany(c)), input.version);
    const updated = await tx.company.findUniqueOrThrow({ where: { id: input.id }, select: companyFields });
    const { parent: _parent, ...before } = current;
    await writeAudit(tx, {
      actorId: user.id,
      action: "company.update",
      entity: "company",
      entityId: input.id,
      before: companySnapshot(before),
      after: companySnapshot(updated),
    });
    return { id: updated.id, version: updated.version };
  });
}

/** Adds a contact once per form submission. */
export async function addContact(db: Db, user: Actor, input: AddContactInput) {
  const company = await db.company.findUnique({ where: { id: input.companyId }, select: { id: true } });
  if (!company) throw new NotFoundError();
  return createOnce(
    db,
    (tx) => tx.contact.findUnique({ where: { requestId: input.requestId }, select: { id: true, companyId: true } }),
    async (tx) => {
      const created = await tx.contact.create({
        data: {
          requestId: input.requestId,
          companyId: input.companyId,
          name: input.name,
          title: input.title ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
        },
        select: contactFields,
      });
      await writeAudit(tx, {
        actorId: user.id,
        action: "contact.create",
        entity: "contact",
        entityId: created.id,
        after: { ...contactSnapshot(created), requestId: input.requestId },
      });
      return { id: created.id, companyId: created.companyId };
    },
  );
}

export async function updateContact(db: Db, user: Actor, input: UpdateContactInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.contact.findUnique({ where: { id: input.id }, select: contactFields });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedContact(current), input.version);
    const { count } = await tx.contact.updateMany({
      where: { id: input.id, version: input.version },
      data: { name: input.name, title: input.title ?? null, phone: input.phone ?? null, email: input.email ?? null, version: { increment: 1 } },
    });
    if (count === 0) await refuseStale(tx, await tx.contact.findUnique({ where: { id: input.id }, select: contactFields }).then((c) => c && editedContact(c)), input.version);
    const updated = await tx.contact.findUniqueOrThrow({ where: { id: input.id }, select: contactFields });
    await writeAudit(tx, { actorId: user.id, action: "contact.update", entity: "contact", entityId: input.id, before: contactSnapshot(current), after: contactSnapshot(updated) });
    return { id: updated.id, companyId: updated.companyId, version: updated.version };
  });
}

/** Removes a contact as the user saw it (a contact changed since is refused as a conflict). */
export async function removeContact(db: Db, user: Actor, input: RemoveContactInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.contact.findUnique({ where: { id: input.id }, select: contactFields });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedContact(current), input.version);
    const { count } = await tx.contact.deleteMany({ where: { id: input.id, version: input.version } });
    if (count === 0) await refuseStale(tx, await tx.contact.findUnique({ where: { id: input.id }, select: contactFields }).then((c) => c && editedContact(c)), input.version);
    await writeAudit(tx, { actorId: user.id, action: "contact.delete", entity: "contact", entityId: input.id, before: contactSnapshot(current) });
    return { id: current.id, companyId: current.companyId };
  });
}
