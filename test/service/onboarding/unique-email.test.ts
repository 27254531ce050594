import { describe, expect, it } from "vitest";
import { TEST_STORE } from "../_test-store.js";
import { setupOnboardingWorld } from "./_world.js";

describe("unique e-mail addresses where the settings enforce them (zoned workspace: duplicates are an error)", () => {
  it("two admins adding the same address at once get one user; the other is refused", async () => {
    const world = await setupOnboardingWorld({ settings: { emailUniqueness: "enforce" } });
    const invite = (username: string, email: string) =>
      world.onboarding.invite(world.as(world.partnerAdmin), {
        organizationId: world.partner.id,
        user: { username, fullName: `${username} Lee`, email },
        roles: [{ role: "member" }],
      });
    const outcomes = await Promise.all([invite("ann", "ann.lee@example.org"), invite("annie", "Ann.Lee@Example.org")]);
    expect(outcomes.filter((outcome) => outcome.isOk())).toHaveLength(1);
    const refusal = outcomes.find((outcome) => outcome.isErr())?._unsafeUnwrapErr();
    // Side by side the store refuses the second claim of the address (a `duplicate` on the server's
    // unique index, a `conflict` at the memory store's commit); one after the other (PGlite), the second
    // command sees the first user and its validation refuses the address.
    const expected = { memory: ["conflict", "validation"], server: ["duplicate", "validation"], pglite: ["validation"] }[TEST_STORE];
    expect(expected).toContain(refusal?.code);
    const holders = world.store.snapshot().users.filter((user) => user.email.toLowerCase() === "ann.lee@example.org");
    expect(holders).toHaveLength(1);
  });

  it("changing an address to one another user holds is refused, and so is adding it", async () => {
    const world = await setupOnboardingWorld({ settings: { emailUniqueness: "enforce" } });
    const ann = await world.seedUser(world.partner.id, "ann");
    const added = await world.onboarding.invite(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      user: { username: "bob", fullName: "Bob Lee", email: "bob@example.org" },
      roles: [{ role: "member" }],
    });
    expect(added.isOk()).toBe(true);
    const again = await world.onboarding.invite(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      user: { username: "bobby", fullName: "Bobby Lee", email: "BOB@example.org" },
      roles: [{ role: "member" }],
    });
    expect(again._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    const changed = await world.tenure.users.update(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      userId: ann.id,
      expectedVersion: ann.version,
      changes: { email: "Bob@Example.org" },
    });
    expect(changed._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    expect(world.store.snapshot().users.find((user) => user.id === ann.id)?.email).toBe(ann.email);
  });
});
