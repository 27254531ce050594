import { describe, expect, it } from "vitest";
import { setupAccountsWorld } from "./_world.js";

const HOUR = 60 * 60 * 1000;

describe("blocking users (document workspace: temporarily or permanently blocked)", () => {
  it("the user can be temporarily blocked; the log records the account before and after", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const until = new Date(world.clock.now().getTime() + 24 * HOUR);
    const blocked = await world.accounts.block(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, until, reason: "Parental leave",
    });
    expect(blocked._unsafeUnwrap()).toMatchObject({ account: { status: "blocked", until, reason: "Parental leave" }, version: ann.version + 1 });
    expect(await world.access.can({ organizationId: world.partner.id, userId: ann.id }, "documents.view", { organizationId: world.partner.id })).toBe(false);
    const events = await world.audit(world.partner.id);
    expect(events.filter((event) => event.action === "user.blocked")).toEqual([
      expect.objectContaining({
        actor: { type: "user", id: world.partnerAdmin.id, organizationId: world.partner.id },
        target: { entity: "user", id: ann.id },
        before: { account: { status: "active" } },
        after: { account: { status: "blocked", until: until.toISOString(), reason: "Parental leave" } },
      }),
    ]);
  });

  it("the user can be permanently blocked, and only an unblock lets them back in with everything they had", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
    const annRef = { organizationId: world.partner.id, userId: ann.id };
    const here = { organizationId: world.partner.id };
    const blocked = (await world.accounts.block(world.as(world.partnerAdmin), { ...annRef, expectedVersion: ann.version, until: null }))._unsafeUnwrap();
    expect(blocked.account).toEqual({ status: "blocked", until: null, reason: null });
    world.clock.advance(10 * 365 * 24 * HOUR);
    expect(await world.access.can(annRef, "documents.edit", here)).toBe(false);
    const explained = (await world.access.explain(annRef, "documents.edit", here))._unsafeUnwrap();
    expect(explained).toMatchObject({ allowed: false, reason: { code: "blocked", until: null } });
    const unblocked = (await world.accounts.unblock(world.as(world.partnerAdmin), { ...annRef, expectedVersion: blocked.version }))._unsafeUnwrap();
    expect(unblocked.account).toEqual({ status: "active" });
    expect(await world.access.can(annRef, "documents.edit", here)).toBe(true);
    expect((await world.audit(world.partner.id)).filter((event) => event.action === "user.unblocked")).toEqual([
      expect.objectContaining({ before: { account: { status: "blocked", until: null, reason: null } }, after: { account: { status: "active" } } }),
    ]);
  });

  it("a block ends by itself at its date: permissions return without anyone unblocking, and unblocking then is refused", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const annRef = { organizationId: world.partner.id, userId: ann.id };
    const here = { organizationId: world.partner.id };
    expect(await world.access.can(annRef, "documents.view", here)).toBe(true); // cached before the block
    const blocked = (
      await world.accounts.block(world.as(world.partnerAdmin), { ...annRef, expectedVersion: ann.version, until: new Date(world.clock.now().getTime() + HOUR) })
    )._unsafeUnwrap();
    expect(await world.access.can(annRef, "documents.view", here)).toBe(false);
    world.clock.advance(HOUR);
    expect(await world.access.can(annRef, "documents.view", here)).toBe(true);
    await world.expectRefused(() => world.accounts.unblock(world.as(world.partnerAdmin), { ...annRef, expectedVersion: blocked.version }), {
      code: "invalid_state",
      state: "active",
    });
    // An ended block counts as active: blocking again needs no unblock first.
    const again = await world.accounts.block(world.as(world.partnerAdmin), { ...annRef, expectedVersion: blocked.version, until: null });
    expect(again._unsafeUnwrap().account).toMatchObject({ status: "blocked", until: null });
  });

  it("a block must end in the future; a refused block changes nothing and writes no audit event", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const error = await world.expectRefused(
      () => world.accounts.block(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, until: world.clock.now() }),
      { code: "validation", field: "until" },
    );
    expect(error).toMatchObject({ issues: [expect.objectContaining({ code: "block_end_in_past" })] });
  });

  it("a stale version is a conflict, never a lost update", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const input = { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version };
    (await world.accounts.block(world.as(world.partnerAdmin), { ...input, until: null, reason: "first" }))._unsafeUnwrap();
    await world.expectRefused(() => world.accounts.block(world.as(world.partnerAdmin), { ...input, until: null, reason: "second" }), {
      code: "conflict",
      entity: "user",
      expectedVersion: ann.version,
      actualVersion: ann.version + 1,
    });
  });

  it("a customer manager blocks a user of a customer company but not of his own", async () => {
    const world = await setupAccountsWorld();
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const carl = await world.seedUser(world.customer.id, "carl", [{ role: "member" }]);
    const paul = await world.seedUser(world.partner.id, "paul", [{ role: "member" }]);
    const inCustomer = await world.accounts.block(world.as(manager), { organizationId: world.customer.id, userId: carl.id, expectedVersion: carl.version, until: null });
    expect(inCustomer._unsafeUnwrap().account.status).toBe("blocked");
    await world.expectRefused(
      () => world.accounts.block(world.as(manager), { organizationId: world.partner.id, userId: paul.id, expectedVersion: paul.version, until: null }),
      { code: "forbidden", rule: "manage_users" },
    );
  });

  it("members cannot block anyone, nobody blocks themselves, and only a super admin blocks a super admin", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const bob = await world.seedUser(world.partner.id, "bob", [{ role: "company_admin" }]);
    const block = (actor: typeof ann, target: typeof ann) =>
      world.accounts.block(world.as(actor), { organizationId: target.organizationId, userId: target.id, expectedVersion: target.version, until: null });
    await world.expectRefused(() => block(ann, bob), { code: "forbidden", rule: "manage_users" });
    await world.expectRefused(() => block(bob, bob), { code: "forbidden", rule: "own_account" });
    await world.expectRefused(() => block(bob, world.operator), { code: "forbidden", rule: "super_admin_target" });
    expect((await block(world.operator, bob)).isOk()).toBe(true);
  });
});
