import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkToken, DEFAULT_SETTINGS, issueToken, type OrganizationId, type TokenId, type UserId } from "tenure";

const now = new Date("2026-05-04T10:00:00Z");
const issue = (purpose: "invitation" | "activation" | "password_reset", secret = "s3cret-value") =>
  issueToken({ id: "tok_1" as TokenId, organizationId: "org_1" as OrganizationId, userId: "usr_1" as UserId, purpose, secret, now, settings: DEFAULT_SETTINGS });

describe("single-use tokens", () => {
  it("store only the SHA-256 of the secret", () => {
    const token = issue("invitation");
    expect(token.hash).toBe(createHash("sha256").update("s3cret-value").digest("hex"));
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(token)).not.toContain("s3cret-value");
  });

  it("live as long as the settings say: invitation and activation 7 days, password reset 1 hour", () => {
    expect(issue("invitation").expiresAt).toEqual(new Date("2026-05-11T10:00:00Z"));
    expect(issue("activation").expiresAt).toEqual(new Date("2026-05-11T10:00:00Z"));
    expect(issue("password_reset").expiresAt).toEqual(new Date("2026-05-04T11:00:00Z"));
  });

  it("redeem once, for their purpose, before they expire; every other case is the same invalid_token error", () => {
    const token = issue("password_reset");
    expect(checkToken(token, "s3cret-value", "password_reset", now).isOk()).toBe(true);
    const refusals = [
      checkToken(null, "s3cret-value", "password_reset", now),
      checkToken(token, "another-secret", "password_reset", now),
      checkToken(token, "s3cret-value", "invitation", now),
      checkToken({ ...token, usedAt: now }, "s3cret-value", "password_reset", now),
      checkToken(token, "s3cret-value", "password_reset", token.expiresAt),
    ];
    expect(refusals.map((refusal) => refusal._unsafeUnwrapErr().reason)).toEqual(["unknown", "unknown", "wrong_purpose", "used", "expired"]);
    const messages = new Set(refusals.map((refusal) => refusal._unsafeUnwrapErr().message));
    expect(messages.size).toBe(1);
  });

  test.prop([fc.string({ minLength: 1 }), fc.string({ minLength: 1 })])("a secret redeems only its own token", (secret, other) => {
    const token = issue("activation", secret);
    expect(checkToken(token, secret, "activation", now).isOk()).toBe(true);
    expect(checkToken(token, other, "activation", now).isOk()).toBe(other === secret);
  });
});
