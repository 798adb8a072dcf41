import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { verifyPassword } from "@/lib/auth/password";
import { isSignInThrottled } from "@/lib/auth/throttle";

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export type SignInResult =
  | { ok: true; user: { id: number; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a credentials sign-in. An unknown email, a wrong password and a
 * disabled account all answer "invalid" (nobody learns which accounts exist);
 * too many recent failures answer "throttled" before the password is checked.
 */
export async function authenticate(db: Db, input: unknown, ip: string): Promise<SignInResult> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  if (await isSignInThrottled(db, email, ip)) {
    await writeAudit(db, { actorId: null, action: "auth.sign_in_throttled", entity: "user", after: { email }, ip });
    return { ok: false, reason: "throttled" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : false;

  if (!user || !passwordOk || user.disabledAt) {
    await db.$transaction(async (tx) => {
      await tx.signInFailure.create({ data: { email, ip } });
      await writeAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.sign_in_failed",
        entity: "user",
        entityId: user?.id,
        after: { email, disabled: Boolean(user?.disabledAt) },
        ip,
      });
    });
    return { ok: false, reason: "invalid" };
  }

  await writeAudit(db, { actorId: user.id, action: "auth.sign_in", entity: "user", entityId: user.id, ip });
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } };
}
