/**
 * Project schemas: the list's URL query, and the create / edit / reassign
 * forms. Shared by the forms (client) and the actions (server).
 */
import { z } from "zod";
import { zAmount, zDate, zId, zOptionalAmount, zOptionalText, zRequestId, zString, zText, zVersion } from "@/lib/validation/fields";

/**
 * The dashboard's "stalled N days" steps (STALL_DAYS in lib/data/dashboard/sql.ts,
 * which is server-only while this file also runs in forms); a test keeps them equal.
 */
export const STALLED_DAYS = [30, 60, 90] as const;
export type StalledDays = (typeof STALLED_DAYS)[number];

export const STAGES = ["FIRST_CONTACT", "INTENT", "NEGOTIATION", "SIGNED", "CONSTRUCTION", "OPERATING", "ON_HOLD", "LOST"] as const;
export const OWNERSHIP_TYPES = ["STATE", "PRIVATE", "FOREIGN", "JOINT_VENTURE", "HMT", "COLLECTIVE", "OTHER"] as const;

export const PROJECT_SORTS = ["updated", "amount", "followUp", "title", "stage"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export const PROJECT_PAGE_SIZE = 25;

/** A URL value: the first of repeated params; a bad value is ignored rather than an error page. */
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    return first === "" ? undefined : first;
  }, schema.optional()).catch(undefined);

/** The project list's search, filters, sort and page, read from the URL's searchParams. */
export const ZProjectQuery = z.object({
  q: param(zString(100)).transform((s) => (s ? s : undefined)),
  stage: param(z.enum(STAGES)),
  sectorId: param(zId),
  chainId: param(zId),
  unitId: param(zId),
  ownerId: param(zId),
  sourceId: param(zId),
  eventId: param(zId),
  /** Planned investment range, in yuan. */
  minAmount: param(zAmount),
  maxAmount: param(zAmount),
  overdue: param(z.literal("1")),
  /** Open stage and no round (or first contact) for this many days: the dashboard's "stalled". */
  stalled: param(z.coerce.number().pipe(z.union(STALLED_DAYS.map((n) => z.literal(n))))),
  /** The FIRST contract was signed in [signedFrom, signedTo): the dashboard's "signed in the period". */
  signedFrom: param(zDate),
  signedTo: param(zDate),
  /** The first contract's contracted investment, in yuan, at least this (the dashboard's size bands). */
  minSignedCny: param(zAmount),
  /** The FIRST construction start is in [startedFrom, startedTo). */
  startedFrom: param(zDate),
  startedTo: param(zDate),
  /** The investor company's country or region (ISO 3166-1 alpha-2). */
  countryCode: param(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/)),
  sort: param(z.enum(PROJECT_SORTS)),
  dir: param(z.enum(["asc", "desc"])),
  page: param(z.coerce.number().int().min(1).max(100_000)),
});
export type ProjectQuery = z.output<typeof ZProjectQuery>;

/** Whether the query narrows the list beyond the user's scope: a search or any filter (not sort or page). */
export function narrowsList(query: ProjectQuery): boolean {
  return Object.entries(query).some(([key, value]) => value !== undefined && !["sort", "dir", "page"].includes(key));
}

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
