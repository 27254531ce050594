import { createHash, timingSafeEqual } from "node:crypto";
import { err, ok, type Result } from "neverthrow";
import type { OrganizationId, TokenId, UserId } from "../model/ids.js";
import type { Settings } from "../model/settings.js";
import { TenureErrors, type InvalidTokenError } from "../model/tenure-error.js";
import type { Token, TokenPurpose } from "../model/token.js";

/** The stored form of a secret: its SHA-256, lower-case hex. A leaked token table grants nothing. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** How long a token of each purpose lives, from the settings. */
export function tokenLifetimeMinutes(purpose: TokenPurpose, settings: Pick<Settings, "tokens">): number {
  switch (purpose) {
    case "invitation":
      return settings.tokens.invitationMinutes;
    case "activation":
      return settings.tokens.activationMinutes;
    case "password_reset":
      return settings.tokens.passwordResetMinutes;
  }
}

/** The record of a newly issued token: only the hash of `secret` is kept. */
export function issueToken(input: {
  readonly id: TokenId;
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
  readonly purpose: TokenPurpose;
  readonly secret: string;
  readonly now: Date;
  readonly settings: Pick<Settings, "tokens">;
}): Token {
  return {
    id: input.id,
    organizationId: input.organizationId,
    userId: input.userId,
    purpose: input.purpose,
    hash: hashTokenSecret(input.secret),
    expiresAt: new Date(input.now.getTime() + tokenLifetimeMinutes(input.purpose, input.settings) * 60_000),
    usedAt: null,
    createdAt: input.now,
  };
}

/**
 * Whether a presented secret redeems `token` for `purpose` at `now`: it must exist, hash to the stored
 * hash (compared in constant time), be of this purpose, unused, and unexpired. Every failure is the same
 * `invalid_token` error (its `reason` is for logs).
 */
export function checkToken(
  token: Token | null,
  secret: string,
  purpose: TokenPurpose,
  now: Date,
): Result<Token, InvalidTokenError> {
  if (token === null) return err(TenureErrors.invalidToken("unknown"));
  const presented = Buffer.from(hashTokenSecret(secret), "hex");
  const stored = Buffer.from(token.hash, "hex");
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return err(TenureErrors.invalidToken("unknown"));
  if (token.purpose !== purpose) return err(TenureErrors.invalidToken("wrong_purpose"));
  if (token.usedAt !== null) return err(TenureErrors.invalidToken("used"));
  if (token.expiresAt.getTime() <= now.getTime()) return err(TenureErrors.invalidToken("expired"));
  return ok(token);
}
