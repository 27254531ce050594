import { describe, expect, it } from "vitest";
import type { GroupId } from "tenure";
import { setupWorld } from "../roles/_world.js";

describe("group management (document workspace)", () => {
  it("an admin creates a group, renames and recolours it; the audit log records each change", async () => {
    const world = await setupWorld();
    const actor = world.as(world.partnerAdmin);
    const created = (await world.groups.create(actor, { organizationId: world.partner.id, name: "  Sales  ", colour: "#1e90ff" }))._unsafeUnwrap();
    expect(created).toMatchObject({ name: "Sales", colour: "#1e90ff", memberIds: [], version: 0, organizationId: world.partner.id });
    const renamed = (await world.groups.rename(actor, { organizationId: world.partner.id, groupId: created.id, expectedVersion: 0, name: "Sales EMEA" }))._unsafeUnwrap();
    const recoloured = (await world.groups.recolour(actor, { organizationId: world.partner.id, groupId: created.id, expectedVersion: renamed.version, colour: "#ff8c00" }))._unsafeUnwrap();
    expect(recoloured).toMatchObject({ name: "Sales EMEA", colour: "#ff8c00", version: 2 });

    const [colour, name, creation] = await world.audit(world.partner.id);
    expect(creation).toMatchObject({ action: "group.created", target: { entity: "group", id: created.id }, before: null, after: { name: "Sales", colour: "#1e90ff", memberIds: [] } });
    expect(name).toMatchObject({ action: "group.renamed", before: { name: "Sales" }, after: { name: "Sales EMEA" } });
    expect(colour).toMatchObject({ action: "group.recoloured", before: { colour: "#1e90ff" }, after: { colour: "#ff8c00" } });
  });

  it("names need not be unique", async () => {
    const world = await setupWorld();
    const actor = world.as(world.partnerAdmin);
    for (let copy = 0; copy < 2; copy += 1) {
      expect((await world.groups.create(actor, { organizationId: world.partner.id, name: "Sales", colour: "#1e90ff" })).isOk()).toBe(true);
    }
  });

  it("rename or recolour with a stale version is a conflict, never a lost update", async () => {
    const world = await setupWorld();
    const actor = world.as(world.partnerAdmin);
    const sales = (await world.groups.create(actor, { organizationId: world.partner.id, name: "Sales", colour: "#1e90ff" }))._unsafeUnwrap();
    (await world.groups.rename(actor, { organizationId: world.partner.id, groupId: sales.id, expectedVersion: 0, name: "Sales EMEA" }))._unsafeUnwrap();
    expect(await world.refused(world.groups.rename(actor, { organizationId: world.partner.id, groupId: sales.id, expectedVersion: 0, name: "Sales APAC" }))).toMatchObject({
      code: "conflict", entity: "group", expectedVersion: 0, actualVersion: 1,
    });
    expect(await world.refused(world.groups.recolour(actor, { organizationId: world.partner.id, groupId: sales.id, expectedVersion: 0, colour: "#000000" }))).toMatchObject({ code: "conflict" });
    expect(await world.refused(world.groups.delete(actor, { organizationId: world.partner.id, groupId: sales.id, expectedVersion: 0 }))).toMatchObject({ code: "conflict" });
    expect(await world.refused(world.groups.addMembers(actor, { organizationId: world.partner.id, groupId: sales.id, expectedVersion: 0, userIds: [world.partnerAdmin.id] }))).toMatchObject({ code: "conflict" });
  });

  it("bad input is a typed error: malformed colour, blank name, another organization's group or user", async () => {
    const world = await setupWorld();
    const actor = world.as(world.partnerAdmin);
    expect(await world.refused(world.groups.create(actor, { organizationId: world.partner.id, name: "Sales", colour: "blue" }))).toMatchObject({ code: "validation", field: "colour" });
    expect(await world.refused(world.groups.create(actor, { organizationId: world.partner.id, name: "   ", colour: "#1e90ff" }))).toMatchObject({ code: "validation", field: "name" });
    const theirs = (await world.groups.create(world.as(world.customerAdmin), { organizationId: world.customer.id, name: "Theirs", colour: "#000000" }))._unsafeUnwrap();
    expect(await world.refused(world.groups.rename(actor, { organizationId: world.partner.id, groupId: theirs.id, expectedVersion: 0, name: "Mine" }))).toMatchObject({ code: "not_found", entity: "group" });
    expect(await world.refused(world.groups.rename(actor, { organizationId: world.customer.id, groupId: theirs.id, expectedVersion: 0, name: "Mine" }))).toMatchObject({ code: "forbidden", rule: "no_standing" });
    const ours = (await world.groups.create(actor, { organizationId: world.partner.id, name: "Ours", colour: "#000000" }))._unsafeUnwrap();
    expect(await world.refused(world.groups.addMembers(actor, { organizationId: world.partner.id, groupId: ours.id, expectedVersion: 0, userIds: [world.customerAdmin.id] }))).toMatchObject({
      code: "not_found", entity: "user", id: world.customerAdmin.id,
    });
    expect(await world.refused(world.groups.addMembers(actor, { organizationId: world.partner.id, groupId: ours.id, expectedVersion: 0, userIds: [] }))).toMatchObject({ code: "validation", field: "userIds" });
    expect(await world.refused(world.groups.delete(actor, { organizationId: world.partner.id, groupId: "grp_none" as GroupId, expectedVersion: 0 }))).toMatchObject({ code: "not_found" });
  });

  it("managing groups needs the user-management permission; a customer manager manages a customer's groups", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
    expect(await world.refused(world.groups.create(world.as(ann), { organizationId: world.partner.id, name: "Mine", colour: "#000000" }))).toMatchObject({ code: "forbidden", rule: "manage_users" });
    const manager = await world.seedUser(world.partner.id, "manager", [{ role: "customer_manager" }]);
    expect((await world.groups.create(world.as(manager), { organizationId: world.customer.id, name: "Theirs", colour: "#000000" })).isOk()).toBe(true);
    expect(await world.refused(world.groups.create(world.as(manager), { organizationId: world.partner.id, name: "Ours", colour: "#000000" }))).toMatchObject({ code: "forbidden" });
  });
});
