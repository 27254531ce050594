import { err, ok } from "neverthrow";
import type { Invitation } from "../../model/invitation.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { MemoryTables } from "./memory-tables.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

/** Newest first: by `createdAt`, then id, both descending. */
function newestFirst(a: Invitation, b: Invitation): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || compareCodePoints(b.id, a.id);
}

/** The invitations of one in-memory transaction. */
export function createMemoryInvitationRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): InvitationRepository {
  const invitations = () => transaction.view(tables.invitations);
  return {
    async get(organizationId, id) {
      const row = invitations().get(id);
      return row === null || row.value.organizationId !== organizationId ? null : cloneRecord(row.value);
    },
    async listForUser(organizationId, userId) {
      return invitations()
        .lookup(tables.invitationsByUser, organizationId, userId)
        .map((row) => row.value)
        .sort(newestFirst)
        .map(cloneRecord);
    },
    async insert(invitation) {
      assertNewVersion(invitation, "invitation", invitation.id);
      const view = invitations();
      if (view.get(invitation.id) !== null) return err(TenureErrors.duplicate("invitation", "id", invitation.id));
      view.put(invitation.id, cloneRecord(invitation));
      return ok(cloneRecord(invitation));
    },
    async update(invitation) {
      const view = invitations();
      const checked = checkVersion(
        view,
        invitation.id,
        invitation.version,
        "invitation",
        (stored) => stored.organizationId === invitation.organizationId,
      );
      if (checked.isErr()) return err(checked.error);
      view.put(invitation.id, nextVersion(invitation));
      return ok(nextVersion(invitation));
    },
  };
}
