/**
 * Project schemas: the create / edit / reassign forms (the list's URL query
 * is the project filter, lib/domain/project-filter.ts). Shared by the forms (client) and the actions (server).
 */
import { z } from "zod";
import { zCreditCode } from "@/lib/validation/company";
import { zAmount, zDate, zId, zOptionalAmount, zOptionalText, zRequestId, zString, zText, zVersion } from "@/lib/validation/fields";

export const OWNERSHIP_TYPES = ["STATE", "PRIVATE", "FOREIGN", "JOINT_VENTURE", "HMT", "COLLECTIVE", "OTHER"] as const;

export const PROJECT_PAGE_SIZE = 25;

/** Mu of land: positive, with a ceiling that catches unit slips (a whole county is ~2 million mu). */
const zLandMu = zAmount.refine((s) => Number(s) <= 10_000_000, "tooBig");
const zJobs = z.coerce.number().int().min(0).max(1_000_000);

/** The fields a person edits on a project (create and edit forms). */
const projectFields = {
  title: zText(200),
  sectorId: zId.optional(),
  chainId: zId.optional(),
  phase: zOptionalText(50),
  plannedInvestmentCny: zOptionalAmount,
  foreignInvestmentUsd: zOptionalAmount,
  jobs: zJobs.optional(),
  landMu: zLandMu.optional(),
  sourceId: zId.optional(),
  eventId: zId.optional(),
  anchorProjectId: zId.optional(),
  nextFollowUpOn: zDate.optional(),
};

export const ZCreateProject = z
  .object({
    ...projectFields,
    requestId: zRequestId,
    /** An existing company … */
    companyId: zId.optional(),
    /** … or a new one, created with the project. */
    newCompanyNameZh: zOptionalText(200),
    newCompanyNameEn: zOptionalText(200),
    newCompanyCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "invalid")
      .optional(),
    newCompanyOwnership: z.enum(OWNERSHIP_TYPES).optional(),
    newCompanyCreditCode: zCreditCode,
    /** The officer saw the likely duplicates (same name only) and says the new company is another one. */
    newCompanyConfirmDistinct: z.union([z.literal("true"), z.boolean()]).optional().transform((v) => v === true || v === "true"),
    unitId: zId.optional(),
    ownerId: zId.optional(),
    firstContactOn: zDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.companyId && !v.newCompanyNameZh) ctx.addIssue({ code: "custom", path: ["companyId"], message: "required" });
    if (v.companyId && v.newCompanyNameZh) ctx.addIssue({ code: "custom", path: ["newCompanyNameZh"], message: "invalid" });
  });
export type CreateProjectInput = z.output<typeof ZCreateProject>;

export const ZUpdateProject = z.object({ ...projectFields, id: zId, version: zVersion });
export type UpdateProjectInput = z.output<typeof ZUpdateProject>;

export const ZReassignOwner = z.object({ projectId: zId, version: zVersion, ownerId: zId });
export type ReassignOwnerInput = z.output<typeof ZReassignOwner>;

export const ZCompanySearch = zString(100);

/** The editable fields as the edit form holds them (strings), for conflicts and defaults. */
export const EDITABLE_FIELDS = [
  "title",
  "sectorId",
  "chainId",
  "phase",
  "plannedInvestmentCny",
  "foreignInvestmentUsd",
  "jobs",
  "landMu",
  "sourceId",
  "eventId",
  "anchorProjectId",
  "nextFollowUpOn",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ProjectFormValues = Record<EditableField, string>;
