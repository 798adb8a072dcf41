/**
 * Which passwords are refused, wherever a password is set (an admin creating
 * an account or resetting one, a user changing their own): OWASP ASVS 5.0 V6
 * asks for length (PASSWORD_MIN) and a check against common and guessable
 * passwords, not composition rules. zxcvbn-ts scores a password against its
 * dictionary of some 40,000 common passwords, names and words and against
 * patterns (repeats, sequences, keyboard walks, dates, l33t); a score under 3
 * ("safely unguessable" starts there) is refused, and so is a password that
 * contains the user's email name.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
const MIN_SCORE = 3;

export type PasswordProblem = "passwordTooShort" | "passwordTooCommon" | "passwordContainsEmail";

let factory: ZxcvbnFactory | null = null;
/** Built on first use: the dictionaries take a few milliseconds to load. */
function scorer() {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

/** The email's name and its parts ("li.wei@…" → "li.wei", "wei"), the parts of four characters or more. */
function emailNames(email: string): string[] {
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  const parts = local.split(/[._+-]+/).filter((p) => p.length >= 4);
  return [...new Set([local, ...parts])].filter((p) => p.length >= 3);
}

/** Why `password` may not be used by the account `email`, or null when it may. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return "passwordTooShort";
  const names = emailNames(email);
  const lower = password.toLowerCase();
  if (names.some((name) => lower.includes(name))) return "passwordContainsEmail";
  // zxcvbn's cost grows with length; the first 100 characters decide the score.
  if (scorer().check(password.slice(0, 100), names).score < MIN_SCORE) return "passwordTooCommon";
  return null;
}
