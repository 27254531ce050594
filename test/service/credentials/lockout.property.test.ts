import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

const MAX_FAILED = 3;
const LOCKOUT_MINUTES = 10;
const MINUTE = 60_000;

type Step = { readonly kind: "right" } | { readonly kind: "wrong" } | { readonly kind: "wait"; readonly minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ kind: "right" }), weight: 2 },
  { arbitrary: fc.constant<Step>({ kind: "wrong" }), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 2 * LOCKOUT_MINUTES }).map((minutes): Step => ({ kind: "wait", minutes })), weight: 2 },
);

/**
 * The rule of `decideSignIn`, written out: while not locked, each wrong password counts a failure and
 * the `MAX_FAILED`-th in a row locks for `LOCKOUT_MINUTES` (the count starts again); the right password
 * clears the count. While locked, nothing counts and even the right password is refused.
 */
interface Model {
  failures: number;
  lockedUntil: number | null;
}

describe("lockout, property", () => {
  fcTest.prop([fc.array(step, { minLength: 1, maxLength: 24 })], { numRuns: 30 })(
    "for any sequence of right/wrong passwords and clock advances, the account is locked exactly when the model says so, and signIn never succeeds while locked",
    async (steps) => {
      const world = await setupCredentialsWorld({ settings: { signIn: { maxFailedAttempts: MAX_FAILED, lockoutMinutes: LOCKOUT_MINUTES } } });
      const ann = await world.seedUser(world.partner.id, "ann");
      const model: Model = { failures: 0, lockedUntil: null };
      let lockouts = 0;
      for (const current of steps) {
        const now = world.clock.now().getTime();
        const locked = model.lockedUntil !== null && model.lockedUntil > now;
        if (current.kind === "wait") {
          world.clock.advance(current.minutes * MINUTE);
          continue;
        }
        const result = await world.credentials.signIn({
          organizationId: world.partner.id,
          login: "ann",
          password: current.kind === "right" ? "ann-password" : "a wrong guess",
        });
        if (locked) expect(result.isOk()).toBe(false); // never while locked
        if (current.kind === "right") {
          if (locked) {
            expect(result._unsafeUnwrapErr()).toEqual(expect.objectContaining({ reason: "locked", until: new Date(model.lockedUntil ?? 0) }));
          } else {
            expect(result.isOk()).toBe(true);
            model.failures = 0;
            model.lockedUntil = null;
          }
        } else {
          expect(result._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
          if (!locked) {
            model.failures += 1;
            if (model.failures >= MAX_FAILED) {
              model.failures = 0;
              model.lockedUntil = now + LOCKOUT_MINUTES * MINUTE;
              lockouts += 1;
            }
          }
        }
        const stored = world.credentialOf(ann);
        expect({ failedAttempts: stored?.failedAttempts, lockedUntil: stored?.lockedUntil?.getTime() ?? null }).toEqual({
          failedAttempts: model.failures,
          lockedUntil: model.lockedUntil,
        });
      }
      const audited = (await world.audit(world.partner.id)).filter((event) => event.action === "user.locked_out");
      expect(audited).toHaveLength(lockouts);
    },
  );
});
