import { describe, expect, it } from "vitest";
import { setupCredentialsWorld } from "./_world.js";

const MINUTE = 60_000;

describe("forgot password (\"Forgot your password?\" on the sign-in page)", () => {
  it("a user who forgot the password gets a reset link; the link works once and for one hour", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    expect((await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann@example.com" }))._unsafeUnwrap()).toBeUndefined();

    const [mail] = world.outbox();
    expect(mail).toMatchObject({ template: "password_reset", to: { address: "ann@example.com", name: "Ann Test" } });
    const link = world.links.at(-1);
    expect(link).toMatchObject({ purpose: "password_reset", organizationId: world.partner.id, userId: ann.id });
    expect(mail?.text).toContain(`https://app.example/password_reset?token=${link?.secret}`);
    expect(mail?.text).not.toContain("ann-password"); // no password travels by mail
    expect(world.store.snapshot().tokens.some((token) => JSON.stringify(token).includes(link?.secret ?? "?"))).toBe(false); // only the hash is stored

    world.clock.advance(59 * MINUTE);
    const reset = await world.credentials.resetPassword({ secret: world.lastSecret(), password: "a brand new phrase" });
    expect(reset._unsafeUnwrap()).toEqual({ organizationId: world.partner.id, userId: ann.id });
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "a brand new phrase" })).isOk()).toBe(true);
    expect((await world.credentials.signIn({ organizationId: world.partner.id, login: "ann", password: "ann-password" }))._unsafeUnwrapErr()).toMatchObject({
      reason: "invalid_credentials",
    });

    // Once only.
    await world.expectRefused(() => world.credentials.resetPassword({ secret: world.lastSecret(), password: "yet another phrase" }), {
      code: "invalid_token",
      reason: "used",
    });

    // For one hour only.
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann" }))._unsafeUnwrap();
    world.clock.advance(60 * MINUTE);
    await world.expectRefused(() => world.credentials.resetPassword({ secret: world.lastSecret(), password: "yet another phrase" }), {
      code: "invalid_token",
      reason: "expired",
    });
  });

  it("a new request invalidates the earlier unused link; the audit log records each reset issued, by the system", async () => {
    const world = await setupCredentialsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann" }))._unsafeUnwrap();
    const first = world.lastSecret();
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ANN@example.com" }))._unsafeUnwrap();
    const second = world.lastSecret();
    await world.expectRefused(() => world.credentials.resetPassword({ secret: first, password: "a brand new phrase" }), { code: "invalid_token" });
    expect((await world.credentials.resetPassword({ secret: second, password: "a brand new phrase" })).isOk()).toBe(true);

    const events = (await world.audit(world.partner.id)).filter((event) => event.target.id === ann.id);
    expect(events.map((event) => event.action)).toEqual(["user.password_reset", "user.password_reset_requested", "user.password_reset_requested"]);
    expect(events[1]).toMatchObject({
      actor: { type: "system", name: "password-reset" },
      details: { requestedBy: "user", invalidatedTokens: 1, expiresAt: new Date(world.clock.now().getTime() + 60 * MINUTE).toISOString() },
    });
    expect(events[0]).toMatchObject({
      actor: { type: "user", id: ann.id },
      before: {},
      after: {},
      details: { tokenId: expect.any(String) },
    });
    expect(JSON.stringify(events)).not.toContain("scrypt$");
  });

  it("forgot password answers the same for an unknown e-mail and queues nothing", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "ann");
    const known = await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ann@example.com" });
    const before = world.store.snapshot();
    const links = world.links.length;
    for (const login of ["nobody@example.com", "nobody", "ann@elsewhere.example"]) {
      const unknown = await world.credentials.forgotPassword({ organizationId: world.partner.id, login });
      expect(unknown).toEqual(known);
    }
    // Another organization's user is unknown here; an unknown organization answers the same.
    expect(await world.credentials.forgotPassword({ organizationId: world.customer.id, login: "ann" })).toEqual(known);
    expect(await world.credentials.forgotPassword({ organizationId: "org_none" as never, login: "ann" })).toEqual(known);
    expect(world.store.snapshot()).toEqual(before); // no token, no mail, no audit event
    expect(world.links).toHaveLength(links);
  });

  it("does the same store work for an unknown login as for a known one (comparable time)", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "ann");
    const callsFor = async (login: string) => {
      world.storeCalls.length = 0;
      (await world.credentials.forgotPassword({ organizationId: world.partner.id, login }))._unsafeUnwrap();
      return [...world.storeCalls].sort();
    };
    const known = await callsFor("ann@example.com");
    expect(known).toEqual(expect.arrayContaining(["tokens.invalidateForUser", "tokens.insert", "outbox.enqueue", "audit.append"]));
    expect(await callsFor("nobody@example.com")).toEqual(known);
    expect(await callsFor("ann")).toEqual(await callsFor("nobody"));
  });

  it("blocked, de-activated and removed accounts, and an address several users share, get nothing, and the answer is the same", async () => {
    const world = await setupCredentialsWorld();
    await world.seedUser(world.partner.id, "bella", [], { account: { status: "blocked", until: null, reason: null } });
    await world.seedUser(world.partner.id, "dora", [], { account: { status: "deactivated", reason: "admin" } });
    await world.seedUser(world.partner.id, "rita", [], { account: { status: "removed", at: world.clock.now() } });
    await world.seedUser(world.partner.id, "sam", [], { email: "team@example.com" });
    await world.seedUser(world.partner.id, "sue", [], { email: "team@example.com" });
    const before = world.store.snapshot();
    for (const login of ["bella", "dora@example.com", "rita", "team@example.com"]) {
      expect((await world.credentials.forgotPassword({ organizationId: world.partner.id, login }))._unsafeUnwrap()).toBeUndefined();
    }
    expect(world.store.snapshot()).toEqual(before);
    // By username, each of the users sharing the address gets a link.
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "sam" }))._unsafeUnwrap();
    expect(world.outbox().map((mail) => mail.to.address)).toEqual(["team@example.com"]);
  });

  it("invited users whose invitation is pending and users whose block has ended may use it (to set a password)", async () => {
    const world = await setupCredentialsWorld();
    const invited = await world.tenure.onboarding.invite(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      user: { username: "ivy", fullName: "Ivy Test", email: "ivy@example.com" },
    });
    const ivy = invited._unsafeUnwrap().user;
    await world.seedUser(world.partner.id, "ben", [], { account: { status: "blocked", until: new Date(world.clock.now().getTime() + MINUTE), reason: null } });
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ivy" }))._unsafeUnwrap();
    expect(world.links.at(-1)).toMatchObject({ purpose: "password_reset", userId: ivy.id });
    world.clock.advance(MINUTE);
    (await world.credentials.forgotPassword({ organizationId: world.partner.id, login: "ben" }))._unsafeUnwrap();
    expect(world.outbox().map((mail) => [mail.template, mail.to.address])).toEqual([
      ["invitation", "ivy@example.com"],
      ["password_reset", "ivy@example.com"],
      ["password_reset", "ben@example.com"],
    ]);
  });

  it("bad input is a validation error naming the field", async () => {
    const world = await setupCredentialsWorld();
    await world.expectRefused(() => world.credentials.forgotPassword({ organizationId: world.partner.id, login: "   " }), { code: "validation", field: "login" });
    await world.expectRefused(() => world.credentials.forgotPassword({ organizationId: "bad id!", login: "ann" } as never), {
      code: "validation",
      field: "organizationId",
    });
  });
});
