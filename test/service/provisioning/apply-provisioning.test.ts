/**
 * Provisioning through the service, as the zoned workspace's "Update" from LDAP works (Partial and
 * Full Update, `AdminsCanUpdateFromLDAP`, fields tied to LDAP or open to manual entry) and as every
 * other source of users does: one admission path, runs on record, nothing fought over.
 */
import { describe, expect, it } from "vitest";
import { defineProvisioningSource, type ProvisioningSource, type ProvisioningRequest } from "tenure";
import { setupWorld, type World } from "../_harness.js";

const corpLdap: ProvisioningSource = defineProvisioningSource({
  name: "corp-ldap",
  kind: "directory",
  ownedFields: ["username", "fullName", "email", "company"],
  // One of the four active users gone is 25%: above the default limit of 20%, which the safety tests use.
  maxDeactivationShare: 0.3,
})._unsafeUnwrap();
const sheet: ProvisioningSource = defineProvisioningSource({ name: "sheet", kind: "spreadsheet", ownedFields: [] })._unsafeUnwrap();

/** One record as a host hands it to the service. */
type SourceRecord = ProvisioningRequest["records"][number];

const person = (externalId: string, username: string, extra: NonNullable<SourceRecord["fields"]> = {}): SourceRecord => ({
  externalId,
  position: `entry ${externalId}`,
  fields: { username, fullName: `${username[0]?.toUpperCase()}${username.slice(1)} Example`, email: `${username}@corp.example`, company: "Corp", ...extra },
});

const staff = [person("e-1", "ann"), person("e-2", "bob"), person("e-3", "cat"), person("e-4", "dan"), person("e-5", "eve")];

async function world(settings = {}): Promise<World> {
  return setupWorld({ settings, sources: [corpLdap, sheet] });
}

function apply(w: World, records: SourceRecord[], extra: Record<string, unknown> = {}, actor = w.partnerAdmin) {
  return w.tenure.provisioning.apply(w.as(actor), { organizationId: w.partner.id, source: "corp-ldap", records, ...extra });
}

async function linkedUser(w: World, username: string) {
  return w.store.transaction(async (tx) => {
    const user = await tx.users.findByUsername(w.partner.id, username);
    const { ok } = await import("neverthrow");
    return ok(user);
  }).then((result) => result._unsafeUnwrap());
}

