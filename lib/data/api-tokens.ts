import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session-user";
import { writeAudit } from "@/lib/audit/write-audit";
import { NotFoundError, RuleError } from "@/lib/errors";
import { assertAdmin } from "@/lib/data/users";
import { createOnce } from "@/lib/data/transactions";
import { todayDate } from "@/lib/validation/fields";
import { latestExpiryDate, type CreateApiTokenInput, type RevokeApiTokenInput } from "@/lib/data/api-tokens-input";

export { latestExpiryDate, ZCreateApiToken, ZRevokeApiToken } from "@/lib/data/api-tokens-input";

/**
 * Bearer tokens for the reports and import API. A token is 32 random bytes,
 * base64url, prefixed "crm_"; it is shown once when created and only its
 * SHA-256 (hex) is stored. A token acts as the admin who created it: it stops
 * working when it expires, is revoked, or its creator is disabled. Every use
 * updates last_used_at and writes an audit row.
 */
type Actor = Pick<CurrentUser, "id" | "role">;

export const API_TOKEN_PREFIX = "crm_";
const TOKEN_SHAPE = /^crm_[A-Za-z0-9_-]{43}$/;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** End of the given day in the bureau's time zone (UTC+8, no DST). */
function endOfShanghaiDay(day: Date): Date {
  return new Date(day.getTime() + 24 * 3600_000 - 8 * 3600_000 - 1);
}

// ---------------------------------------------------------------- admin side

export async function listApiTokens(db: Db, user: Actor) {
  assertAdmin(user);
  return db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      createdBy: { select: { id: true, name: true } },
    },
  });
}

/**
 * Creates a named token valid to the end of `expiresOn` (Shanghai time), at
 * most a year ahead. Returns the token itself, the only time it exists
 * outside the caller's hands; a repeated submit of the same form returns the
 * first token's id with `token: null` (it cannot be shown again).
 */
export async function createApiToken(db: Db, user: Actor, input: CreateApiTokenInput, now = new Date()) {
  assertAdmin(user);
  const expiresAt = endOfShanghaiDay(input.expiresOn);
  if (expiresAt.getTime() <= now.getTime()) throw new RuleError("invalid", { expiresOn: "admin.validation.expiryPast" });
  if (input.expiresOn.getTime() > latestExpiryDate(todayDate(now)).getTime()) {
    throw new RuleError("invalid", { expiresOn: "admin.validation.expiryTooFar" });
  }
  const token = newToken();
  return createOnce(
    db,
    async (tx) => {
      const row = await tx.apiToken.findUnique({ where: { requestId: input.requestId }, select: { id: true, name: true, expiresAt: true } });
      return row ? { ...row, token: null as string | null } : null;
    },
    async (tx) => {
      const created = await tx.apiToken.create({
        data: { name: input.name, tokenHash: hashApiToken(token), createdById: user.id, expiresAt, requestId: input.requestId },
        select: { id: true, name: true, expiresAt: true },
      });
      await writeAudit(tx, {
        actorId: user.id,
        action: "api_token.create",
        entity: "api_token",
        entityId: created.id,
        after: { name: created.name, expiresAt: created.expiresAt, requestId: input.requestId },
      });
      return { ...created, token: token as string | null };
    },
  );
}

/** Revokes a token (revoking a revoked token changes nothing). */
export async function revokeApiToken(db: Db, user: Actor, input: RevokeApiTokenInput) {
  assertAdmin(user);
  return db.$transaction(async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id: input.id }, select: { id: true, name: true, revokedAt: true, expiresAt: true } });
    if (!current) throw new NotFoundError();
    if (current.revokedAt) return { id: current.id };
    const updated = await tx.apiToken.update({ where: { id: input.id }, data: { revokedAt: new Date() }, select: { id: true, name: true, revokedAt: true, expiresAt: true } });
    await writeAudit(tx, {
      actorId: user.id,
      action: "api_token.revoke",
      entity: "api_token",
      entityId: input.id,
      before: { name: current.name, revokedAt: null },
      after: { name: updated.name, revokedAt: updated.revokedAt },
    });
    return { id: updated.id };
  });
}

// ---------------------------------------------------------------- API side

/**
 * The token in an `Authorization` header value ("Bearer crm_…", or the bare
 * token) → the token and the user it acts as, or null for a missing,
 * malformed, unknown, expired or revoked token, or one whose creator is
 * disabled. A use is audited ("api_token.use") and stamps last_used_at; a
 * refused known token is audited too ("api_token.refused").
 */
export async function authenticateApiToken(
  db: Db,
  bearer: string | null,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ tokenId: number; userId: number } | null> {
  if (!bearer) return null;
  const token = bearer.trim().replace(/^Bearer\s+/i, "").trim();
  if (!TOKEN_SHAPE.test(token)) return null;
  const hash = hashApiToken(token);
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hash },
    select: { id: true, tokenHash: true, expiresAt: true, revokedAt: true, createdById: true, createdBy: { select: { disabledAt: true } } },
  });
  // The lookup is by hash (an index, not a secret compare); compare again in constant time anyway.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return null;
  const now = opts.now ?? new Date();
  const reason = row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now.getTime() ? "expired" : row.createdBy.disabledAt ? "creator_disabled" : null;
  if (reason) {
    await writeAudit(db, { actorId: row.createdById, action: "api_token.refused", entity: "api_token", entityId: row.id, after: { reason }, ip: opts.ip ?? null });
    return null;
  }
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    await writeAudit(tx, { actorId: row.createdById, action: "api_token.use", entity: "api_token", entityId: row.id, ip: opts.ip ?? null });
  });
  return { tokenId: row.id, userId: row.createdById };
}
