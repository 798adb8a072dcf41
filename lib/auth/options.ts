import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authenticate } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { writeAudit } from "@/lib/audit/write-audit";
import { sessionOutlived } from "@/lib/auth/session-user";

/** Shown to the sign-in form as `error`; the form turns it into words. */
export const THROTTLED_ERROR = "throttled";
/** Anything else that fails in `authorize` (the database down): the form says "cannot sign in now, try later". */
export const SIGN_IN_FAILED_ERROR = "failed";

/** next-auth sends a thrown error's message to the (unauthenticated) caller: only our own codes may get there. */
function signInError(error: unknown): Error {
  if (error instanceof Error && error.message === THROTTLED_ERROR) return error;
  console.error("sign-in failed", error);
  return new Error(SIGN_IN_FAILED_ERROR);
}

/**
 * (A function so that nothing reads the environment while `next build` loads modules.)
 *
 * next-auth v4 with email + password and JWT sessions. The token carries only
 * the user id and the user's session version; lib/auth/current-user.ts checks
 * both against the database on every request, so a role change, a disabled
 * account or a sign-out ends the session at the next request. The token also
 * carries its sign-in time: a session ends 12 hours after it (session-user.ts),
 * whatever the renewals.
 */
export const authOptions = (): NextAuthOptions => ({
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Secure (and __Secure- prefixed) session cookies when the configured public
  // URL is https, never from a request header a client could send (README, "Security").
  useSecureCookies: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        try {
          const result = await authenticate(db(), credentials, clientAddress(req.headers ?? {}));
          if (!result.ok) {
            if (result.reason === "throttled") throw new Error(THROTTLED_ERROR);
            return null;
          }
          return { id: String(result.user.id), sessionVersion: result.user.sessionVersion };
        } catch (error) {
          throw signInError(error);
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
        token.signedInAt = Math.floor(Date.now() / 1000);
      } else if (sessionOutlived(token)) {
        // next-auth answers a failed renewal by deleting the cookie, instead of re-issuing it for 8 more hours.
        throw new Error("The session is past its absolute lifetime.");
      }
      return token;
    },
    async session({ session, token }) {
      // Nothing personal in the client-side session: pages read the user
      // from the database through getCurrentUser().
      return { expires: session.expires, uid: token.uid } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      const userId = typeof token?.uid === "number" ? token.uid : null;
      if (userId === null) return;
      await db().$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
        await writeAudit(tx, { actorId: userId, action: "auth.sign_out", entity: "user", entityId: userId });
      });
    },
  },
});
