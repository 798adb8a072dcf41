import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { verifyNoAccount, verifyPassword } from "@/lib/auth/password";
import { claimSignInAttempt, withdrawSignInClaim } from "@/lib/auth/throttle";

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export type SignInResult =
  | { ok: true; user: { id: number; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a credentials sign-in. An unknown email, a wrong password and a
 * disabled account all answer "invalid" after the same Argon2 work (nobody
 * learns which accounts exist); when lib/auth/throttle.ts refuses the attempt
 * the answer is "throttled" and no password is checked.
 */
export async function authenticate(db: Db, input: unknown, ip: string, now = new Date()): Promise<SignInResult> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const claim = await claimSignInAttempt(db, email, ip, now);
  if (!claim.ok) {
    await writeAudit(db, { actorId: null, action: "auth.sign_in_throttled", entity: "user", after: { email }, ip });
    return { ok: false, reason: "throttled" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await verifyNoAccount(password);

  if (!user || !passwordOk || user.disabledAt) {
    // The claim stays: it is this failure's record.
    await writeAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      entity: "user",
      entityId: user?.id,
      after: { email, disabled: Boolean(user?.disabledAt) },
      ip,
    });
    return { ok: false, reason: "invalid" };
  }

  await withdrawSignInClaim(db, claim.failureId);
  await writeAudit(db, { actorId: user.id, action: "auth.sign_in", entity: "user", entityId: user.id, ip });
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } };
}
