import { describe, expect, it } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

const MINUTE = 60_000;

describe("signing in", () => {
  it("by username or by e-mail; a success is audited with the user as actor", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const expected = { status: "signed_in", organizationId: world.partner.id, userId: ann.id };
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "ann-password" }))._unsafeUnwrap()).toEqual(expected);
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: " Ann@Example.com ", password: "ann-password" }))._unsafeUnwrap()).toEqual(
      expected,
    );
    const events = (await world.audit(world.partner.id)).filter((event) => event.action === "user.signed_in");
    expect(events).toEqual([
      expect.objectContaining({ actor: { type: "user", id: ann.id, organizationId: world.partner.id }, target: { entity: "user", id: ann.id } }),
      expect.objectContaining({ target: { entity: "user", id: ann.id } }),
    ]);
  });

  it("sign-in answers the same for an unknown login and a wrong password, verifying a (dummy) hash either way", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const noPassword = await world.seedUser(world.partner.id, "nopass");
    (await world.store.transaction((tx) => tx.credentials.update({ ...world.credentialOf(noPassword)!, passwordHash: null })))._unsafeUnwrap();
    await world.seedUser(world.partner.id, "sam", [], { email: "team@example.com" });
    await world.seedUser(world.partner.id, "sue", [], { email: "team@example.com" });

    const attempt = async (organizationId: typeof world.partner.id, login: string, password: string) => {
      const verifications = world.hasher.verifications;
      const result = await world.credentials.signIn({ organizationId, login, password });
      expect(world.hasher.verifications - verifications).toBe(1); // one scrypt verification, whatever exists
      return result._unsafeUnwrapErr();
    };
    const wrongPassword = await attempt(world.partner.id, "ann", "not the password");
    expect(wrongPassword).toEqual({ code: "authentication", reason: "invalid_credentials", message: "The username or password is not correct." });
    expect(await attempt(world.partner.id, "nobody", "not the password")).toEqual(wrongPassword);
    expect(await attempt(world.partner.id, "nobody@example.com", "not the password")).toEqual(wrongPassword);
    expect(await attempt(world.partner.id, "team@example.com", "sam-password")).toEqual(wrongPassword); // shared address: nobody
    expect(await attempt(world.partner.id, "nopass", "nopass-password")).toEqual(wrongPassword); // no password set: dummy hash
    expect(await attempt(world.customer.id, "ann", "ann-password")).toEqual(wrongPassword); // another organization's user
    expect(world.credentialOf(ann)).toMatchObject({ failedAttempts: 1 }); // only the known account counts its failure
  }, 10_000);

  it("after 5 wrong passwords the account is locked for 15 minutes (manual clock), even the right password is refused as locked; then it works again", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const signIn = (password: string) => world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await signIn(`wrong guess ${attempt}`))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
      // A failed sign-in of a known account records the failure, and nothing else.
      expect(world.credentialOf(ann)).toMatchObject({ failedAttempts: attempt, lockedUntil: null });
    }
    const lockedAt = world.clock.now();
    expect((await signIn("wrong guess 5"))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" }); // the 5th locks, and says nothing
    const until = new Date(lockedAt.getTime() + 15 * MINUTE);
    expect(world.credentialOf(ann)).toMatchObject({ failedAttempts: 0, lockedUntil: until });
    const lockouts = (await world.audit(world.partner.id)).filter((event) => event.action === "user.locked_out");
    expect(lockouts).toEqual([
      expect.objectContaining({
        actor: { type: "system", name: "sign-in" },
        target: { entity: "user", id: ann.id },
        before: { failedAttempts: 4, lockedUntil: null },
        after: { failedAttempts: 0, lockedUntil: until.toISOString() },
        details: { maxFailedAttempts: 5, lockoutMinutes: 15 },
      }),
    ]);

    world.clock.advance(14 * MINUTE);
    const before = world.store.snapshot();
    expect((await signIn("ann-password"))._unsafeUnwrapErr()).toEqual(expect.objectContaining({ reason: "locked", until }));
    expect((await signIn("wrong guess 6"))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" }); // not counted while locked
    expect(world.store.snapshot()).toEqual(before);

    world.clock.advance(MINUTE);
    expect((await signIn("ann-password")).isOk()).toBe(true);
  });

  it("a blocked / de-activated / expired third-party user with the right password is told why; a wrong password tells nothing", async () => {
    const world = await setupCredentialsWorld();
    const blockEnds = new Date(world.clock.now().getTime() + 60 * MINUTE);
    await world.seedUser(world.partner.id, "bella", [], { account: { status: "blocked", until: blockEnds, reason: "holiday" } });
    await world.seedUser(world.partner.id, "dora", [], { account: { status: "deactivated", reason: "admin" } });
    await world.seedUser(world.partner.id, "tom", [], { thirdParty: true, accessExpiresAt: new Date(world.clock.now().getTime() - MINUTE) });
    await world.seedUser(world.partner.id, "ivy", [], { account: { status: "invited" } });
    const signIn = (login: string, password: string) => world.credentials.signIn({ organizationId: world.partner.id, login, password });
    const unknown = (await signIn("nobody", "whatever it is"))._unsafeUnwrapErr();

    expect((await signIn("bella", "bella-password"))._unsafeUnwrapErr()).toEqual(expect.objectContaining({ reason: "blocked", until: blockEnds }));
    expect((await signIn("dora", "dora-password"))._unsafeUnwrapErr()).toMatchObject({ reason: "not_active", message: "This account is deactivated." });
    expect((await signIn("tom", "tom-password"))._unsafeUnwrapErr()).toMatchObject({ reason: "access_expired" });
    expect((await signIn("ivy", "ivy-password"))._unsafeUnwrapErr()).toMatchObject({ reason: "not_active" });
    for (const login of ["bella", "dora", "tom", "ivy"]) expect((await signIn(login, "whatever it is"))._unsafeUnwrapErr()).toEqual(unknown);

    world.clock.advance(60 * MINUTE); // the block ends by itself
    expect((await signIn("bella", "bella-password")).isOk()).toBe(true);
  });

  it("an address several users share matches nobody; unknown logins and organizations leave no trace", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "sam", [], { email: "team@example.com" });
    await world.seedUser(world.partner.id, "sue", [], { email: "team@example.com" });
    const before = world.store.snapshot();
    for (const [organizationId, login, password] of [
      [world.partner.id, "team@example.com", "sam-password"],
      [world.partner.id, "nobody", "nobody-password"],
      [world.customer.id, "sam", "sam-password"],
      ["org_none", "sam", "sam-password"],
    ] as const) {
      expect((await world.credentials.signIn({ organizationId, login, password }))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    }
    expect(world.store.snapshot()).toEqual(before); // no failure count, no audit event
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "sam", password: "sam-password" })).isOk()).toBe(true);
  });

  it("concurrent wrong guesses are all counted: five at once lock the account", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const verifications = world.hasher.verifications;
    const guesses = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: `wrong guess ${n}` })),
    );
    expect(guesses.map((guess) => guess._unsafeUnwrapErr().code === "authentication" && guess._unsafeUnwrapErr())).toEqual(
      guesses.map(() => expect.objectContaining({ reason: "invalid_credentials" })),
    );
    expect(world.credentialOf(ann)?.lockedUntil).toEqual(new Date(world.clock.now().getTime() + 15 * MINUTE));
    expect(world.hasher.verifications - verifications).toBe(5); // an attempt decided again after losing a race does not hash again
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "ann-password" }))._unsafeUnwrapErr()).toMatchObject({
      reason: "locked",
    });
  });

  it("bad input is a validation error naming the field, and changes nothing", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "ann");
    const here = { organizationId: world.partner.id };
    await world.expectRefused(() => world.credentials.signIn({ ...here, login: "", password: "ann-password" }), { code: "validation", field: "login" });
    await world.expectRefused(() => world.credentials.signIn({ ...here, login: "ann", password: "" }), { code: "validation", field: "password" });
    await world.expectRefused(() => world.credentials.signIn({ ...here, login: "ann", password: "x".repeat(1025) }), { code: "validation", field: "password" });
    await world.expectRefused(() => world.credentials.changePassword({ ...here, login: "ann", currentPassword: "ann-password" } as never), {
      code: "validation",
      field: "newPassword",
    });
  });
});
