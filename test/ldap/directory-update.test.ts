/**
 * `directory.update` against a real OpenLDAP: the zoned workspace's "Update" and the failures users
 * report of Keycloak's LDAP federation, walked on a live directory (each test in its own ou).
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { ok } from "neverthrow";
import { defineDirectoryMapping, defineProvisioningSource, mappedAttributes, type OrganizationId } from "tenure";
import { createLdapDirectorySource } from "tenure/ldap";
import { setupWorld, type World } from "../service/_harness.js";
import { createSandbox, describeWithLdap, entryUuidOf, startCuttingProxy, syncOptions, type Sandbox } from "./_server.js";

const corpLdap = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", "phone"], maxDeactivationShare: 0.5 })._unsafeUnwrap();
const mapping = defineDirectoryMapping({ fields: { username: "uid", fullName: "cn", email: "mail", phone: "telephoneNumber" } })._unsafeUnwrap();

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/** A world whose partner organization reads the sandbox (or its `staff` group) through `url`. */
async function world(options: { url?: string; group?: string; settings?: object } = {}): Promise<World> {
  let backed: OrganizationId | null = null;
  const reader = createLdapDirectorySource(
    syncOptions({ name: "corp-ldap", baseDn: sandbox.dn, attributes: mappedAttributes(mapping), ...(options.url === undefined ? {} : { url: options.url }), ...(options.group === undefined ? {} : { group: { dn: options.group, nested: true } }) }),
  );
  const w = await setupWorld({ settings: options.settings ?? {}, sources: [corpLdap], directories: (id) => (id === backed ? { source: "corp-ldap", reader, mapping } : null) });
  backed = w.partner.id;
  return w;
}

const update = (w: World, mode: "partial" | "full" = "full", actor = w.partnerAdmin) => w.tenure.directory.update(w.as(actor), { organizationId: w.partner.id, mode });
const user = async (w: World, username: string) => (await w.store.transaction(async (tx) => ok(await tx.users.findByUsername(w.partner.id, username))))._unsafeUnwrap();
const person = (uid: string, mail = `${uid}@tenure.test`) => sandbox.addPerson(uid, { mail, cn: `${uid} Example` });

describeWithLdap("directory.update against OpenLDAP", () => {
  it("a user added, then a mail changed: created linked to the entryUUID, then updated in place", async () => {
    const ann = await person("ann");
    await person("bob");
    const w = await world();
    expect((await update(w))._unsafeUnwrap().run?.counts).toMatchObject({ create: 2 });
    expect(await user(w, "ann")).toMatchObject({ email: "ann@tenure.test", source: { type: "directory", source: "corp-ldap", externalId: await entryUuidOf(ann) } });
    await sandbox.modify(ann, "mail", ["ann.lee@tenure.test"]);
    expect((await update(w))._unsafeUnwrap().run?.counts).toMatchObject({ update: 1, unchanged: 1 });
    expect(await user(w, "ann")).toMatchObject({ email: "ann.lee@tenure.test" });
  });

  it("a user removed from the configured group is de-activated; added back, re-activated (the same account)", async () => {
    const members = [await person("ann"), await person("bob"), await person("cat")];
    const staff = await sandbox.addGroup("staff", members);
    const w = await world({ group: staff });
    (await update(w))._unsafeUnwrap();
    const bob = (await user(w, "bob"))!;
    await sandbox.modify(staff, "member", [members[0]!, members[2]!]);
    expect((await update(w))._unsafeUnwrap().run?.counts).toMatchObject({ deactivate: 1 });
    expect(await user(w, "bob")).toMatchObject({ id: bob.id, account: { status: "deactivated", reason: "source" } });
    await sandbox.modify(staff, "member", members);
    expect((await update(w))._unsafeUnwrap().run?.counts).toMatchObject({ reactivate: 1 });
    expect(await user(w, "bob")).toMatchObject({ id: bob.id, account: { status: "active" } });
  });

  it("a rename (modrdn, same entryUUID) keeps the one account and its username; the new name is reported", async () => {
    const dan = await person("dan");
    await person("eve");
    const w = await world();
    (await update(w))._unsafeUnwrap();
    await sandbox.rename(dan, "uid=daniel");
    const renamed = (await update(w))._unsafeUnwrap();
    expect(renamed.plan.problems).toEqual([expect.objectContaining({ code: "renamed_in_source" })]);
    expect(await user(w, "daniel")).toBeNull();
    expect(await user(w, "dan")).toMatchObject({ source: { externalId: await entryUuidOf(`uid=daniel,${sandbox.dn}`) } });
  });

  it("deleted and re-created with the same uid: the leftover account is re-linked to the new entry and re-enabled", async () => {
    const cat = await person("cat");
    await person("ann");
    await person("bob");
    const w = await world();
    (await update(w))._unsafeUnwrap();
    const account = (await user(w, "cat"))!;
    await sandbox.remove(cat);
    (await update(w))._unsafeUnwrap();
    expect(await user(w, "cat")).toMatchObject({ account: { status: "deactivated" } });
    const recreated = await person("cat");
    const back = (await update(w))._unsafeUnwrap();
    expect(back.run?.counts).toMatchObject({ relink: 1, create: 0 });
    expect(await user(w, "cat")).toMatchObject({ id: account.id, account: { status: "active" }, source: { externalId: await entryUuidOf(recreated) } });
  });

  it("a server cut off in the middle of the read fails the run and changes nobody", async () => {
    await sandbox.seedUsers(40);
    const read = (url: string) => createLdapDirectorySource(syncOptions({ name: "corp-ldap", url, baseDn: sandbox.dn, attributes: ["uid", "cn", "mail"], pageSize: 5 }));
    const seeded = defineDirectoryMapping({ fields: { username: "uid", fullName: "cn", email: "mail" } })._unsafeUnwrap();
    let reader = read(syncOptions().url);
    let backed: OrganizationId | null = null;
    const w = await setupWorld({ sources: [corpLdap], directories: (id) => (id === backed ? { source: "corp-ldap", reader, mapping: seeded } : null) });
    backed = w.partner.id;
    expect((await update(w))._unsafeUnwrap().run?.counts).toMatchObject({ create: 40 });
    const proxy = await startCuttingProxy(syncOptions().url, 3_000);
    try {
      reader = read(proxy.url);
      const users = w.store.snapshot().users;
      expect((await update(w))._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", source: "corp-ldap", reason: "partial_read" });
      expect(w.store.snapshot().users).toEqual(users);
      const runs = (await w.tenure.provisioning.runs(w.as(w.partnerAdmin), { organizationId: w.partner.id }))._unsafeUnwrap();
      expect(runs.items.map((run) => run.status)).toEqual(["failed", "completed"]);
    } finally {
      await proxy.close();
    }
  });

  it("AdminsCanUpdateFromLDAP = NO: a plain admin is refused, the system admin may", async () => {
    await person("ann");
    const w = await world({ settings: { directoryUpdaters: "super_admins" } });
    expect((await update(w))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "directory_update" });
    expect((await update(w, "full", w.operator))._unsafeUnwrap().run?.counts).toMatchObject({ create: 1 });
  });
});
