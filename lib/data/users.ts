import "server-only";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { writeAudit } from "@/lib/audit/write-audit";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { may } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertVersion, createOnce, formStrings, isUniqueViolation, refuseStale, type EditedRecord, type Tx } from "@/lib/data/transactions";
import type { ChangeOwnPasswordInput, CreateUserInput, ResetPasswordInput, SetUserDisabledInput, UpdateUserAccessInput } from "@/lib/validation/user";

/**
 * Users as admins manage them. Every function checks that the caller is an
 * admin (the actions check it too: defence in depth). Role or unit changes,
 * disabling and password resets bump `sessionVersion`, so the user's sessions
 * end at their next request (lib/auth/session-user.ts). The last active admin
 * can be neither disabled nor demoted. Password hashes never reach the audit
 * log, a conflict snapshot or a page.
 *
 * A password an admin sets (new account, reset) must be changed by its user
 * at the next sign-in (`mustChangePassword`, enforced by lib/auth/current-user.ts);
 * every password set passes the one policy, lib/auth/password-policy.ts.
 */
type Actor = Pick<CurrentUser, "id" | "role">;

/** Throws unless the caller is an admin. */
export function assertAdmin(user: Actor | null | undefined): asserts user is Actor {
  if (!user || !may(user, "administer")) throw new ForbiddenError();
}

const userFields = {
  id: true,
  name: true,
  email: true,
  role: true,
  unitId: true,
  mobile: true,
  disabledAt: true,
  version: true,
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userFields }>;

/** What the audit trail and a conflict show of a user: never the password hash or the session version. */
function userSnapshot(u: UserRow) {
  return { name: u.name, email: u.email, role: u.role, unitId: u.unitId, mobile: u.mobile, disabled: u.disabledAt !== null, version: u.version };
}

/** The user as the admin's forms see them, for the version check. */
function editedUser(u: UserRow): EditedRecord {
  const { version, ...fields } = userSnapshot(u);
  return { entity: "user", id: u.id, version, values: formStrings({ role: fields.role, unitId: fields.unitId, mobile: fields.mobile ?? "", disabled: fields.disabled }) };
}

// ---------------------------------------------------------------- reading

export async function listUsers(db: Db, user: Actor) {
  assertAdmin(user);
  return db.user.findMany({
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }, { id: "asc" }],
    select: { ...userFields, unit: { select: { nameZh: true, nameEn: true } } },
  });
}

export async function getUserForAdmin(db: Db, user: Actor, input: { id: number }) {
  assertAdmin(user);
  const row = await db.user.findUnique({
    where: { id: input.id },
    select: { ...userFields, createdAt: true, unit: { select: { nameZh: true, nameEn: true } } },
  });
  if (!row) throw new NotFoundError();
  return row;
}

// ---------------------------------------------------------------- writing

