/**
 * Users as admins manage them: create, role and unit, disable/enable, password
 * reset, and a user changing their own password. The length limits are here;
 * which passwords are refused (common, guessable, the email's name) is
 * lib/auth/password-policy.ts, checked by lib/data/users.ts where the email is
 * known. The form never sees a hash.
 */
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { zId, zRequestId, zText, zVersion } from "@/lib/validation/fields";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-policy";

export const ROLES = Object.values(Role) as [Role, ...Role[]];

export { PASSWORD_MIN };
export const zPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * A mainland mobile number, optional (empty: none): what the DingTalk and WeCom robots @-mention people by. Spaces,
 * dashes and a leading +86 are dropped; what is left must be 11 digits starting 13–19.
 */
export const zMobile = z
  .string()
  .max(40, "admin.validation.mobile")
  .transform((v) => v.replace(/[\s-]/g, "").replace(/^(\+|00)86/, ""))
  .pipe(z.union([z.literal("").transform(() => null), z.string().regex(/^1[3-9]\d{9}$/, "admin.validation.mobile")]))
  .optional()
  .transform((v) => v ?? null);

export const ZCreateUser = z.object({
  name: zText(100),
  email: zEmail,
  role: z.enum(ROLES),
  unitId: zId,
  password: zPassword,
  mobile: zMobile,
  requestId: zRequestId,
});
/** `mobile` may be left out by callers other than the form (seeds, tests): none. */
export type CreateUserInput = Omit<z.output<typeof ZCreateUser>, "mobile"> & { mobile?: string | null };

export const ZUpdateUserAccess = z.object({ id: zId, version: zVersion, role: z.enum(ROLES), unitId: zId, mobile: zMobile });
/** `mobile` left out (undefined): kept as it is. */
export type UpdateUserAccessInput = Omit<z.output<typeof ZUpdateUserAccess>, "mobile"> & { mobile?: string | null };

export const ZSetUserDisabled = z.object({
  id: zId,
  version: zVersion,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetUserDisabledInput = z.output<typeof ZSetUserDisabled>;

export const ZResetPassword = z.object({ id: zId, version: zVersion, password: zPassword });
export type ResetPasswordInput = z.output<typeof ZResetPassword>;

/** A user changing their own password: the current one, the new one twice. */
export const ZChangeOwnPassword = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: zPassword, confirmPassword: z.string().max(PASSWORD_MAX) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "account.validation.confirmMismatch" });
export type ChangeOwnPasswordInput = z.output<typeof ZChangeOwnPassword>;
