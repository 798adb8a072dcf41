/**
 * Users as admins manage them: create, role and unit, disable/enable, password
 * reset. Passwords are at least 12 characters (NIST SP 800-63B length over
 * composition rules); the form never sees a hash.
 */
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { zId, zRequestId, zText, zVersion } from "@/lib/validation/fields";

export const ROLES = Object.values(Role) as [Role, ...Role[]];

export const PASSWORD_MIN = 12;
export const zPassword = z.string().min(PASSWORD_MIN).max(200);

const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const ZCreateUser = z.object({
  name: zText(100),
  email: zEmail,
  role: z.enum(ROLES),
  unitId: zId,
  password: zPassword,
  requestId: zRequestId,
});
export type CreateUserInput = z.output<typeof ZCreateUser>;

export const ZUpdateUserAccess = z.object({ id: zId, version: zVersion, role: z.enum(ROLES), unitId: zId });
export type UpdateUserAccessInput = z.output<typeof ZUpdateUserAccess>;

export const ZSetUserDisabled = z.object({
  id: zId,
  version: zVersion,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetUserDisabledInput = z.output<typeof ZSetUserDisabled>;

export const ZResetPassword = z.object({ id: zId, version: zVersion, password: zPassword });
export type ResetPasswordInput = z.output<typeof ZResetPassword>;
