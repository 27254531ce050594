import { describe, expect, it } from "vitest";
import { TenureErrors, type InvitationId, type TokenId, type User } from "tenure";
import { setupAccountsWorld, type AccountsWorld } from "./_world.js";
import { TEST_STORE } from "../_test-store.js";

const DAY = 24 * 60 * 60 * 1000;

/** Gives a user what a removal must take away: a group, an unused token, a pending invitation, and the contact person role. */
async function furnish(world: AccountsWorld, user: User) {
  const group = await world.seedGroup(user.organizationId, "editors", [user.id, world.partnerAdmin.id]);
  const now = world.clock.now();
  await world.store.transaction(async (tx) => {
    await tx.tokens.insert({
      id: "tok_ann_reset" as TokenId, organizationId: user.organizationId, userId: user.id, purpose: "password_reset",
      hash: "a".repeat(64), expiresAt: new Date(now.getTime() + DAY), usedAt: null, createdAt: now,
    });
    return tx.invitations.insert({
      id: "inv_ann" as InvitationId, organizationId: user.organizationId, userId: user.id, email: user.email, roles: [], message: null,
      invitedBy: null, tokenId: null, sentAt: now, expiresAt: new Date(now.getTime() + DAY), state: { status: "pending" },
      version: 0, createdAt: now, updatedAt: now,
    });
  });
  const organization = world.store.snapshot().organizations.find((org) => org.id === user.organizationId)!;
  (await world.accounts.makeContactPerson(world.as(world.partnerAdmin), { organizationId: user.organizationId, userId: user.id, expectedVersion: organization.version }))._unsafeUnwrap();
  world.clock.advance(1000);
  return { group };
}