describe("a Full Update from the directory", () => {
  it("creates the directory's users, active and linked to the source, each admitted like an invitation (default roles)", async () => {
    const w = await world();
    const { run, plan } = (await apply(w, staff))._unsafeUnwrap();
    expect(plan.counts.create).toBe(5);
    expect(run).toMatchObject({ source: "corp-ldap", sourceKind: "directory", mode: "all", status: "completed", counts: expect.objectContaining({ create: 5, failed: 0 }) });
    const ann = await linkedUser(w, "ann");
    expect(ann).toMatchObject({ account: { status: "active" }, source: { type: "directory", source: "corp-ldap", externalId: "e-1" }, company: "Corp" });
    const roles = (await w.tenure.roles.assignments(w.as(w.partnerAdmin), { organizationId: w.partner.id, principal: { type: "user", id: ann!.id } }))._unsafeUnwrap();
    expect(roles.map((listed) => listed.role)).toEqual(["member"]);
    const events = await w.audit(w.partner.id);
    expect(events.filter((event) => event.action === "user.provisioned")).toHaveLength(5);
    expect(events.filter((event) => event.action === "provisioning.run_finished")).toHaveLength(1);
  });

  it("applying the same records again changes nothing: the second plan holds only unchanged", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const eventsBefore = (await w.audit(w.partner.id)).length;
    const again = (await apply(w, staff))._unsafeUnwrap();
    expect(again.plan.changes.every((change) => change.action === "unchanged")).toBe(true);
    expect(again.run.counts).toMatchObject({ create: 0, update: 0, unchanged: 5 });
    const events = await w.audit(w.partner.id);
    expect(events.length - eventsBefore).toBe(1);
    expect(events[0]).toMatchObject({ action: "provisioning.run_finished" });
  });

  it("updates only the fields the source owns; a field left to manual entry keeps what an admin typed", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    (await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { phone: "+49 1" } }))._unsafeUnwrap();
    const renamed = staff.map((record) => (record.externalId === "e-1" ? person("e-1", "ann", { fullName: "Ann Married", phone: "+1 555" }) : record));
    const { plan } = (await apply(w, renamed))._unsafeUnwrap();
    expect(plan.changes.find((change) => change.externalId === "e-1")).toMatchObject({ action: "update", changes: [{ field: "fullName", before: "Ann Example", after: "Ann Married" }] });
    expect(await linkedUser(w, "ann")).toMatchObject({ fullName: "Ann Married", phone: "+49 1" });
  });

  it("a user gone from the directory is de-activated by the source, and re-activated when back; one an admin de-activated stays so", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const bob = (await linkedUser(w, "bob"))!;
    (await w.tenure.accounts.deactivate(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: bob.id, expectedVersion: bob.version }))._unsafeUnwrap();
    const withoutAnn = staff.filter((record) => record.externalId !== "e-1");
    (await apply(w, withoutAnn))._unsafeUnwrap();
    expect(await linkedUser(w, "ann")).toMatchObject({ account: { status: "deactivated", reason: "source" } });
    const back = (await apply(w, staff))._unsafeUnwrap();
    expect(back.plan.changes.find((change) => change.externalId === "e-1")).toMatchObject({ action: "reactivate" });
    expect(await linkedUser(w, "ann")).toMatchObject({ account: { status: "active" } });
    expect(await linkedUser(w, "bob")).toMatchObject({ account: { status: "deactivated", reason: "admin" } });
    expect(back.plan.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: "deactivated_by_admin", externalId: "e-2" })]));
  });

  it("a re-created directory entry (new id, same username) re-links the leftover account instead of duplicating it", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    const recreated = staff.map((record) => (record.externalId === "e-1" ? person("e-1b", "ann") : record));
    const { plan } = (await apply(w, recreated))._unsafeUnwrap();
    expect(plan.changes.find((change) => change.externalId === "e-1b")).toMatchObject({ action: "relink", userId: ann.id });
    expect(await linkedUser(w, "ann")).toMatchObject({ id: ann.id, source: { externalId: "e-1b" } });
  });
});

describe("safety", () => {
  it("a read that would de-activate most of the directory's users is refused unless forced, and writes nothing", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const runsBefore = (await w.tenure.provisioning.runs(w.as(w.partnerAdmin), { organizationId: w.partner.id }))._unsafeUnwrap().items.length;
    const outage = [staff[0]!];
    expect((await apply(w, outage))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "mass_deactivation" });
    expect((await w.tenure.provisioning.runs(w.as(w.partnerAdmin), { organizationId: w.partner.id }))._unsafeUnwrap().items).toHaveLength(runsBefore);
    expect(await linkedUser(w, "bob")).toMatchObject({ account: { status: "active" } });
    const forced = (await apply(w, outage, { force: true }))._unsafeUnwrap();
    expect(forced.run.counts.deactivate).toBe(4);
  });

  it("an empty or failed read never de-activates anyone", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    expect((await apply(w, [], { force: true }))._unsafeUnwrap().run.counts.deactivate).toBe(0);
    expect((await apply(w, [staff[0]!], { read: "failed", force: true }))._unsafeUnwrap().run.counts.deactivate).toBe(0);
    expect(await linkedUser(w, "eve")).toMatchObject({ account: { status: "active" } });
  });
});

describe("Partial Update", () => {
  it("only adds the users new to the directory; those already defined are not updated", async () => {
    const w = await world();
    (await apply(w, staff.slice(0, 2)))._unsafeUnwrap();
    const changed = [person("e-1", "ann", { fullName: "Ann Changed" }), staff[1]!, staff[2]!];
    const { run } = (await apply(w, changed, { mode: "new_only" }))._unsafeUnwrap();
    expect(run.counts).toMatchObject({ create: 1, update: 0 });
    expect(await linkedUser(w, "ann")).toMatchObject({ fullName: "Ann Example" });
    expect(await linkedUser(w, "cat")).not.toBeNull();
  });
});

