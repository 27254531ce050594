import { sql, type RawBuilder } from "kysely";
import { ok } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Group, GroupId, InvitationId, OrganizationId, RoleAssignmentId, UserId } from "tenure";
import { makeTestCredential, makeTestGroup, makeTestInvitation, makeTestRoleAssignment, testInstant } from "tenure/testing";
import { committed, corruptRead, withFreshStore, type TestStore as Store, type TestTransaction as Tx } from "./_store-work.js";
import { openPgliteDatabase, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

const ORG_A = "org-a" as OrganizationId;



/** The `group_members` rows of a group, in `position` order, as `[userId, position]` pairs. */
async function membersOf(store: Store, groupId: string, organizationId = "org-a"): Promise<[string, number][]> {
  const rows = await database.db
    .withSchema(store.schema)
    .selectFrom("group_members")
    .select(["user_id", "position"])
    .where("organization_id", "=", organizationId)
    .where("group_id", "=", groupId)
    .orderBy("position")
    .execute();
  return rows.map((row: { user_id: string; position: number }) => [row.user_id, row.position]);
}

describe("PostgreSQL groups: group_members is the exact index of memberIds", () => {
  it("follows inserts, updates (members added, removed, reordered, repeated), refused updates and deletes, and never touches another organization's rows", async () => {
    await withFreshStore(database, async (store) => {
      const group = makeTestGroup({ id: "g-1", organizationId: "org-a", memberIds: ["u-2", "u-1"] });
      const other = makeTestGroup({ id: "g-2", organizationId: "org-a", memberIds: ["u-1"] });
      const sameIdInB = makeTestGroup({ id: "g-1", organizationId: "org-b", memberIds: ["u-9"] });
      await committed(store, async (tx) => {
        (await tx.groups.insert(group))._unsafeUnwrap();
        (await tx.groups.insert(other))._unsafeUnwrap();
        (await tx.groups.insert(sameIdInB))._unsafeUnwrap();
      });
      expect(await membersOf(store, "g-1")).toEqual([["u-2", 0], ["u-1", 1]]);

      const reordered: Group = { ...group, memberIds: ["u-3", "u-2"] as UserId[] };
      await committed(store, async (tx) => (await tx.groups.update(reordered))._unsafeUnwrap());
      expect(await membersOf(store, "g-1")).toEqual([["u-3", 0], ["u-2", 1]]);

      const stale = await committed(store, async (tx) => (await tx.groups.update({ ...group, memberIds: [] }))._unsafeUnwrapErr());
      expect(stale.code).toBe("conflict");
      expect(await membersOf(store, "g-1")).toEqual([["u-3", 0], ["u-2", 1]]);

      const repeated: Group = { ...reordered, version: 1, memberIds: ["u-1", "u-4", "u-1"] as UserId[] };
      await committed(store, async (tx) => (await tx.groups.update(repeated))._unsafeUnwrap());
      expect(await membersOf(store, "g-1")).toEqual([["u-1", 0], ["u-4", 1]]);
      expect((await committed(store, (tx) => tx.groups.get(ORG_A, group.id)))?.memberIds).toEqual(["u-1", "u-4", "u-1"]);

      await committed(store, async (tx) => (await tx.groups.delete(ORG_A, group.id, 2))._unsafeUnwrap());
      expect(await membersOf(store, "g-1")).toEqual([]);
      expect(await membersOf(store, "g-2")).toEqual([["u-1", 0]]);
      expect(await membersOf(store, "g-1", "org-b")).toEqual([["u-9", 0]]);
    });
  });
});


/** Edits one table of the store's schema by hand. */
async function tamper(store: Store, table: string, set: RawBuilder<unknown>, where: RawBuilder<unknown>): Promise<void> {
  await sql`UPDATE ${sql.id(store.schema, table)} SET ${set} WHERE ${where}`.execute(database.db);
}

describe("PostgreSQL records: a row edited into an invalid state reads as corrupt_record", () => {
  it("a group whose colour is not a colour", async () => {
    await withFreshStore(database, async (store) => {
      await committed(store, async (tx) => (await tx.groups.insert(makeTestGroup({ id: "g-1", organizationId: "org-a" })))._unsafeUnwrap());
      await tamper(store, "groups", sql`record = jsonb_set(record, '{colour}', '"red"')`, sql`id = ${"g-1"}`);
      for (const read of [
        async (tx: Tx) => ok(await tx.groups.get(ORG_A, "g-1" as GroupId)),
        async (tx: Tx) => ok(await tx.groups.list(ORG_A)),
      ]) {
        const error = await corruptRead(store, read);
        expect(error.entity).toBe("group");
        expect(error.key).toEqual({ table: "groups", organizationId: "org-a", id: "g-1" });
        expect(error.issues.map((issue) => issue.field)).toEqual(["colour"]);
      }
    });
  });

  it("a role assignment whose grant time is not a date", async () => {
    await withFreshStore(database, async (store) => {
      const assignment = makeTestRoleAssignment({ id: "ra-1", organizationId: "org-a", role: "admin" });
      await committed(store, async (tx) => (await tx.assignments.insert(assignment))._unsafeUnwrap());
      await tamper(store, "role_assignments", sql`record = jsonb_set(record, '{grantedAt}', '"yesterday"')`, sql`id = ${"ra-1"}`);
      const error = await corruptRead(store, async (tx) => ok(await tx.assignments.list(ORG_A, { role: "admin" })));
      expect(error.entity).toBe("role_assignment");
      expect(error.key).toEqual({ table: "role_assignments", organizationId: "org-a", id: "ra-1" });
      expect(error.issues.map((issue) => issue.field)).toEqual(["grantedAt"]);
      await corruptRead(store, async (tx) => ok(await tx.assignments.get(ORG_A, "ra-1" as RoleAssignmentId)));
    });
  });

  it("an invitation whose record is not an object", async () => {
    await withFreshStore(database, async (store) => {
      const invitation = makeTestInvitation({ id: "inv-1", organizationId: "org-a", userId: "u-1" });
      await committed(store, async (tx) => (await tx.invitations.insert(invitation))._unsafeUnwrap());
      await tamper(store, "invitations", sql`record = '["not", "an", "object"]'::jsonb`, sql`id = ${"inv-1"}`);
      const error = await corruptRead(store, async (tx) => ok(await tx.invitations.listForUser(ORG_A, "u-1" as UserId)));
      expect(error.entity).toBe("invitation");
      expect(error.key).toEqual({ table: "invitations", organizationId: "org-a", id: "inv-1" });
      expect(error.issues).toEqual([expect.objectContaining({ field: "record", code: "record_not_object" })]);
      await corruptRead(store, async (tx) => ok(await tx.invitations.get(ORG_A, "inv-1" as InvitationId)));
    });
  });

  it("a credential with a negative count of failed attempts", async () => {
    await withFreshStore(database, async (store) => {
      const credential = makeTestCredential({ userId: "u-1", organizationId: "org-a", lockedUntil: testInstant(5) });
      await committed(store, async (tx) => (await tx.credentials.insert(credential))._unsafeUnwrap());
      await tamper(store, "credentials", sql`record = jsonb_set(record, '{failedAttempts}', '-1')`, sql`user_id = ${"u-1"}`);
      const error = await corruptRead(store, async (tx) => ok(await tx.credentials.get(ORG_A, "u-1" as UserId)));
      expect(error.entity).toBe("credential");
      expect(error.key).toEqual({ table: "credentials", organizationId: "org-a", userId: "u-1" });
      expect(error.issues.map((issue) => issue.field)).toEqual(["failedAttempts"]);
    });
  });
});
