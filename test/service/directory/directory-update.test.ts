/**
 * "Update" from the directory, as the zoned workspace describes it and as Keycloak's LDAP federation
 * gets wrong: lingering deleted users, re-created users not re-enabled, an outage wiping users,
 * renames creating second accounts, group memberships not synced. The directory here is a scripted
 * reader; test/ldap runs the same rules against a real OpenLDAP.
 */
import { err, ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  defineDirectoryMapping,
  defineProvisioningSource,
  TenureErrors,
  type DirectoryEntry,
  type DirectorySource,
  type OrganizationId,
  type SourceFailure,
} from "tenure";
import { setupWorld, type World } from "../_harness.js";

const corpLdap = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", "phone", "groups"] })._unsafeUnwrap();
const mapping = defineDirectoryMapping({
  fields: { username: "uid", fullName: "cn", email: "mail", phone: "telephoneNumber", location: "l" },
  groups: { "cn=engineering,ou=groups,dc=corp": "Engineering" },
})._unsafeUnwrap();

/** A directory whose entries a test edits, and which can be made to fail or count its reads. */
function scriptedDirectory(initial: DirectoryEntry[]) {
  const state = { entries: initial, failure: null as SourceFailure | null, reads: 0 };
  const reader: DirectorySource = {
    read: async () => {
      state.reads += 1;
      if (state.failure !== null) return err(TenureErrors.sourceUnavailable("corp-ldap", state.failure, `the directory failed: ${state.failure}`));
      return ok({ entries: state.entries, scope: "ou=people,dc=corp (objectClass=inetOrgPerson)" });
    },
  };
  return { state, reader };
}

const person = (id: string, uid: string, extra: Partial<Record<string, string[]>> = {}, groups: string[] = []): DirectoryEntry => ({
  externalId: id,
  dn: `uid=${uid},ou=people,dc=corp`,
  attributes: { uid: [uid], cn: [`${uid[0]!.toUpperCase()}${uid.slice(1)} Example`], mail: [`${uid}@corp.example`], ...extra } as Record<string, string[]>,
  groups,
});

const staff = () => [person("u-1", "ann"), person("u-2", "bob"), person("u-3", "cat"), person("u-4", "dan"), person("u-5", "eve")];

async function directoryWorld(entries = staff(), settings = {}) {
  const directory = scriptedDirectory(entries);
  let backed: OrganizationId | null = null;
  const w = await setupWorld({ settings, sources: [corpLdap], directories: (id) => (id === backed ? { source: "corp-ldap", reader: directory.reader, mapping } : null) });
  backed = w.partner.id;
  return { w, directory };
}

const update = (w: World, mode: "partial" | "full", extra: Record<string, unknown> = {}, actor = w.partnerAdmin) =>
  w.tenure.directory.update(w.as(actor), { organizationId: w.partner.id, mode, ...extra });

async function byUsername(w: World, username: string) {
  return (await w.store.transaction(async (tx) => ok(await tx.users.findByUsername(w.partner.id, username))))._unsafeUnwrap();
}