describe("removing users (document workspace: delete or transfer the data, keep the profile or not)", () => {
  it("removing with delete calls the host port's deleteAll inside the unit of work and takes everything away from the user", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
    const { group } = await furnish(world, ann);
    const removed = await world.accounts.remove(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "delete" }, keepProfile: false,
    });
    expect(removed._unsafeUnwrap()).toEqual({ userId: ann.id, profile: null, transferredTo: null, counts: { documents: 12, collections: 3 } });
    expect(world.port.calls).toEqual([
      { kind: "deleteAll", native: expect.objectContaining({ kind: TEST_STORE === "memory" ? "memory" : "postgres" }), organizationId: world.partner.id, userId: ann.id, committedStatus: "active" },
    ]);

    const after = world.store.snapshot();
    expect(after.users.find((user) => user.id === ann.id)).toBeUndefined();
    expect(after.assignments.filter((assignment) => assignment.principal.id === ann.id)).toEqual([]);
    expect(after.groups.find((stored) => stored.id === group.id)).toMatchObject({ memberIds: [world.partnerAdmin.id], version: group.version + 1 });
    expect(after.tokens.find((token) => token.userId === ann.id)?.usedAt).toEqual(world.clock.now());
    expect(after.invitations.find((invitation) => invitation.userId === ann.id)?.state).toEqual({ status: "revoked", at: world.clock.now(), by: world.partnerAdmin.id });
    expect(after.credentials.find((credential) => credential.userId === ann.id)).toBeUndefined();
    expect(after.organizations.find((org) => org.id === world.partner.id)?.contactPersonId).toBeNull();

    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "user.removed",
      actor: { type: "user", id: world.partnerAdmin.id },
      target: { entity: "user", id: ann.id },
      before: { username: "ann", fullName: "Ann Test", email: "ann@example.com", account: { status: "active" } },
      after: null,
      details: {
        mode: "delete",
        transferredTo: null,
        keepProfile: false,
        counts: { documents: 12, collections: 3 },
        revokedAssignments: [{ role: "editor", scope: { kind: "organization", id: world.partner.id } }],
        leftGroups: [group.id],
        invalidatedTokens: 1,
        revokedInvitations: 1,
        contactPersonCleared: true,
      },
    });
    expect(await world.access.can({ organizationId: world.partner.id, userId: ann.id }, "documents.view", { organizationId: world.partner.id })).toBe(false);
  });

  it("if the port fails nothing is removed and no audit event is written", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
    await furnish(world, ann);
    world.port.failNextWith(TenureErrors.forbidden("documents_locked", "Ann's documents are under legal hold."));
    await world.expectRefused(
      () => world.accounts.remove(world.as(world.partnerAdmin), {
        organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "delete" }, keepProfile: false,
      }),
      { code: "forbidden", rule: "documents_locked" },
    );
    expect(world.port.calls).toHaveLength(1);
  });

  it("transfer hands the data to another user and the log records both", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob");
    const removed = await world.accounts.remove(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "transfer", toUserId: bob.id }, keepProfile: false,
    });
    expect(removed._unsafeUnwrap()).toMatchObject({ transferredTo: bob.id, counts: { documents: 12, collections: 3 } });
    expect(world.port.calls).toEqual([expect.objectContaining({ kind: "transfer", userId: ann.id, toUserId: bob.id, organizationId: world.partner.id })]);
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "user.removed",
      before: { username: "ann" },
      details: { mode: "transfer", transferredTo: { id: bob.id, username: "bob" }, counts: { documents: 12, collections: 3 } },
    });
  });

  it("keep profile keeps a removed record; otherwise the record is gone", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob");
    const remove = (user: User, keepProfile: boolean) =>
      world.accounts.remove(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version, data: { mode: "delete" }, keepProfile });
    const kept = (await remove(ann, true))._unsafeUnwrap();
    expect(kept.profile).toMatchObject({ id: ann.id, username: "ann", fullName: "Ann Test", account: { status: "removed", at: world.clock.now() } });
    expect(world.current(ann)).toEqual(kept.profile);
    expect((await world.audit(world.partner.id))[0]).toMatchObject({ after: { account: { status: "removed", at: world.clock.now().toISOString() } } });
    (await remove(bob, false))._unsafeUnwrap();
    expect(world.current(bob)).toBeNull();
    // A removed account is terminal.
    await world.expectRefused(() => remove(kept.profile!, true), { code: "invalid_state", state: "removed" });
    await world.expectRefused(() => remove(bob, true), { code: "not_found", entity: "user", id: bob.id });
  });

  it("the data goes only to an active user of the same organization other than the removed one", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const bea = await world.seedUser(world.partner.id, "bea", [], { account: { status: "blocked", until: null, reason: null } });
    const carl = await world.seedUser(world.customer.id, "carl");
    const transferTo = (toUserId: string) =>
      world.accounts.remove(world.as(world.partnerAdmin), {
        organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "transfer", toUserId }, keepProfile: true,
      } as never);
    await world.expectRefused(() => transferTo(ann.id), { code: "validation", field: "data.toUserId", issues: [expect.objectContaining({ code: "transfer_to_self" })] });
    await world.expectRefused(() => transferTo(bea.id), { code: "validation", field: "data.toUserId", issues: [expect.objectContaining({ code: "transfer_target_inactive" })] });
    await world.expectRefused(() => transferTo(carl.id), { code: "not_found", entity: "user", id: carl.id });
    await world.expectRefused(() => transferTo("usr_nobody"), { code: "not_found", entity: "user", id: "usr_nobody" });
    expect(world.port.calls).toEqual([]);
  });

  it("directory users cannot be removed by hand: they are removed by removing them from the directory group", async () => {
    const world = await setupAccountsWorld();
    const dan = await world.seedUser(world.partner.id, "dan", [], { source: { type: "directory", source: "directory", externalId: "entry-42" } });
    const error = await world.expectRefused(
      () => world.accounts.remove(world.as(world.operator), {
        organizationId: world.partner.id, userId: dan.id, expectedVersion: dan.version, data: { mode: "delete" }, keepProfile: false,
      }),
      { code: "forbidden", rule: "directory_user", id: dan.id },
    );
    expect(error.message).toMatch(/directory group/);
    expect(world.port.calls).toEqual([]);
  });

  it("an admin cannot remove himself; members remove nobody; a customer manager removes in customer companies only", async () => {
    const world = await setupAccountsWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    const carl = await world.seedUser(world.customer.id, "carl");
    const remove = (actor: User, target: User) =>
      world.accounts.remove(world.as(actor), {
        organizationId: target.organizationId, userId: target.id, expectedVersion: target.version, data: { mode: "delete" }, keepProfile: false,
      });
    await world.expectRefused(() => remove(world.partnerAdmin, world.partnerAdmin), { code: "forbidden", rule: "own_account" });
    await world.expectRefused(() => remove(ann, world.partnerAdmin), { code: "forbidden", rule: "manage_users" });
    await world.expectRefused(() => remove(manager, ann), { code: "forbidden", rule: "manage_users" });
    expect((await remove(manager, carl)).isOk()).toBe(true);
  });

  it("without an OwnedResources port the removal handles no data and records empty counts", async () => {
    const world = await setupAccountsWorld({ withoutPort: true });
    const ann = await world.seedUser(world.partner.id, "ann");
    const removed = await world.accounts.remove(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "delete" }, keepProfile: true,
    });
    expect(removed._unsafeUnwrap().counts).toEqual({});
    expect((await world.audit(world.partner.id))[0]).toMatchObject({ action: "user.removed", details: { counts: {} } });
  });
});
