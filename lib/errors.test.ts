import { describe, expect, it } from "vitest";
import { ConflictError, isDatabaseUnavailable, RuleError } from "@/lib/errors";

describe("isDatabaseUnavailable: 'try again', not 'something went wrong'", () => {
  it("recognises a lost or unreachable database as pg, the adapter and Prisma report it", () => {
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P2010", meta: { code: "57P01" }, message: "Raw query failed" })).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P1001", message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { kind: "ConnectionClosed" } }))).toBe(true);
  });

  it("leaves the app's own errors and the database's refusals alone", () => {
    expect(isDatabaseUnavailable(new RuleError("journey.rules.roundOnLost"))).toBe(false);
    expect(isDatabaseUnavailable(new ConflictError({ version: 1, values: {}, changes: [] }))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002", meta: { code: "23505" }, message: "Unique constraint failed" })).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { code: "40001" }, message: "could not serialize access" })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
