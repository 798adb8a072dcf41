import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("passwordProblem", () => {
  const email = "wang.wei@city.gov.cn";

  it.each(["aaaaaaaaaaaa", "password1234", "Qwerty123456", "1234567890ab", "hunter2hunter2", "iloveyou1234"])(
    "refuses the common or patterned password %s",
    (password) => expect(passwordProblem(password, email)).toBe("passwordTooCommon"),
  );

  it.each(["wang.wei-2026!x", "Wang.Wei.Secret9", "my-WANG-garden-77"])("refuses %s, which contains the email's name", (password) => {
    expect(passwordProblem(password, email)).toBe("passwordContainsEmail");
  });

  it("refuses passwords under 12 characters", () => {
    expect(passwordProblem("Tg7#kP2m!xQ", email)).toBe("passwordTooShort");
  });

  it.each(["Tg7#kP2m!xQ9", "correct horse battery", "river-lantern-copper-57"])("accepts the strong password %s", (password) => {
    expect(passwordProblem(password, email)).toBeNull();
  });

  it("checks email names case-insensitively and ignores short parts", () => {
    expect(passwordProblem("Li-lantern-copper-57", "li@city.gov.cn")).toBeNull(); // "li" alone is too short to mean anything
    expect(passwordProblem("copper-ZHAOLEI-lantern", "zhaolei@city.gov.cn")).toBe("passwordContainsEmail");
  });
});