describe("Update from the directory", () => {
  it("a Full Update creates the directory's users, active and linked to their entries; a second one changes nothing", async () => {
    const { w } = await directoryWorld();
    const first = (await update(w, "full"))._unsafeUnwrap();
    expect(first.run).toMatchObject({ status: "completed", sourceKind: "directory", scope: "ou=people,dc=corp (objectClass=inetOrgPerson)", counts: expect.objectContaining({ create: 5 }) });
    expect(await byUsername(w, "ann")).toMatchObject({ account: { status: "active" }, source: { type: "directory", source: "corp-ldap", externalId: "u-1" }, location: null });
    const again = (await update(w, "full"))._unsafeUnwrap();
    expect(again.run?.counts).toMatchObject({ create: 0, update: 0, unchanged: 5 });
  });

  it("Partial Update adds only new users; a changed mail waits for a Full Update", async () => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    directory.state.entries = [...staff().map((entry) => (entry.externalId === "u-1" ? person("u-1", "ann", { mail: ["ann.lee@corp.example"] }) : entry)), person("u-6", "fay")];
    const partial = (await update(w, "partial"))._unsafeUnwrap();
    expect(partial.run?.counts).toMatchObject({ create: 1, update: 0 });
    expect(await byUsername(w, "ann")).toMatchObject({ email: "ann@corp.example" });
    (await update(w, "full"))._unsafeUnwrap();
    expect(await byUsername(w, "ann")).toMatchObject({ email: "ann.lee@corp.example" });
  });

  it("removed from the directory: de-activated by the source; back: re-activated, the same account", async () => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    const bob = (await byUsername(w, "bob"))!;
    directory.state.entries = staff().filter((entry) => entry.externalId !== "u-2");
    (await update(w, "full"))._unsafeUnwrap();
    expect(await byUsername(w, "bob")).toMatchObject({ id: bob.id, account: { status: "deactivated", reason: "source" } });
    directory.state.entries = staff();
    expect((await update(w, "full"))._unsafeUnwrap().run?.counts).toMatchObject({ reactivate: 1 });
    expect(await byUsername(w, "bob")).toMatchObject({ id: bob.id, account: { status: "active" } });
  });

  it("deleted and re-created in the directory (a new entryUUID, the same uid): the leftover account is re-linked and re-enabled, not blocked or duplicated", async () => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    const cat = (await byUsername(w, "cat"))!;
    directory.state.entries = staff().filter((entry) => entry.externalId !== "u-3");
    (await update(w, "full"))._unsafeUnwrap();
    directory.state.entries = [...staff().filter((entry) => entry.externalId !== "u-3"), person("u-3-new", "cat")];
    const back = (await update(w, "full"))._unsafeUnwrap();
    expect(back.plan.changes.find((change) => change.externalId === "u-3-new")).toMatchObject({ action: "relink", userId: cat.id });
    expect(await byUsername(w, "cat")).toMatchObject({ id: cat.id, account: { status: "active" }, source: { externalId: "u-3-new" } });
  });

  it("a rename in the directory (same entryUUID, new uid) never creates a second account: the username stays, the new name is reported", async () => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    directory.state.entries = staff().map((entry) => (entry.externalId === "u-4" ? person("u-4", "daniel") : entry));
    const renamed = (await update(w, "full"))._unsafeUnwrap();
    expect(renamed.plan.problems).toEqual([expect.objectContaining({ code: "renamed_in_source", externalId: "u-4" })]);
    expect(await byUsername(w, "daniel")).toBeNull();
    expect(await byUsername(w, "dan")).toMatchObject({ source: { externalId: "u-4" } });
  });

  it("group memberships follow the directory when mapped", async () => {
    const engineering = "cn=Engineering, ou=groups, dc=corp";
    const { w, directory } = await directoryWorld([person("u-1", "ann", {}, [engineering]), person("u-2", "bob")]);
    const group = (await w.tenure.groups.create(w.as(w.partnerAdmin), { organizationId: w.partner.id, name: "Engineering", colour: "#1e90ff" }))._unsafeUnwrap();
    (await update(w, "full"))._unsafeUnwrap();
    const members = async () => (await w.tenure.groups.get(w.as(w.partnerAdmin), { organizationId: w.partner.id, groupId: group.id }))._unsafeUnwrap().memberIds;
    const ann = (await byUsername(w, "ann"))!;
    const bob = (await byUsername(w, "bob"))!;
    expect(await members()).toEqual([ann.id]);
    directory.state.entries = [person("u-1", "ann"), person("u-2", "bob", {}, [engineering])];
    (await update(w, "full"))._unsafeUnwrap();
    expect(await members()).toEqual([bob.id]);
  });

  it("an attribute removed in the directory clears the field it fills; a required one never empties the user", async () => {
    const { w, directory } = await directoryWorld([person("u-1", "ann", { telephoneNumber: ["+49 30 1"] })]);
    (await update(w, "full"))._unsafeUnwrap();
    expect(await byUsername(w, "ann")).toMatchObject({ phone: "+49 30 1" });
    directory.state.entries = [{ ...person("u-1", "ann"), attributes: { uid: ["ann"], cn: ["Ann Example"] } }];
    (await update(w, "full"))._unsafeUnwrap();
    expect(await byUsername(w, "ann")).toMatchObject({ phone: null, email: "ann@corp.example", account: { status: "active" } });
  });
});

