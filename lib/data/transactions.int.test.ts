import { describe, expect, it } from "vitest";
import { testDb } from "@/test/factories";
import { RuleError } from "@/lib/errors";
import { createOnce } from "@/lib/data/transactions";

/**
 * The loser of a double-submit race fails in whatever way the twin's
 * committed record makes it fail; createOnce then returns the twin's record.
 * The twin is simulated: findExisting finds nothing at first, then the record.
 */
describe("createOnce after a failed create", () => {
  it("returns the record a racing twin committed, whatever error the create met", async () => {
    let calls = 0;
    const find = async () => (calls++ === 0 ? null : { id: 7 });
    const result = await createOnce(testDb(), find, async () => {
      throw new RuleError("invalid", { email: "admin.validation.emailTaken" });
    });
    expect(result).toEqual({ id: 7 });
  });

  it("lets the error stand when no record with the request id exists", async () => {
    await expect(
      createOnce(testDb(), async () => null, async () => {
        throw new RuleError("invalid", { email: "admin.validation.emailTaken" });
      }),
    ).rejects.toBeInstanceOf(RuleError);
  });
});
