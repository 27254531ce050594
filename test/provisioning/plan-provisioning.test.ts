import { describe, expect, it } from "vitest";
import { checkManualEdit, defineProvisioningSource, planProvisioning, type PlanOptions } from "tenure";
import { entry, ldap, linked } from "./_fixtures.js";

const full: PlanOptions = { source: ldap, mode: "all", read: "complete" };
const plan = (...args: Parameters<typeof planProvisioning>) => planProvisioning(...args)._unsafeUnwrap();
const actions = (p: ReturnType<typeof plan>) => p.changes.map((change) => [change.action, change.externalId]);
const codes = (p: ReturnType<typeof plan>) => p.problems.map((problem) => [problem.severity, problem.code, problem.externalId]);

describe("the provisioning planner", () => {
  it("a record matched by its stable id updates only the owned fields that differ, with before and after", () => {
    const user = linked("ann", { fields: { ...linked("ann").fields, location: "Paris" } });
    const record = entry("ann", { fields: { ...entry("ann").fields, email: "ann@corp.example", location: "Rome" } });
    const result = plan([record], [user], full);
    expect(result.changes).toEqual([
      expect.objectContaining({ sequence: 0, action: "update", userId: "u-ann", expectedVersion: 3, changes: [{ field: "email", before: "ann@example.com", after: "ann@corp.example" }] }),
    ]);
  });

  it("a renamed record updates the same account rather than creating another", () => {
    const record = entry("ann", { fields: { ...entry("ann").fields, username: "anna" } });
    const result = plan([record], [linked("ann")], full);
    expect(result.changes.map((c) => [c.action, c.userId])).toEqual([["update", "u-ann"]]);
    expect(result.changes[0]!.changes).toEqual([{ field: "username", before: "ann", after: "anna" }]);
  });

  it("with immutable usernames a rename keeps the account and its username, reports the new name, and still updates the rest", () => {
    const record = entry("ann", { fields: { ...entry("ann").fields, username: "anna", email: "anna@corp.example" } });
    const result = plan([record], [linked("ann")], { ...full, usernames: "immutable" });
    expect(result.changes.map((c) => [c.action, c.userId])).toEqual([["update", "u-ann"]]);
    expect(result.changes[0]!.changes).toEqual([{ field: "email", before: "ann@example.com", after: "anna@corp.example" }]);
    expect(result.problems).toEqual([expect.objectContaining({ severity: "warning", code: "renamed_in_source", field: "fields.username", externalId: "ext-ann" })]);
    const renameOnly = plan([entry("ann", { fields: { ...entry("ann").fields, username: "anna" } })], [linked("ann")], { ...full, usernames: "immutable" });
    expect(renameOnly.changes.map((c) => c.action)).toEqual(["unchanged"]);
  });

  it("a record with a new id and the username of a leftover account re-links it (case and spaces ignored)", () => {
    const record = entry("ann", { externalId: "ext-ann-2", fields: { ...entry("ann").fields, username: " ANN " } });
    const result = plan([record, entry("bob")], [linked("ann"), linked("bob")], full);
    expect(result.changes[0]).toMatchObject({ action: "relink", userId: "u-ann", relinkFrom: "ext-ann", externalId: "ext-ann-2" });
    expect(result.counts).toMatchObject({ relink: 1, unchanged: 1, create: 0, deactivate: 0 });
  });

  it("a user de-activated by the source comes back; one de-activated by an admin stays, with a warning", () => {
    const bySource = linked("ann", { status: "deactivated", deactivatedBy: "source" });
    const byAdmin = linked("bob", { status: "deactivated", deactivatedBy: "other" });
    const result = plan([entry("ann"), entry("bob")], [bySource, byAdmin], full);
    expect(actions(result)).toEqual([["reactivate", "ext-ann"], ["unchanged", "ext-bob"]]);
    expect(result.changes[0]!.reactivate).toBe(true);
    expect(codes(result)).toEqual([["warning", "deactivated_by_admin", "ext-bob"]]);
  });

  it("a change of thirdParty converts the user", () => {
    const record = entry("ann", { fields: { ...entry("ann").fields, thirdParty: true }, thirdPartyLastDay: "2027-01-31" });
    expect(plan([record], [linked("ann")], full).changes[0]).toMatchObject({ action: "convert", to: "third_party" });
  });

  it("roles and groups the source owns are granted and revoked; a role without scope is the organization's", () => {
    const user = linked("ann", { roles: [{ role: "viewer", scope: { kind: "organization", id: "org-1" } }, { role: "editor", scope: { kind: "zone", id: "z1" } }], groups: ["ops"] });
    const record = entry("ann", { roles: [{ role: "viewer" }, { role: "editor", scope: { kind: "zone", id: "z2" } }], groups: ["ops", "sales"] });
    const change = plan([record], [user], full).changes[0]!;
    expect(change.action).toBe("update");
    expect(change.roles).toEqual({ grant: [{ role: "editor", scope: { kind: "zone", id: "z2" } }], revoke: [{ role: "editor", scope: { kind: "zone", id: "z1" } }] });
    expect(change.groups).toEqual({ join: ["sales"], leave: [] });
  });

  it("fields, roles and groups the source does not own are never overwritten", () => {
    const source = defineProvisioningSource({ name: "sheet", kind: "spreadsheet", ownedFields: ["email"] })._unsafeUnwrap();
    const record = entry("ann", { fields: { ...entry("ann").fields, fullName: "Other", location: "Rome" }, roles: [{ role: "admin" }], groups: ["x"] });
    expect(plan([record], [linked("ann")], { ...full, source }).changes[0]).toMatchObject({ action: "unchanged", changes: [] });
  });

  it("new records are created with all their fields; incomplete or inactive ones are not", () => {
    const complete = entry("cid", { fields: { ...entry("cid").fields, location: "Rome" } });
    const incomplete = { externalId: "ext-x", position: "row 7", fields: { username: "x" } };
    const inactive = entry("ina", { active: false });
    const result = plan([complete, incomplete, inactive], [], full);
    expect(actions(result)).toEqual([["create", "ext-cid"]]);
    expect(result.changes[0]!.record).toBe(complete);
    expect(result.problems).toEqual([
      { severity: "warning", code: "inactive_new_record", field: "active", message: expect.any(String), externalId: "ext-ina", position: "uid=ina,ou=people" },
      { severity: "error", code: "required_field", field: "fields.fullName", message: expect.any(String), externalId: "ext-x", position: "row 7" },
      { severity: "error", code: "required_field", field: "fields.email", message: expect.any(String), externalId: "ext-x", position: "row 7" },
    ]);
    expect(result.counts.errors).toBe(1);
  });

  it("the same stable id twice, two records with one username or an empty id are errors of those records; the others go on", () => {
    const result = plan(
      [entry("ann"), entry("ann", { position: "again" }), entry("bob"), entry("bob", { externalId: "ext-bob-2" }), entry("cid", { externalId: " " }), entry("dan")],
      [],
      full,
    );
    expect(actions(result)).toEqual([["create", "ext-dan"]]);
    expect(codes(result)).toEqual([
      ["error", "duplicate_record", "ext-ann"],
      ["error", "duplicate_record", "ext-ann"],
      ["error", "required_field", " "],
      ["error", "duplicate_username", "ext-bob"],
      ["error", "duplicate_username", "ext-bob-2"],
    ]);
    expect(result.counts.errors).toBe(5);
  });

  it("users missing from a complete read are de-activated; never on a partial, failed or empty read", () => {
    const users = ["a", "b", "c", "d", "e"].map((name) => linked(name));
    const records = ["a", "b", "c", "d"].map((name) => entry(name));
    expect(actions(plan(records, users, full)).at(-1)).toEqual(["deactivate", "ext-e"]);
    for (const read of ["partial", "failed"] as const) {
      const partial = plan(records, users, { ...full, read });
      expect(partial.counts.deactivate).toBe(0);
      expect(codes(partial)).toEqual([["warning", `${read}_read`, null]]);
    }
    const empty = plan([], users, full);
    expect(empty.changes).toEqual([]);
    expect(codes(empty)).toEqual([["warning", "empty_read", null]]);
  });

  it("a spreadsheet never de-activates the users it does not list", () => {
    const sheet = defineProvisioningSource({ name: "sheet", kind: "spreadsheet" })._unsafeUnwrap();
    expect(plan([entry("a")], [linked("a"), linked("b")], { ...full, source: sheet }).counts.deactivate).toBe(0);
  });

  it("a plan de-activating more than the share allowed is refused unless forced; exactly the limit passes", () => {
    const users = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((name) => linked(name));
    const keep = (n: number) => users.slice(0, n).map((user) => entry(user.fields.username));
    expect(plan(keep(8), users, full).counts.deactivate).toBe(2);
    const refused = planProvisioning(keep(7), users, full);
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "mass_deactivation" });
    expect(refused._unsafeUnwrapErr().message).toMatch(/3 of its 10 active users \(30%\).*20%/);
    expect(plan(keep(7), users, { ...full, force: true }).counts.deactivate).toBe(3);
  });

  it("mode new_only creates the new records and leaves every existing account alone", () => {
    const renamed = entry("ann", { fields: { ...entry("ann").fields, email: "new@example.com" } });
    const recreated = entry("bob", { externalId: "ext-bob-2" });
    const result = plan([renamed, recreated, entry("cid")], [linked("ann"), linked("bob"), linked("dan")], { ...full, mode: "new_only" });
    expect(actions(result)).toEqual([["create", "ext-cid"], ["unchanged", "ext-ann"], ["unchanged", "ext-bob-2"]]);
    expect(codes(result)).toEqual([["warning", "not_relinked", "ext-bob-2"]]);
  });

  it("removed users are neither touched nor matched", () => {
    const removed = linked("ann", { status: "removed" });
    expect(actions(plan([entry("ann", { externalId: "ext-ann-2" })], [removed], full))).toEqual([["create", "ext-ann-2"]]);
    expect(actions(plan([entry("ann")], [removed], full))).toEqual([["create", "ext-ann"]]);
  });

  it("a record marked inactive de-activates its account", () => {
    expect(actions(plan([entry("ann", { active: false }), ...["b", "c", "d", "e"].map((n) => entry(n))], ["ann", "b", "c", "d", "e"].map((n) => linked(n)), full)).at(-1)).toEqual(["deactivate", "ext-ann"]);
  });

  it("the plan is ordered: relink, update, create, unchanged, deactivate", () => {
    const users = ["old", "upd", "same", ...["k1", "k2", "k3", "k4", "k5", "k6"], "gone"].map((name) => linked(name));
    const records = [
      entry("new"),
      entry("same"),
      entry("upd", { fields: { ...entry("upd").fields, email: "u@x" } }),
      entry("old", { externalId: "ext-old-2" }),
      ...["k1", "k2", "k3", "k4", "k5", "k6"].map((n) => entry(n)),
    ];
    const result = plan(records, users, full);
    expect(result.changes.slice(0, 4).map((c) => c.action)).toEqual(["relink", "update", "create", "unchanged"]);
    expect(result.changes.at(-1)).toMatchObject({ action: "deactivate", externalId: "ext-gone", userId: "u-gone" });
    expect(result.changes.at(-1)!.record).toBeUndefined();
    expect(result.changes.map((c) => c.sequence)).toEqual(result.changes.map((_, i) => i));
  });

  it("bad options are a validation error", () => {
    expect(planProvisioning([], [], { ...full, mode: "sometimes" as "all" })._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "options.mode" });
  });
});

describe("field ownership", () => {
  it("a manual edit of a field the source owns is refused, naming the source; other fields allow manual entry", () => {
    const refused = checkManualEdit(ldap, ["location", "email", "attributes.costCentre"])._unsafeUnwrapErr();
    expect(refused.issues.map((issue) => [issue.field, issue.code])).toEqual([["email", "source_owned"], ["attributes.costCentre", "source_owned"]]);
    expect(refused.message).toContain("corp-ldap");
    expect(checkManualEdit(ldap, ["location", "attributes.other"]).isOk()).toBe(true);
  });

  it("a directory must own every field a user needs; defaults follow the kind", () => {
    expect(defineProvisioningSource({ name: "d", kind: "directory", ownedFields: ["email"] })._unsafeUnwrapErr().field).toBe("ownedFields");
    expect(defineProvisioningSource({ name: "s", kind: "scim" })._unsafeUnwrap()).toEqual({
      name: "s", kind: "scim", ownedFields: ["username", "fullName", "email"], deactivatesMissing: true, maxDeactivationShare: 0.2, matchBy: "username",
    });
    expect(defineProvisioningSource({ name: "s", kind: "spreadsheet", maxDeactivationShare: 2 }).isErr()).toBe(true);
  });
});
