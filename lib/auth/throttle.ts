import "server-only";
import type { Db } from "@/lib/db";

/**
 * The sign-in policy (README, "Security"). Failures count inside a sliding
 * window. Per account: the first `perAccount` are free; after that each
 * password check on the account waits, from the last failure, a delay that
 * doubles per further failure up to `maxDelaySeconds`. So nobody can lock an
 * account for long (the owner waits seconds, not a quarter of an hour), and a
 * guesser spread over many addresses gets at most one guess per 30 s. Per
 * client address: `perAddress` failures and that address is refused until the
 * window moves on; it also bounds how long one address can keep an account
 * waiting.
 */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, firstDelaySeconds: 1, maxDelaySeconds: 30, perAddress: 20 } as const;

/** How long the account waits after its last failure, given its failures in the window. */
export function accountDelayMs(failures: number): number {
  if (failures < THROTTLE.perAccount) return 0;
  return Math.min(THROTTLE.firstDelaySeconds * 2 ** (failures - THROTTLE.perAccount), THROTTLE.maxDelaySeconds) * 1000;
}

export type SignInClaim = { ok: true; failureId: bigint } | { ok: false };

/**
 * Claims one password check for this account from this address, or refuses.
 * The claim is written as a failure before the password is checked (the
 * caller withdraws it on success), inside a transaction that holds an advisory
 * lock on the account and one on the address: concurrent attempts see each
 * other's claims, so 200 at once still get only the allowed checks. The locks
 * are held for a few statements, never during the Argon2 check.
 */
export async function claimSignInAttempt(db: Db, email: string, ip: string, now = new Date()): Promise<SignInClaim> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  return db.$transaction(
    async (tx) => {
      // Account first, then address, always in this order (no deadlock); 1 and 2 keep the two kinds of key apart.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(1, hashtext(${email})), pg_advisory_xact_lock(2, hashtext(${ip}))`;
      const [recent] = await tx.$queryRaw<{ account: number; last: Date | null; address: number }[]>`
        SELECT count(*) FILTER (WHERE email = ${email})::int AS account,
               max(at) FILTER (WHERE email = ${email}) AS last,
               count(*) FILTER (WHERE ip = ${ip})::int AS address
          FROM sign_in_failure
         WHERE at >= ${since} AND (email = ${email} OR ip = ${ip})`;
      const waitUntil = (recent.last?.getTime() ?? 0) + accountDelayMs(recent.account);
      if (recent.address >= THROTTLE.perAddress || now.getTime() < waitUntil) return { ok: false } as const;
      const [claim] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO sign_in_failure (email, ip, at) VALUES (${email}, ${ip}, ${now}) RETURNING id`;
      return { ok: true, failureId: claim.id } as const;
    },
    // Under a flood of attempts they queue for the pool: wait rather than fail.
    { maxWait: 10_000, timeout: 5_000 },
  );
}

/** A claim whose password was right is not a failure. */
export async function withdrawSignInClaim(db: Db, failureId: bigint) {
  await db.$executeRaw`DELETE FROM sign_in_failure WHERE id = ${failureId}`;
}