describe("an update that cannot read the whole directory changes nothing", () => {
  it.each(["bind_failed", "timeout", "size_limit", "partial_read", "unreachable"] as const)("a %s fails the run, writes no user and is on record as a failed run", async (failure) => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    const users = w.store.snapshot().users;
    directory.state.failure = failure;
    expect((await update(w, "full"))._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: failure, source: "corp-ldap" });
    expect(w.store.snapshot().users).toEqual(users);
    const runs = (await w.tenure.provisioning.runs(w.as(w.partnerAdmin), { organizationId: w.partner.id }))._unsafeUnwrap();
    expect(runs.items[0]).toMatchObject({ status: "failed", counts: expect.objectContaining({ deactivate: 0 }) });
    const events = await w.audit(w.partner.id);
    expect(events[0]).toMatchObject({ action: "provisioning.run_failed", details: expect.objectContaining({ reason: failure }) });
  });

  it("a read that would de-activate most users (a wrong filter) is refused unless forced", async () => {
    const { w, directory } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    directory.state.entries = staff().slice(0, 1);
    expect((await update(w, "full"))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "mass_deactivation" });
    expect((await byUsername(w, "eve"))?.account.status).toBe("active");
  });

  it("a dry run returns the plan and writes nothing", async () => {
    const { w } = await directoryWorld();
    const before = w.store.snapshot();
    const preview = (await update(w, "full", { dryRun: true }))._unsafeUnwrap();
    expect(preview).toMatchObject({ run: null, plan: { counts: expect.objectContaining({ create: 5 }) } });
    expect(w.store.snapshot()).toEqual(before);
  });
});

describe("who may update, and what stays the directory's", () => {
  it("AdminsCanUpdateFromLDAP = NO: a plain admin is refused before the directory is contacted; a super admin may", async () => {
    const { w, directory } = await directoryWorld(staff(), { directoryUpdaters: "super_admins" });
    expect((await update(w, "full"))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "directory_update" });
    expect(directory.state.reads).toBe(0);
    expect((await update(w, "full", {}, w.operator)).isOk()).toBe(true);
  });

  it("an organization without a directory has nothing to update", async () => {
    const { w } = await directoryWorld();
    const other = await w.tenure.directory.update(w.as(w.customerAdmin), { organizationId: w.customer.id, mode: "full" });
    expect(other._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "no_directory" });
  });

  it("in a directory-backed organization, users other than third-party ones come only from the directory", async () => {
    const { w } = await directoryWorld(staff(), { thirdParty: { enabled: true } });
    const invite = (thirdParty: boolean) =>
      w.tenure.onboarding.invite(w.as(w.partnerAdmin), { organizationId: w.partner.id, user: { username: thirdParty ? "guest" : "local", fullName: "Lo Cal", email: "lo@elsewhere.example", thirdParty } });
    expect((await invite(false))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "directory_managed" });
    expect((await invite(true)).isOk()).toBe(true);
  });

  it("a directory user cannot be removed or have a directory field edited by hand", async () => {
    const { w } = await directoryWorld();
    (await update(w, "full"))._unsafeUnwrap();
    const ann = (await byUsername(w, "ann"))!;
    const removed = await w.tenure.accounts.remove(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, data: { mode: "delete" }, keepProfile: false });
    expect(removed._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "directory_user" });
    const edited = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { email: "x@corp.example" } });
    expect(edited._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "changes.email", code: "source_owned" })] });
    const location = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { location: "Berlin" } });
    expect(location.isOk()).toBe(true);
  });

  it("a directory user converted to third party gets the maximum window", async () => {
    const { w } = await directoryWorld(staff(), { thirdParty: { enabled: true, maxAccessDays: 90 } });
    (await update(w, "full"))._unsafeUnwrap();
    const ann = (await byUsername(w, "ann"))!;
    const made = await w.tenure.thirdParty.setAccess(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" } });
    const converted = made._unsafeUnwrap();
    expect(converted).toMatchObject({ thirdParty: true, source: { type: "directory" } });
    const maxDays = 90;
    const lastMoment = new Date(w.clock.now().getTime() + (maxDays + 1) * 86_400_000);
    expect(converted.accessExpiresAt!.getTime()).toBeGreaterThan(w.clock.now().getTime() + (maxDays - 1) * 86_400_000);
    expect(converted.accessExpiresAt!.getTime()).toBeLessThanOrEqual(lastMoment.getTime());
  });
});
