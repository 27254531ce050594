import { describe, expect, it } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

describe("a user changes their own password", () => {
  it("with the current password; afterwards only the new one signs in", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const here = { organizationId: world.partner.id };
    expect((await world.credentials.changePassword({ ...here, login: "ann@example.com", currentPassword: "ann-password", newPassword: "my own phrase 7" }))._unsafeUnwrap()).toEqual({
      organizationId: world.partner.id,
      userId: ann.id,
    });
    expect((await world.credentials.signIn({ ...here, login: "ann", password: "my own phrase 7" })).isOk()).toBe(true);
    expect((await world.credentials.signIn({ ...here, login: "ann", password: "ann-password" })).isErr()).toBe(true);
    const [signedIn, changed] = await world.audit(world.partner.id); // the refused sign-in left no event
    expect(signedIn).toMatchObject({ action: "user.signed_in" });
    expect(changed).toMatchObject({ action: "user.password_changed", actor: { type: "user", id: ann.id }, target: { entity: "user", id: ann.id } });
    expect(JSON.stringify(changed)).not.toMatch(/my own phrase|scrypt/);
  });

  it("answers an unknown login like a wrong password (changing nothing), counts wrong passwords, and obeys the lockout", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const change = (login: string, currentPassword: string) =>
      world.credentials.changePassword({ organizationId: world.partner.id, login, currentPassword, newPassword: "my own phrase 7" });
    const unknown = await world.expectRefused(() => change("nobody", "ann-password"), { code: "authentication", reason: "invalid_credentials" });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // A wrong current password is a failed sign-in: it records the failure (the only change).
      expect((await change("ann", `wrong guess ${attempt}`))._unsafeUnwrapErr()).toEqual(unknown);
    }
    expect(world.credentialOf(ann)?.lockedUntil).not.toBeNull();
    await world.expectRefused(() => change("ann", "ann-password"), { code: "authentication", reason: "locked" });
    // A blocked user is told so by the right password, and changes nothing.
    await world.seedUser(world.partner.id, "bella", [], { account: { status: "blocked", until: null, reason: null } });
    await world.expectRefused(() => change("bella", "bella-password"), { code: "authentication", reason: "blocked" });
  });
});
