import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, PASSWORD_POLICY } from "../../../src/service/commands/credentials/check-password-policy.js";

const ann = { username: "ann.lee", email: "Ann.Lee@example.com" };

describe("the password policy", () => {
  it("at least 10 and at most 1024 characters, counted as characters, not UTF-16 units", () => {
    expect(PASSWORD_POLICY).toEqual({ minLength: 10, maxLength: 1024 });
    expect(checkPasswordPolicy("123456789", ann)._unsafeUnwrapErr()).toMatchObject({ field: "password", issues: [expect.objectContaining({ code: "password_too_short" })] });
    expect(checkPasswordPolicy("1234567890", ann).isOk()).toBe(true);
    expect(checkPasswordPolicy("x".repeat(1024), ann).isOk()).toBe(true);
    expect(checkPasswordPolicy("x".repeat(1025), ann)._unsafeUnwrapErr()).toMatchObject({ issues: [expect.objectContaining({ code: "password_too_long" })] });
    expect(checkPasswordPolicy("🔑".repeat(9), ann).isErr()).toBe(true); // 18 UTF-16 units, 9 characters
    expect(checkPasswordPolicy("🔑".repeat(10), ann).isOk()).toBe(true);
  });

  it("a password of 9,000,000 characters is too long, and that alone: it is neither counted to its end nor normalized", () => {
    const started = performance.now();
    const error = checkPasswordPolicy("x".repeat(9_000_000), ann)._unsafeUnwrapErr();
    expect(error.issues.map((issue) => [issue.field, issue.code])).toEqual([["password", "password_too_long"]]);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("not the username nor the e-mail address, case-insensitively; every broken rule is listed on the field asked for", () => {
    expect(checkPasswordPolicy("ANN.LEE@EXAMPLE.COM", ann)._unsafeUnwrapErr()).toMatchObject({ issues: [expect.objectContaining({ code: "password_is_email" })] });
    const both = checkPasswordPolicy("Ann.Lee", ann, { field: "newPassword" })._unsafeUnwrapErr();
    expect(both).toMatchObject({ code: "validation", field: "newPassword" });
    expect(both.issues.map((issue) => [issue.field, issue.code])).toEqual([
      ["newPassword", "password_too_short"],
      ["newPassword", "password_is_username"],
    ]);
    expect(checkPasswordPolicy("ann.lee@example.com!", ann).isOk()).toBe(true);
  });
});
