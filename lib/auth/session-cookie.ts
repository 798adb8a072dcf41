import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { authOptions } from "@/lib/auth/options";

/** next-auth v4's session cookie, plain or with the __Secure- prefix it uses behind https. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Re-issues this request's session token with a new session version, in the
 * same cookie. After a user changes their own password the version moves, which
 * ends every session of theirs; this keeps the one they changed it in. The
 * token keeps every other claim (user id, sign-in time), so an absolute session
 * limit still counts from the original sign-in.
 */
export async function reissueSessionCookie(sessionVersion: number): Promise<boolean> {
  const store = await cookies();
  const name = SESSION_COOKIES.find((n) => store.get(n));
  const value = name && store.get(name)?.value;
  if (!name || !value) return false;
  const secret = env().NEXTAUTH_SECRET;
  const token = await decode({ token: value, secret });
  if (!token) return false;
  const maxAge = authOptions().session?.maxAge ?? 8 * 60 * 60;
  store.set(name, await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge,
  });
  return true;
}
