/**
 * The planner of docs/provisioning.md on the example there: Ann renamed, Bob's entry re-created, Cid new,
 * Dan gone from the directory. Prints the plan; fails if it is not the one the guide describes.
 */
import assert from "node:assert/strict";
import { defineProvisioningSource, planProvisioning, type SourceLinkedUser, type UserId } from "tenure";

const ldap = defineProvisioningSource({
  name: "corp-ldap",
  kind: "directory",
  ownedFields: ["username", "fullName", "email", "phone", "groups"],
})._unsafeUnwrap();

const linked = (name: string, externalId: string): SourceLinkedUser => ({
  userId: `u-${name}` as UserId,
  externalId,
  version: 1,
  fields: {
    username: name, fullName: `${name} Example`, email: `${name}@corp.example`, firstName: null, lastName: null, phone: null,
    pager: null, cellphone: null, location: null, company: null, audience: "internal", thirdParty: false, workflowAccess: false,
  },
  attributes: {},
  status: "active",
  deactivatedBy: null,
  roles: [],
  groups: [],
});
const others = ["eve", "fay", "gil", "hal", "ida", "jon", "kim"];
const current = [linked("ann", "e-ann"), linked("bob", "e-bob"), linked("dan", "e-dan"), ...others.map((name) => linked(name, `e-${name}`))];
const records = [
  { externalId: "e-ann", fields: { username: "anna", fullName: "ann Example", email: "ann@corp.example" } },
  { externalId: "e-bob-2", fields: { username: "bob", fullName: "bob Example", email: "bob@corp.example" } },
  { externalId: "e-cid", fields: { username: "cid", fullName: "Cid Poe", email: "cid@corp.example" } },
  ...others.map((name) => ({ externalId: `e-${name}`, fields: { username: name, fullName: `${name} Example`, email: `${name}@corp.example` } })),
];

const plan = planProvisioning(records, current, { source: ldap, mode: "all", read: "complete" })._unsafeUnwrap();
for (const change of plan.changes) {
  const what = change.changes.map(({ field, before, after }) => `${field}: ${String(before)} → ${String(after)}`).join(", ");
  console.log(`${change.sequence} ${change.action.padEnd(10)} ${change.externalId.padEnd(8)} ${change.userId ?? "(new)"} ${what}`);
}
console.log(plan.counts);

assert.deepEqual(
  plan.changes.filter((change) => change.action !== "unchanged").map((change) => [change.action, change.externalId]),
  [["relink", "e-bob-2"], ["update", "e-ann"], ["create", "e-cid"], ["deactivate", "e-dan"]],
);
assert.equal(plan.changes[0]!.relinkFrom, "e-bob");
