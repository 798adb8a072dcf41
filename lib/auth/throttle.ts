import "server-only";
import type { Db } from "@/lib/db";

/** Failures allowed per account and per client address inside the window. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

/** True when this account or address has failed too often recently. */
export async function isSignInThrottled(db: Db, email: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    db.signInFailure.count({ where: { email, at: { gte: since } } }),
    db.signInFailure.count({ where: { ip, at: { gte: since } } }),
  ]);
  return byAccount >= THROTTLE.perAccount || byAddress >= THROTTLE.perAddress;
}
