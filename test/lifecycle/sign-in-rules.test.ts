import { describe, expect, it } from "vitest";
import { decideSignIn, DEFAULT_SETTINGS, type Credential, type OrganizationId, type UserId } from "tenure";

const now = new Date("2026-05-04T10:00:00Z");
const active = { account: { status: "active" as const }, thirdParty: false, accessExpiresAt: null, twoFactorRequired: false };
const credential: Credential = {
  userId: "usr_1" as UserId,
  organizationId: "org_1" as OrganizationId,
  passwordHash: "scrypt$…",
  mustChangePassword: false,
  failedAttempts: 0,
  lockedUntil: null,
  version: 3,
  updatedAt: now,
};
const decide = (overrides: Partial<Parameters<typeof decideSignIn>[0]>) =>
  decideSignIn({ user: active, credential, passwordMatches: true, now, settings: DEFAULT_SETTINGS, ...overrides });

describe("sign-in", () => {
  it("succeeds for an active account with the right password", () => {
    expect(decide({}).outcome._unsafeUnwrap()).toBe("signed_in");
  });

  it("an account that requires 2FA: the right password leads to its second factor, and clears the count like any right password", () => {
    const twoFactor = { ...active, twoFactorRequired: true };
    const decision = decide({ user: twoFactor, credential: { ...credential, failedAttempts: 3 } });
    expect(decision.outcome._unsafeUnwrap()).toBe("second_factor_required");
    expect(decision.credential).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    // Never told before the password is right: a wrong one is the same answer as for anyone, and counts.
    const wrong = decide({ user: twoFactor, passwordMatches: false });
    expect(wrong.outcome._unsafeUnwrapErr()).toEqual(decide({ user: null, passwordMatches: false }).outcome._unsafeUnwrapErr());
    expect(wrong.credential).toMatchObject({ failedAttempts: 1 });
    // The account's standing and a pending password change come first.
    expect(decide({ user: { ...twoFactor, account: { status: "deactivated", reason: "admin" } } }).outcome._unsafeUnwrapErr().reason).toBe("not_active");
    expect(decide({ user: twoFactor, credential: { ...credential, mustChangePassword: true } }).outcome._unsafeUnwrapErr().reason).toBe("password_change_required");
  });

  it("answers an unknown login, a wrong password and a missing password alike", () => {
    const answers = [
      decide({ user: null, passwordMatches: false }),
      decide({ passwordMatches: false }),
      decide({ credential: { ...credential, passwordHash: null } }),
      decide({ credential: null }),
    ].map((decision) => decision.outcome._unsafeUnwrapErr());
    expect(new Set(answers.map((answer) => `${answer.reason}|${answer.message}`)).size).toBe(1);
    expect(answers[0]?.reason).toBe("invalid_credentials");
  });

  it("locks the account for a while after the configured number of failures", () => {
    let current = credential;
    for (let attempt = 1; attempt <= DEFAULT_SETTINGS.signIn.maxFailedAttempts; attempt += 1) {
      const decision = decide({ credential: current, passwordMatches: false });
      expect(decision.outcome._unsafeUnwrapErr().reason).toBe("invalid_credentials");
      current = decision.credential ?? current;
    }
    expect(current.lockedUntil).toEqual(new Date(now.getTime() + 15 * 60_000));
    // Only the right password learns of the lock.
    expect(decide({ credential: current, passwordMatches: false }).outcome._unsafeUnwrapErr().reason).toBe("invalid_credentials");
    expect(decide({ credential: current }).outcome._unsafeUnwrapErr()).toMatchObject({ reason: "locked", until: current.lockedUntil });
    // After the lock, the right password works again and the count starts over.
    const after = decideSignIn({ user: active, credential: current, passwordMatches: true, now: current.lockedUntil as Date, settings: DEFAULT_SETTINGS });
    expect(after.outcome.isOk()).toBe(true);
    expect(after.credential).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it("tells whoever has the right password why the account cannot sign in", () => {
    const until = new Date("2026-05-10T00:00:00Z");
    expect(decide({ user: { ...active, account: { status: "blocked", until, reason: null } } }).outcome._unsafeUnwrapErr()).toMatchObject({ reason: "blocked", until });
    expect(decide({ user: { ...active, thirdParty: true, accessExpiresAt: now } }).outcome._unsafeUnwrapErr().reason).toBe("access_expired");
    expect(decide({ user: { ...active, account: { status: "deactivated", reason: "admin" } } }).outcome._unsafeUnwrapErr().reason).toBe("not_active");
    expect(decide({ user: { ...active, account: { status: "pending_verification" } } }).outcome._unsafeUnwrapErr().reason).toBe("not_active");
    expect(decide({ credential: { ...credential, mustChangePassword: true } }).outcome._unsafeUnwrapErr().reason).toBe("password_change_required");
  });

  it("records every accepted attempt (the serialization point of concurrent attempts); a refusal only when there is something to record", () => {
    // Accepted with nothing to clear: still stored, so a concurrent failure conflicts with it.
    expect(decide({}).credential).toEqual({ ...credential, updatedAt: now });
    expect(decide({ credential: { ...credential, failedAttempts: 2 } }).credential).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const blocked = { ...active, account: { status: "blocked" as const, until: null, reason: null } };
    expect(decide({ user: blocked }).credential).toBeNull();
    expect(decide({ user: blocked, credential: { ...credential, failedAttempts: 2 } }).credential).toMatchObject({ failedAttempts: 0 });
    // A locked account records nothing, whatever the password.
    const locked = { ...credential, lockedUntil: new Date(now.getTime() + 60_000) };
    expect(decide({ credential: locked }).credential).toBeNull();
    expect(decide({ credential: locked, passwordMatches: false }).credential).toBeNull();
  });
});
