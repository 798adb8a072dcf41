/**
 * Investor companies and their contacts: the shapes forms and actions share.
 * Companies are shared by all units; only their projects are scoped.
 */
import { z } from "zod";
import { OwnershipType } from "@/lib/generated/prisma/enums";
import { COUNTRY_CODES } from "@/lib/validation/countries";
import { zId, zOptionalText, zRequestId, zString, zText, zVersion } from "@/lib/validation/fields";
import { cleanCreditCode, creditCodeProblem } from "@/lib/domain/credit-code";

/** 统一社会信用代码 as people type it (spaces, lower case, full-width), stored cleaned; a wrong one is refused with what is wrong. */
export const zCreditCode = z
  .string()
  .transform((s, ctx) => {
    const code = cleanCreditCode(s);
    const problem = creditCodeProblem(code);
    if (problem === null) return code;
    ctx.addIssue({ code: "custom", message: problem === "length" ? "creditCodeLength" : problem === "characters" ? "creditCodeCharacters" : "creditCodeCheck" });
    return z.NEVER;
  })
  .optional();

/** A foreign company's registration number in its home register: trimmed, one space between parts, capitals. */
export const zForeignRegNo = zString(50)
  .transform((s) => s.replace(/\s+/g, " ").toUpperCase() || undefined)
  .optional();

export const OWNERSHIP_TYPES = Object.values(OwnershipType) as [OwnershipType, ...OwnershipType[]];

export const COMPANY_PAGE_SIZE = 20;

const companyFields = {
  nameZh: zText(200),
  nameEn: zOptionalText(200),
  countryCode: z.enum(COUNTRY_CODES),
  groupName: zOptionalText(200),
  parentId: zId.optional(),
  industry: zOptionalText(100),
  ownershipType: z.enum(OWNERSHIP_TYPES),
  creditCode: zCreditCode,
  foreignRegNo: zForeignRegNo,
};

/** `confirmDistinct`: the officer has seen the likely duplicates (same name) and says this is another company. */
export const ZCreateCompany = z.object({ ...companyFields, requestId: zRequestId, confirmDistinct: z.union([z.literal("true"), z.boolean()]).optional().transform((v) => v === true || v === "true") });
export type CreateCompanyInput = z.output<typeof ZCreateCompany>;

export const ZUpdateCompany = z.object({ ...companyFields, id: zId, version: zVersion });
export type UpdateCompanyInput = z.output<typeof ZUpdateCompany>;

/** The list's URL: ?q=…&page=… (anything odd falls back to the first page). */
export const ZCompanySearch = z.object({
  q: zString(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type CompanySearchInput = z.output<typeof ZCompanySearch>;

/** Digits, spaces, + - ( ) and an optional extension: "0591-8776 1001", "+81 6 6201 3400", "139 5912 3301 转 8". */
const zPhone = z
  .string()
  .trim()
  .max(50)
  .regex(/^\+?[0-9（）()][0-9\s\-()（）]{2,}((\s*(转|ext\.?|x)\s*)[0-9]{1,6})?$/i, "phone")
  .optional();

const contactFields = {
  name: zText(100),
  title: zOptionalText(100),
  phone: zPhone,
  email: z.string().trim().max(254).pipe(z.email()).optional(),
};

export const ZAddContact = z.object({ ...contactFields, companyId: zId, requestId: zRequestId });
export type AddContactInput = z.output<typeof ZAddContact>;

export const ZUpdateContact = z.object({ ...contactFields, id: zId, version: zVersion });
export type UpdateContactInput = z.output<typeof ZUpdateContact>;

export const ZRemoveContact = z.object({ id: zId, version: zVersion });
export type RemoveContactInput = z.output<typeof ZRemoveContact>;

/** Merge `mergedId` into `survivorId`: both as the manager saw them (their versions). */
export const ZMergeCompanies = z
  .object({ survivorId: zId, survivorVersion: zVersion, mergedId: zId, mergedVersion: zVersion })
  .refine((v) => v.survivorId !== v.mergedId, { message: "mergeSame", path: ["mergedId"] });
export type MergeCompaniesInput = z.output<typeof ZMergeCompanies>;

/**
 * What the inline duplicate check sends while the officer types (the project
 * form's new company): the names, the country and the code if it is a valid
 * one (a code still being typed is left out, not refused).
 */
export const ZDuplicateQuery = z.object({
  nameZh: zText(200),
  nameEn: zOptionalText(200),
  countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  creditCode: zCreditCode.optional().catch(undefined),
});
