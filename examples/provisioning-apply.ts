/**
 * A directory's update applied through the service (docs/provisioning.md, "Planning and applying"):
 * a Full Update creates the directory's users, a second one with the same records changes nothing, a
 * field tied to the directory is read-only in the edit form, and every run is on record.
 */
import assert from "node:assert/strict";
import { createMemoryStore, createTenure, defineCatalog, defineProvisioningSource, systemActor } from "tenure";

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "users.manage": {}, "system.admin": {} },
  roles: {
    admin: { permissions: ["users.manage"], scopes: ["organization"] },
    member: { permissions: [], scopes: ["organization"], default: true },
    operator: { superuser: true, scopes: ["platform"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

// The directory owns the required fields and the phone; location stays open to manual entry.
const corpLdap = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", "phone"] })._unsafeUnwrap();
const tenure = createTenure({ catalog, store: createMemoryStore(), links: ({ purpose, secret }) => `https://app.example/${purpose}?token=${secret}`, sources: [corpLdap] });

const setup = systemActor("setup");
const acme = (await tenure.organizations.create(setup, { name: "Acme" }))._unsafeUnwrap();
// A scheduled job runs the update as the system; an admin would pass `userActor(acme.id, adminId)`.
const actor = systemActor("directory-sync");

// What the directory read returned (in a real host: the LDAP search, by entryUUID).
const records = ["ann", "bob", "cid"].map((name, index) => ({
  externalId: `entry-${index + 1}`,
  position: `uid=${name},ou=people,dc=acme,dc=example`,
  fields: { username: name, fullName: `${name[0]!.toUpperCase()}${name.slice(1)} Example`, email: `${name}@acme.example`, phone: "+49 30 1234" },
}));

const first = (await tenure.provisioning.apply(actor, { organizationId: acme.id, source: "corp-ldap", records, mode: "all" }, { onProgress: ({ done, total }) => console.log(`applied ${done}/${total}`) }))._unsafeUnwrap();
console.log(first.run.status, first.run.counts); // completed { create: 3, … }

const again = (await tenure.provisioning.apply(actor, { organizationId: acme.id, source: "corp-ldap", records, mode: "all" }))._unsafeUnwrap();
console.log(again.run.counts.unchanged); // 3: nothing changed the second time

const users = (await tenure.users.list(actor, { organizationId: acme.id, filter: { sourceName: "corp-ldap" } }))._unsafeUnwrap();
const ann = users.items.find((user) => user.username === "ann")!;
const edit = await tenure.users.update(actor, { organizationId: acme.id, userId: ann.id, expectedVersion: ann.version, changes: { phone: "+1 555", location: "Berlin" } });
console.log(edit.isErr() && edit.error.message); // phone is provided by the directory source "corp-ldap"

const runs = (await tenure.provisioning.runs(actor, { organizationId: acme.id }))._unsafeUnwrap();
console.log(runs.items.map((run) => `${run.startedAt.toISOString()} ${run.source} ${run.mode} ${run.status}`));

assert.deepEqual([first.run.counts.create, again.run.counts.unchanged, users.items.length, runs.items.length], [3, 3, 3, 2]);
assert.ok(edit.isErr() && edit.error.code === "validation" && edit.error.issues.some((issue) => issue.field === "changes.phone" && issue.code === "source_owned"));
