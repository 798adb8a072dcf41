import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's id. */
    uid?: number;
    /** The user's session version when the token was issued. */
    sv?: number;
    /** When the user signed in (seconds since the epoch): the session's absolute limit counts from it. */
    signedInAt?: number;
  }
}
