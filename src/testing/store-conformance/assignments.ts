import assert from "node:assert/strict";
import type { RoleAssignment } from "../../model/role-assignment.js";
import { PLATFORM_SCOPE, organizationScope } from "../../model/scope.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { makeTestRoleAssignment } from "./_internal/fixtures/role-assignment.js";
import { organizationId, roleAssignmentId, groupId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);
const ZONE = { kind: "zone", id: "zone-1" } as const;

/** Stores org-a and org-b and the assignments. */
async function seedAssignments(store: ConformanceStore, assignments: readonly RoleAssignment[]): Promise<void> {
  await seed(store, {
    organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })],
    assignments,
  });
}

/** The ids of a list of assignments, in order. */
const idsOf = (assignments: readonly RoleAssignment[]): string[] => assignments.map((assignment) => assignment.id);

/**
 * Five assignments of org-a, inserted out of id order, and one of org-b:
 * ra-1 u-1 admin in org-a; ra-2 g-1 editor in zone-1; ra-3 u-2 editor in org-a; ra-4 u-1 editor on the
 * platform; ra-5 g-2 admin in org-a; ra-0 (org-b) u-9 admin in org-b.
 */
function listFixture(): RoleAssignment[] {
  const grant = makeTestRoleAssignment;
  return [
    grant({ id: "ra-5", organizationId: A, principal: { type: "group", id: "g-2" }, role: "admin" }),
    grant({ id: "ra-2", organizationId: A, principal: { type: "group", id: "g-1" }, role: "editor", scope: ZONE }),
    grant({ id: "ra-4", organizationId: A, principal: { type: "user", id: "u-1" }, role: "editor", scope: PLATFORM_SCOPE }),
    grant({ id: "ra-1", organizationId: A, principal: { type: "user", id: "u-1" }, role: "admin" }),
    grant({ id: "ra-3", organizationId: A, principal: { type: "user", id: "u-2" }, role: "editor" }),
    grant({ id: "ra-0", organizationId: "org-b", principal: { type: "user", id: "u-9" }, role: "admin", scope: organizationScope("org-b") }),
  ];
}