describe("who may run an update (AdminsCanUpdateFromLDAP)", () => {
  it("any admin by default; only super admins when the setting is NO", async () => {
    const w = await world({ directoryUpdaters: "super_admins" });
    expect((await apply(w, staff))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "directory_update" });
    expect((await apply(w, staff, {}, w.operator)).isOk()).toBe(true);
  });

  it("a member who does not manage users may not run one; an unknown source is a validation error naming it", async () => {
    const w = await world();
    const ann = await w.seedUser(w.partner.id, "plain");
    expect((await apply(w, staff, {}, ann))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden" });
    const unknown = await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "nope", records: [] });
    expect(unknown._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "source", code: "unknown_source" })] });
  });
});

describe("records that fail", () => {
  it("a bad record fails alone with its error, in batches or not; the run records it and the others are applied", async () => {
    const w = await world();
    const records = [...staff, person("e-9", "zed", { email: "not-an-address" })];
    const progress: { done: number; total: number }[] = [];
    const { run } = (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "corp-ldap", records, batchSize: 2 }, { onProgress: (p) => progress.push(p) }))._unsafeUnwrap();
    expect(run.counts).toMatchObject({ create: 5, failed: 1 });
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 });
    expect(progress).toHaveLength(3);
    const failed = (await w.tenure.provisioning.outcomes(w.as(w.partnerAdmin), { organizationId: w.partner.id, runId: run.id, statuses: ["failed"] }))._unsafeUnwrap();
    expect(failed.items).toEqual([expect.objectContaining({ externalId: "e-9", position: "entry e-9", status: "failed", error: expect.objectContaining({ code: "validation" }) })]);
    expect(await linkedUser(w, "zed")).toBeNull();
  });

  it("records the plan refuses (the same id twice) are on record as refused", async () => {
    const w = await world();
    const { run } = (await apply(w, [...staff, { ...staff[0]!, position: "again" }]))._unsafeUnwrap();
    expect(run.counts.errors).toBeGreaterThan(0);
    const refused = (await w.tenure.provisioning.outcomes(w.as(w.partnerAdmin), { organizationId: w.partner.id, runId: run.id, statuses: ["refused"] }))._unsafeUnwrap();
    expect(refused.items.length).toBeGreaterThan(0);
    expect(refused.items[0]).toMatchObject({ action: "error", status: "refused", error: expect.objectContaining({ code: "duplicate_record" }) });
  });
});

describe("manual edits never fight the next sync", () => {
  it("a field the source owns is read-only to users.update, with an error naming the field and the source", async () => {
    const w = await world();
    (await apply(w, staff))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    const refused = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { company: "Other", location: "Rome" } });
    const error = refused._unsafeUnwrapErr();
    expect(error).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "changes.company", code: "source_owned" })] });
    expect(error.code === "validation" && error.issues[0]?.message).toContain("corp-ldap");
    expect((await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { location: "Rome" } })).isOk()).toBe(true);
  });

  it("a spreadsheet that owns nothing leaves every field to manual entry", async () => {
    const w = await world();
    (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "sheet", records: [person("ann", "ann")] }))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    expect(ann).toMatchObject({ account: { status: "invited" }, source: { type: "spreadsheet", source: "sheet" } });
    expect((await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { fullName: "Ann Edited" } })).isOk()).toBe(true);
  });
});

describe("runs on record", () => {
  it("runs are listed newest first and read by id; another organization's run is not found", async () => {
    const w = await world();
    const first = (await apply(w, staff))._unsafeUnwrap().run;
    const second = (await apply(w, staff))._unsafeUnwrap().run;
    const runs = (await w.tenure.provisioning.runs(w.as(w.partnerAdmin), { organizationId: w.partner.id }))._unsafeUnwrap();
    expect(runs.items.map((run) => run.id)).toEqual([second.id, first.id]);
    expect((await w.tenure.provisioning.run(w.as(w.partnerAdmin), { organizationId: w.partner.id, runId: first.id }))._unsafeUnwrap()).toMatchObject({ id: first.id, actor: { type: "user", id: w.partnerAdmin.id } });
    expect((await w.tenure.provisioning.run(w.as(w.customerAdmin), { organizationId: w.customer.id, runId: first.id }))._unsafeUnwrapErr()).toMatchObject({ code: "not_found" });
  });

  it("a preview plans without writing anything", async () => {
    const w = await world();
    const before = w.store.snapshot();
    const plan = (await w.tenure.provisioning.plan(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "corp-ldap", records: staff }))._unsafeUnwrap();
    expect(plan.counts.create).toBe(5);
    expect(w.store.snapshot()).toEqual(before);
  });
});

