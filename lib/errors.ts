/**
 * Errors the data layer throws on purpose. Each carries a code the action
 * layer turns into a result the form shows in the user's words; anything else
 * is logged and shown as a generic message, never as a stack trace or SQL.
 */
import type { ConflictAnswer } from "@/lib/actions/result";

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

/** The record changed since the user loaded it; `answer` is what it is now and who changed what (lib/data/transactions.ts, assertVersion). */
export class ConflictError extends AppError {
  constructor(readonly answer: ConflictAnswer) {
    super("conflict", "conflict");
  }
}

/** A rule of the domain (not a single field's shape) was broken. */
export class RuleError extends AppError {
  constructor(
    messageKey: string,
    /** Field errors as message keys under `validation`, when the rule is about fields. */
    readonly fieldErrors: Record<string, string> = {},
    /** Values the field errors' messages name (e.g. the date a date conflicts with; a Date is shown as the app shows dates). */
    readonly fieldValues: Record<string, Record<string, string | number | Date>> = {},
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

/** Prisma's codes for an unreachable database, a lost connection, a pool or transaction timeout. */
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server is shutting down or restarting). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** What pg and the driver adapter say when a connection is gone or cannot be had. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);
const UNAVAILABLE_MESSAGE =
  /not queryable|Connection terminated|timeout exceeded when trying to connect|Query read timeout|Can't reach database server|Server has closed the connection|terminating connection/i;

/**
 * The database could not be reached or dropped the connection mid-request (a
 * restart, a failover, a pooler restart, a timeout): the transaction rolled
 * back with the connection, and the same request can simply be sent again
 * (the forms' request ids make a retry write one record). Users get "try
 * again" (errors.unavailable), not the generic failure.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause as typeof e, depth++) {
    const meta = e.meta as { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } | undefined;
    const codes = [e.code, e.originalCode, meta?.code, meta?.driverAdapterError?.cause?.originalCode].filter((c): c is string => typeof c === "string");
    if (codes.some((c) => UNAVAILABLE_PRISMA.has(c) || UNAVAILABLE_SQLSTATE.test(c) || UNAVAILABLE_SOCKET.has(c))) return true;
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}
