/**
 * Organization units and the reference lists admins maintain (sectors,
 * industrial chains, lead sources, agreement kinds). Retiring only sets
 * retired_at: records that use a retired value keep it.
 */
import { z } from "zod";
import { ReferenceKind } from "@/lib/generated/prisma/enums";
import { zId, zRequestId, zText, zVersion } from "@/lib/validation/fields";

export const REFERENCE_KINDS = Object.values(ReferenceKind) as [ReferenceKind, ...ReferenceKind[]];
/** Units an admin adds under the city. */
export const CHILD_UNIT_KINDS = ["COUNTY", "DISTRICT"] as const;

/** Letters, digits, "-" and "_", starting with a letter or digit: stable keys for imports and reports. */
const zCode = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "admin.validation.code");

const names = { nameZh: zText(100), nameEn: zText(100) };

export const ZCreateUnit = z.object({ code: zCode(32), ...names, kind: z.enum(CHILD_UNIT_KINDS), requestId: zRequestId });
export type CreateUnitInput = z.output<typeof ZCreateUnit>;

export const ZCreateReferenceItem = z.object({ kind: z.enum(REFERENCE_KINDS), code: zCode(64), ...names, requestId: zRequestId });
export type CreateReferenceItemInput = z.output<typeof ZCreateReferenceItem>;

/** Rename a unit or a reference item. */
export const ZRename = z.object({ id: zId, version: zVersion, ...names });
export type RenameInput = z.output<typeof ZRename>;

/** Retire (retired = true) or restore (false). */
export const ZSetRetired = z.object({
  id: zId,
  version: zVersion,
  retired: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetRetiredInput = z.output<typeof ZSetRetired>;

/** The reference page's URL: ?kind=SECTOR (anything else: sectors). */
export const ZReferenceKindParam = z.enum(REFERENCE_KINDS).catch("SECTOR");