describe("what a source owns, no other command writes", () => {
  const idp: ProvisioningSource = defineProvisioningSource({
    name: "idp",
    kind: "scim",
    ownedFields: ["username", "fullName", "email", "roles", "groups"],
  })._unsafeUnwrap();

  async function idpWorld(): Promise<World> {
    return setupWorld({ sources: [corpLdap, idp] });
  }

  it("the source grants and revokes the roles it owns; roles.grant and roles.revoke by hand are refused as source_owned", async () => {
    const w = await idpWorld();
    const editor = { ...person("i-1", "ivy"), roles: [{ role: "editor" }] };
    const applied = await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "idp", records: [editor] });
    expect(applied._unsafeUnwrap().run.counts).toMatchObject({ create: 1, failed: 0 });
    const ivy = (await linkedUser(w, "ivy"))!;
    const held = async () =>
      (await w.tenure.roles.assignments(w.as(w.partnerAdmin), { organizationId: w.partner.id, principal: { type: "user", id: ivy.id } }))._unsafeUnwrap();
    expect((await held()).map((listed) => listed.role)).toEqual(["editor"]);

    const grant = await w.tenure.roles.grant(w.as(w.partnerAdmin), { organizationId: w.partner.id, principal: { type: "user", id: ivy.id }, role: "member" });
    expect(grant._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "source_owned" });
    const revoke = await w.tenure.roles.revoke(w.as(w.partnerAdmin), { organizationId: w.partner.id, assignmentId: (await held())[0]!.id });
    expect(revoke._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "source_owned" });
    expect((await held()).map((listed) => listed.role)).toEqual(["editor"]);

    const demoted = { ...person("i-1", "ivy"), roles: [{ role: "member" }] };
    (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "idp", records: [demoted] }))._unsafeUnwrap();
    expect((await held()).map((listed) => listed.role)).toEqual(["member"]);
  });

  it("group memberships the source owns are refused by hand, whichever group command; a local user joins as before", async () => {
    const w = await idpWorld();
    (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "idp", records: [person("i-1", "ivy")] }))._unsafeUnwrap();
    const ivy = (await linkedUser(w, "ivy"))!;
    const local = await w.seedUser(w.partner.id, "lou");
    const group = (await w.tenure.groups.create(w.as(w.partnerAdmin), { organizationId: w.partner.id, name: "Sales", colour: "#1e90ff" }))._unsafeUnwrap();
    const add = (userIds: string[], version: number) =>
      w.tenure.groups.addMembers(w.as(w.partnerAdmin), { organizationId: w.partner.id, groupId: group.id, expectedVersion: version, userIds });
    expect((await add([ivy.id, local.id], group.version))._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "source_owned" });
    const joined = (await add([local.id], group.version))._unsafeUnwrap();
    expect(joined.memberIds).toEqual([local.id]);
  });

  it("a source that does not own roles leaves them to admins; its owned fields stay its own against every path", async () => {
    const w = await idpWorld();
    (await apply(w, staff))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    const grant = await w.tenure.roles.grant(w.as(w.partnerAdmin), { organizationId: w.partner.id, principal: { type: "user", id: ann.id }, role: "editor" });
    expect(grant.isOk()).toBe(true);
    const rename = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { email: "ann@elsewhere.example" } });
    expect(rename._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "changes.email", code: "source_owned" })] });
    const same = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { email: ann.email, phone: "+49 2" } });
    expect(same.isOk()).toBe(true);
  });

  it("one source never writes another source's users: a record whose username is another source's user is refused, not re-linked", async () => {
    const w = await idpWorld();
    (await apply(w, staff))._unsafeUnwrap();
    const ann = (await linkedUser(w, "ann"))!;
    const { run } = (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "idp", records: [person("i-9", "ann")] }))._unsafeUnwrap();
    expect(run.counts).toMatchObject({ create: 0, relink: 0, failed: 1 });
    expect(await linkedUser(w, "ann")).toMatchObject({ id: ann.id, source: { source: "corp-ldap", externalId: "e-1" } });
  });
});
