import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash is a failed sign-in, not a crash
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * For an email with no account: the same Argon2 work as a real check, and
 * always false, so the answer's timing does not tell which emails exist.
 */
export async function verifyNoAccount(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64"));
  await verifyPassword(await dummyHash, password);
  return false;
}
