import { describe, expect, it } from "vitest";
import { setupWorld } from "./_harness.js";

describe("editing user data (zoned workspace rules)", () => {
  it("an admin edits a user's data; the audit log records the before and after", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const edited = await world.tenure.users.update(world.as(world.partnerAdmin), {
      organizationId: world.partner.id,
      userId: ann.id,
      expectedVersion: ann.version,
      changes: { location: "Berlin", phone: "+49 30 1234" },
    });
    expect(edited._unsafeUnwrap().user).toMatchObject({ location: "Berlin", phone: "+49 30 1234", version: ann.version + 1 });
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({
      action: "user.updated",
      actor: { type: "user", id: world.partnerAdmin.id },
      target: { entity: "user", id: ann.id },
      before: { location: null, phone: null },
      after: { location: "Berlin", phone: "+49 30 1234" },
    });
  });

  it("usernames cannot be edited, and a refused edit changes nothing and writes no audit event", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const before = world.store.snapshot();
    const refused = await world.tenure.users.update(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { username: "anna", fullName: "Ann/Lee" },
    });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    expect(refused._unsafeUnwrapErr().code === "validation" && refused._unsafeUnwrapErr()).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ code: "username_immutable" }), expect.objectContaining({ code: "full_name_forbidden_character" })]),
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("a stale version is a conflict, never a lost update", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const first = { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version };
    (await world.tenure.users.update(world.as(world.partnerAdmin), { ...first, changes: { location: "Oslo" } }))._unsafeUnwrap();
    const second = await world.tenure.users.update(world.as(world.partnerAdmin), { ...first, changes: { location: "Riga" } });
    expect(second._unsafeUnwrapErr()).toMatchObject({ code: "conflict", expectedVersion: ann.version, actualVersion: ann.version + 1 });
  });

  it("only admins (or, when so configured, only super admins) edit other users; anyone edits their own profile", async () => {
    const world = await setupWorld({ settings: { userDataEditors: "super_admins" } });
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob");
    const edit = (actor: typeof ann, target: typeof ann) =>
      world.tenure.users.update(world.as(actor), { organizationId: target.organizationId, userId: target.id, expectedVersion: target.version, changes: { location: "Lisbon" } });
    expect((await edit(world.partnerAdmin, ann))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "edit_user_data" });
    expect((await edit(bob, ann))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
    expect((await edit(ann, ann)).isOk()).toBe(true);
    expect((await edit(world.operator, bob)).isOk()).toBe(true);
  });

  it("warnings (duplicate full name) do not block the edit and are returned", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const edited = await world.tenure.users.update(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { fullName: "Padmin Test" },
    });
    expect(edited._unsafeUnwrap().warnings).toEqual([expect.objectContaining({ severity: "warning", code: "full_name_duplicate" })]);
  });

  it("bad input is a validation error naming the field", async () => {
    const world = await setupWorld();
    const refused = await world.tenure.users.update(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: "bad id!", expectedVersion: -1, changes: {} } as never);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "validation" });
    expect(refused._unsafeUnwrapErr().code === "validation" && refused._unsafeUnwrapErr()).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ field: "userId" }), expect.objectContaining({ field: "expectedVersion" })]),
    });
  });
});