/** Serialises changes that could remove the last admin, then counts the active admins. */
async function lockAndCountActiveAdmins(tx: Tx) {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('admin:last-admin'))`);
  return tx.user.count({ where: { role: "ADMIN", disabledAt: null } });
}

/** The unit must exist and not be retired. */
async function checkUnit(tx: Tx, unitId: number) {
  const unit = await tx.unit.findFirst({ where: { id: unitId, retiredAt: null }, select: { id: true } });
  if (!unit) throw new RuleError("invalid", { unitId: "choose" });
}

/** The password policy as a field error on `field`. */
function assertPasswordAllowed(password: string, email: string, field = "password") {
  const problem = passwordProblem(password, email);
  if (problem) throw new RuleError("invalid", { [field]: `account.validation.${problem}` });
}

const EMAIL_TAKEN = () => new RuleError("invalid", { email: "admin.validation.emailTaken" });

/** Creates a user once per form submission; a used email is a field error. */
export async function createUser(db: Db, user: Actor, input: CreateUserInput) {
  assertAdmin(user);
  assertPasswordAllowed(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await createOnce(
      db,
      (tx) => tx.user.findUnique({ where: { requestId: input.requestId }, select: { id: true, version: true } }),
      async (tx) => {
        await checkUnit(tx, input.unitId);
        if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw EMAIL_TAKEN();
        const created = await tx.user.create({
          data: {
            name: input.name,
            email: input.email,
            role: input.role,
            unitId: input.unitId,
            mobile: input.mobile,
            passwordHash,
            mustChangePassword: true,
            requestId: input.requestId,
          },
          select: userFields,
        });
        await writeAudit(tx, {
          actorId: user.id,
          action: "user.create",
          entity: "user",
          entityId: created.id,
          after: { ...userSnapshot(created), requestId: input.requestId },
        });
        return { id: created.id, version: created.version };
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw EMAIL_TAKEN(); // two admins creating one email at once
    throw error;
  }
}

/**
 * Loads the target for an edit made against `version` and runs `change`
 * (which returns the data to write, or throws a RuleError). Updates with the
 * version in the `where`, bumps version (and the session version when
 * `endSessions`), writes the audit row, all in one transaction.
 */
async function editUser(
  db: Db,
  user: Actor,
  input: { id: number; version: number },
  action: string,
  change: (tx: Tx, current: UserRow) => Promise<{ data: Prisma.UserUncheckedUpdateManyInput; endSessions: boolean }>,
) {
  assertAdmin(user);
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: input.id }, select: userFields });
    if (!current) throw new NotFoundError();
    await assertVersion(tx, editedUser(current), input.version);
    const { data, endSessions } = await change(tx, current);
    const { count } = await tx.user.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...data, version: { increment: 1 }, ...(endSessions ? { sessionVersion: { increment: 1 } } : {}) },
    });
    if (count === 0) await refuseStale(tx, await tx.user.findUnique({ where: { id: input.id }, select: userFields }).then((u) => u && editedUser(u)), input.version);
    const updated = await tx.user.findUniqueOrThrow({ where: { id: input.id }, select: userFields });
    await writeAudit(tx, {
      actorId: user.id,
      action,
      entity: "user",
      entityId: input.id,
      before: userSnapshot(current),
      after: action === "user.password_reset" ? { ...userSnapshot(updated), passwordReset: true } : userSnapshot(updated),
    });
    return { id: updated.id, version: updated.version };
  });
}

const isActiveAdmin = (u: UserRow) => u.role === "ADMIN" && u.disabledAt === null;

/** Sets role, unit and mobile number; a role or unit change ends the user's sessions. The last active admin keeps the admin role. */
export async function updateUserAccess(db: Db, user: Actor, input: UpdateUserAccessInput) {
  return editUser(db, user, input, "user.update_access", async (tx, current) => {
    const changed = current.role !== input.role || current.unitId !== input.unitId;
    if (current.unitId !== input.unitId) await checkUnit(tx, input.unitId);
    if (isActiveAdmin(current) && input.role !== "ADMIN" && (await lockAndCountActiveAdmins(tx)) <= 1) {
      throw new RuleError("admin.rules.lastAdmin", { role: "admin.validation.lastAdmin" });
    }
    return { data: { role: input.role, unitId: input.unitId, mobile: input.mobile }, endSessions: changed };
  });
}

/** Disables (ending the user's sessions) or enables an account. The last active admin cannot be disabled. */
export async function setUserDisabled(db: Db, user: Actor, input: SetUserDisabledInput) {
  return editUser(db, user, input, input.disabled ? "user.disable" : "user.enable", async (tx, current) => {
    if (input.disabled && isActiveAdmin(current) && (await lockAndCountActiveAdmins(tx)) <= 1) {
      throw new RuleError("admin.rules.lastAdmin");
    }
    if (input.disabled === (current.disabledAt !== null)) return { data: {}, endSessions: false };
    return { data: { disabledAt: input.disabled ? new Date() : null }, endSessions: input.disabled };
  });
}

/** Sets a new password (hashed) that the user must change at the next sign-in, and ends the user's sessions. */
export async function resetPassword(db: Db, user: Actor, input: ResetPasswordInput) {
  assertAdmin(user);
  // The policy first (it reads the account's email): a refused password costs no Argon2 hash. Checked again in the
  // edit's transaction, against the email as it is then.
  const target = await db.user.findUnique({ where: { id: input.id }, select: { email: true } });
  if (target) assertPasswordAllowed(input.password, target.email);
  const passwordHash = await hashPassword(input.password);
  return editUser(db, user, input, "user.password_reset", async (_tx, current) => {
    assertPasswordAllowed(input.password, current.email);
    return { data: { passwordHash, mustChangePassword: true }, endSessions: true };
  });
}

/**
 * A signed-in user changes their own password: the current one must match,
 * the new one must pass the policy and differ from it. Ends the user's other
 * sessions (the session version moves); the caller re-issues the current
 * session with the returned `sessionVersion`. A wrong current password is
 * audited, as a failed sign-in is.
 */
export async function changeOwnPassword(db: Db, user: Pick<CurrentUser, "id" | "email">, input: ChangeOwnPasswordInput) {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true, email: true, disabledAt: true } });
  if (!row || row.disabledAt) throw new NotFoundError();
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await writeAudit(db, { actorId: user.id, action: "user.password_change_refused", entity: "user", entityId: user.id });
    throw new RuleError("invalid", { currentPassword: "account.validation.currentWrong" });
  }
  if (input.newPassword === input.currentPassword) throw new RuleError("invalid", { newPassword: "account.validation.samePassword" });
  assertPasswordAllowed(input.newPassword, row.email, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await writeAudit(tx, { actorId: user.id, action: "user.password_change", entity: "user", entityId: user.id });
    return { sessionVersion: updated.sessionVersion };
  });
}