/** Registers the tests of `RoleAssignmentRepository`: get, the three lists, uniqueness, delete, copies. */
export function registerAssignmentTests({ test, storeTest }: SuiteContext): void {
  test.describe("role assignments", () => {
    storeTest("insert returns the assignment and get reads it back; unknown ids are null", async (store) => {
      const assignment = makeTestRoleAssignment({
        id: "ra-1",
        organizationId: A,
        principal: { type: "group", id: "g-1" },
        role: "editor",
        scope: ZONE,
        grantedBy: "u-admin",
      });
      await seedAssignments(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.assignments.insert(assignment), "insert"));
      assert.deepEqual(inserted, assignment);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.assignments.get(ORG_A, assignment.id), assignment);
        assert.equal(await tx.assignments.get(ORG_A, roleAssignmentId("ra-missing")), null);
      });
    });

    storeTest("insert with a taken id is a duplicate", async (store) => {
      const original = makeTestRoleAssignment({ id: "ra-1", organizationId: A, role: "admin" });
      await seedAssignments(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.assignments.insert(makeTestRoleAssignment({ id: "ra-1", organizationId: A, role: "other" })), "duplicate", "insert"),
      );
      assert.equal(error.entity, "role_assignment");
      assert.deepEqual(await committed(store, (tx) => tx.assignments.get(ORG_A, original.id)), original);
    });

    storeTest("a principal holds a role in a scope at most once (duplicate on role)", async (store) => {
      const base = { organizationId: A, principal: { type: "user", id: "u-1" }, role: "admin" } as const;
      await seedAssignments(store, [makeTestRoleAssignment({ ...base, id: "ra-1" })]);
      await committed(store, async (tx) => {
        const error = expectErr(await tx.assignments.insert(makeTestRoleAssignment({ ...base, id: "ra-2" })), "duplicate", "same grant");
        assert.equal(error.entity, "role_assignment");
        assert.equal(error.field, "role");
        assert.equal(await tx.assignments.get(ORG_A, roleAssignmentId("ra-2")), null);
      });
      await committed(store, async (tx) => {
        expectOk(await tx.assignments.insert(makeTestRoleAssignment({ ...base, id: "ra-3", scope: ZONE })), "another scope");
        expectOk(await tx.assignments.insert(makeTestRoleAssignment({ ...base, id: "ra-4", role: "editor" })), "another role");
        expectOk(
          await tx.assignments.insert(makeTestRoleAssignment({ ...base, id: "ra-5", principal: { type: "user", id: "u-2" } })),
          "another user",
        );
        expectOk(
          await tx.assignments.insert(makeTestRoleAssignment({ ...base, id: "ra-6", principal: { type: "group", id: "u-1" } })),
          "a group whose id equals the user's",
        );
      });
    });

    storeTest("a revoked grant can be granted again", async (store) => {
      const grant = makeTestRoleAssignment({ id: "ra-1", organizationId: A, role: "admin" });
      await seedAssignments(store, [grant]);
      await committed(store, async (tx) => expectOk(await tx.assignments.delete(ORG_A, grant.id), "delete"));
      await committed(store, async (tx) => {
        assert.equal(await tx.assignments.get(ORG_A, grant.id), null);
        expectOk(await tx.assignments.insert({ ...grant, id: roleAssignmentId("ra-2") }), "grant again");
      });
    });

    storeTest("delete of an unknown assignment is not_found", async (store) => {
      await seedAssignments(store, []);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.assignments.delete(ORG_A, roleAssignmentId("ra-missing")), "not_found", "delete"),
      );
      assert.equal(error.entity, "role_assignment");
      assert.equal(error.id, "ra-missing");
    });

    storeTest("listForPrincipals returns the assignments of any of the principals, ordered by id", async (store) => {
      await seedAssignments(store, listFixture());
      await committed(store, async (tx) => {
        const user = (id: string) => ({ type: "user", id: userId(id) }) as const;
        const group = (id: string) => ({ type: "group", id: groupId(id) }) as const;
        assert.deepEqual(idsOf(await tx.assignments.listForPrincipals(ORG_A, [user("u-1")])), ["ra-1", "ra-4"]);
        assert.deepEqual(idsOf(await tx.assignments.listForPrincipals(ORG_A, [group("g-2"), user("u-1"), group("g-1")])), [
          "ra-1",
          "ra-2",
          "ra-4",
          "ra-5",
        ]);
        assert.deepEqual(await tx.assignments.listForPrincipals(ORG_A, [group("u-1")]), [], "principal kinds are not mixed");
        assert.deepEqual(await tx.assignments.listForPrincipals(ORG_A, [user("u-9")]), [], "org-b's user");
        assert.deepEqual(await tx.assignments.listForPrincipals(ORG_A, []), []);
      });
    });

    storeTest("listForScope returns the assignments in exactly that scope, ordered by id", async (store) => {
      await seedAssignments(store, listFixture());
      await committed(store, async (tx) => {
        assert.deepEqual(idsOf(await tx.assignments.listForScope(ORG_A, organizationScope(A))), ["ra-1", "ra-3", "ra-5"]);
        assert.deepEqual(idsOf(await tx.assignments.listForScope(ORG_A, ZONE)), ["ra-2"]);
        assert.deepEqual(idsOf(await tx.assignments.listForScope(ORG_A, PLATFORM_SCOPE)), ["ra-4"]);
        assert.deepEqual(await tx.assignments.listForScope(ORG_A, { kind: "zone", id: "zone-2" }), []);
        assert.deepEqual(await tx.assignments.listForScope(ORG_A, { kind: "service", id: "zone-1" }), []);
      });
    });

    storeTest("list returns every assignment of the organization, or of one role, ordered by id", async (store) => {
      await seedAssignments(store, listFixture());
      await committed(store, async (tx) => {
        assert.deepEqual(idsOf(await tx.assignments.list(ORG_A)), ["ra-1", "ra-2", "ra-3", "ra-4", "ra-5"]);
        assert.deepEqual(idsOf(await tx.assignments.list(ORG_A, {})), ["ra-1", "ra-2", "ra-3", "ra-4", "ra-5"]);
        assert.deepEqual(idsOf(await tx.assignments.list(ORG_A, { role: "admin" })), ["ra-1", "ra-5"]);
        assert.deepEqual(idsOf(await tx.assignments.list(ORG_A, { role: "editor" })), ["ra-2", "ra-3", "ra-4"]);
        assert.deepEqual(await tx.assignments.list(ORG_A, { role: "nobody" }), []);
        expectOk(await tx.assignments.delete(ORG_A, roleAssignmentId("ra-3")), "delete");
        assert.deepEqual(idsOf(await tx.assignments.list(ORG_A, { role: "editor" })), ["ra-2", "ra-4"]);
        assert.deepEqual(idsOf(await tx.assignments.listForScope(ORG_A, organizationScope(A))), ["ra-1", "ra-5"]);
      });
    });

    storeTest("returned and inserted assignments are copies: mutating them does not change the store", async (store) => {
      const input = makeTestRoleAssignment({ id: "ra-1", organizationId: A, role: "admin" });
      const expected = structuredClone(input);
      await seedAssignments(store, [input]);
      input.role = "mutated";
      input.grantedAt.setTime(0);
      const reads = await committed(store, async (tx) => [
        await tx.assignments.get(ORG_A, expected.id),
        ...(await tx.assignments.list(ORG_A)),
        ...(await tx.assignments.listForScope(ORG_A, expected.scope)),
        ...(await tx.assignments.listForPrincipals(ORG_A, [expected.principal])),
      ]);
      assert.equal(reads.length, 4);
      for (const read of reads) {
        assert.ok(read !== null);
        read.role = "mutated";
        read.scope.id = "mutated";
        Object.assign(read.principal, { id: "mutated" });
        read.grantedAt.setTime(0);
      }
      assert.deepEqual(await committed(store, (tx) => tx.assignments.get(ORG_A, expected.id)), expected);
    });
  });
}
