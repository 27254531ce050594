import assert from "node:assert/strict";
import type { Invitation } from "../../model/invitation.js";
import { organizationScope } from "../../model/scope.js";
import type { ConformanceStore } from "./conformance-options.js";
import { committed } from "./_internal/committed.js";
import { makeTestInvitation } from "./_internal/fixtures/invitation.js";
import { makeTestOrganization } from "./_internal/fixtures/organization.js";
import { testInstant } from "./_internal/fixtures/test-instant.js";
import { invitationId, organizationId, userId } from "./_internal/ids.js";
import { expectErr, expectOk } from "./_internal/results.js";
import { seed } from "./_internal/seed.js";
import type { SuiteContext } from "./_internal/suite-context.js";

const A = "org-a";
const ORG_A = organizationId(A);

/** Stores org-a and org-b and the invitations. */
async function seedInvitations(store: ConformanceStore, invitations: readonly Invitation[]): Promise<void> {
  await seed(store, { organizations: [makeTestOrganization({ id: A }), makeTestOrganization({ id: "org-b" })], invitations });
}

/** Registers the tests of `InvitationRepository`: get, listForUser, versions, copies. */
export function registerInvitationTests({ test, storeTest }: SuiteContext): void {
  test.describe("invitations", () => {
    storeTest("insert returns the invitation and get reads it back; unknown ids are null", async (store) => {
      const invitation = makeTestInvitation({
        id: "inv-1",
        organizationId: A,
        userId: "u-1",
        email: "anna@example.com",
        roles: [{ role: "editor", scope: organizationScope(A) }],
        message: "Welcome aboard",
        invitedBy: "u-admin",
        tokenId: "t-1",
        sentAt: testInstant(1),
        expiresAt: testInstant(60 * 24 * 7),
      });
      await seedInvitations(store, []);
      const inserted = await committed(store, async (tx) => expectOk(await tx.invitations.insert(invitation), "insert"));
      assert.deepEqual(inserted, invitation);
      await committed(store, async (tx) => {
        assert.deepEqual(await tx.invitations.get(ORG_A, invitation.id), invitation);
        assert.equal(await tx.invitations.get(ORG_A, invitationId("inv-missing")), null);
      });
    });

    storeTest("insert with a taken id is a duplicate", async (store) => {
      const original = makeTestInvitation({ id: "inv-1", organizationId: A });
      await seedInvitations(store, [original]);
      const error = await committed(store, async (tx) =>
        expectErr(await tx.invitations.insert(makeTestInvitation({ id: "inv-1", organizationId: A, message: "x" })), "duplicate", "insert"),
      );
      assert.equal(error.entity, "invitation");
      assert.deepEqual(await committed(store, (tx) => tx.invitations.get(ORG_A, original.id)), original);
    });

    storeTest("listForUser returns the user's invitations, newest first", async (store) => {
      await seedInvitations(store, [
        makeTestInvitation({ id: "inv-2", organizationId: A, userId: "u-1", createdAt: testInstant(20) }),
        makeTestInvitation({ id: "inv-1", organizationId: A, userId: "u-1", createdAt: testInstant(10) }),
        makeTestInvitation({ id: "inv-3", organizationId: A, userId: "u-1", createdAt: testInstant(30) }),
        makeTestInvitation({ id: "inv-4", organizationId: A, userId: "u-2", createdAt: testInstant(40) }),
        makeTestInvitation({ id: "inv-5", organizationId: "org-b", userId: "u-1", createdAt: testInstant(50) }),
      ]);
      await committed(store, async (tx) => {
        const ids = (await tx.invitations.listForUser(ORG_A, userId("u-1"))).map((invitation) => invitation.id);
        assert.deepEqual(ids, ["inv-3", "inv-2", "inv-1"]);
        assert.deepEqual(await tx.invitations.listForUser(ORG_A, userId("u-3")), []);
      });
    });

    storeTest("update stores version + 1 and returns the stored record", async (store) => {
      const invitation = makeTestInvitation({ id: "inv-1", organizationId: A });
      await seedInvitations(store, [invitation]);
      const accepted: Invitation = { ...invitation, state: { status: "accepted", at: testInstant(5) }, updatedAt: testInstant(5) };
      const updated = await committed(store, async (tx) => expectOk(await tx.invitations.update(accepted), "update"));
      assert.deepEqual(updated, { ...accepted, version: 1 });
      assert.deepEqual(await committed(store, (tx) => tx.invitations.get(ORG_A, invitation.id)), { ...accepted, version: 1 });
    });

    storeTest("update with a stale version is a conflict; of an unknown invitation, not_found", async (store) => {
      const invitation = makeTestInvitation({ id: "inv-1", organizationId: A });
      await seedInvitations(store, [invitation]);
      await committed(store, async (tx) =>
        expectOk(await tx.invitations.update({ ...invitation, state: { status: "revoked", at: testInstant(1), by: null } }), "first"),
      );
      await committed(store, async (tx) => {
        const error = expectErr(
          await tx.invitations.update({ ...invitation, state: { status: "accepted", at: testInstant(2) } }),
          "conflict",
          "stale",
        );
        assert.equal(error.entity, "invitation");
        assert.equal(error.expectedVersion, 0);
        assert.equal(error.actualVersion, 1);
        const missing = expectErr(await tx.invitations.update(makeTestInvitation({ id: "inv-missing", organizationId: A })), "not_found", "unknown");
        assert.equal(missing.id, "inv-missing");
      });
      assert.equal((await committed(store, (tx) => tx.invitations.get(ORG_A, invitation.id)))?.state.status, "revoked");
    });

    storeTest("returned and inserted invitations are copies: mutating them does not change the store", async (store) => {
      const input = makeTestInvitation({ id: "inv-1", organizationId: A, roles: [{ role: "editor", scope: organizationScope(A) }] });
      const expected = structuredClone(input);
      await seedInvitations(store, [input]);
      input.roles.push({ role: "mutated", scope: organizationScope(A) });
      const reads = await committed(store, async (tx) => [
        await tx.invitations.get(ORG_A, expected.id),
        ...(await tx.invitations.listForUser(ORG_A, expected.userId)),
      ]);
      for (const read of reads) {
        assert.ok(read !== null);
        read.roles.push({ role: "mutated", scope: organizationScope(A) });
        read.state = { status: "accepted", at: new Date(0) };
        read.createdAt.setTime(0);
      }
      assert.deepEqual(await committed(store, (tx) => tx.invitations.get(ORG_A, expected.id)), expected);
    });
  });
}
