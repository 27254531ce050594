import { err, ok, type Result } from "neverthrow";
import { transitionInvitation } from "../../../../lifecycle/invitation-lifecycle.js";
import type { Organization } from "../../../../model/organization.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import { tokenPurposeSchema } from "../../../../model/token.js";
import type { User } from "../../../../model/user.js";
import type { CommandScope, JsonObject } from "../../../_internal/run-command.js";

/** What withdrawing a user changed: the organization as it now stands, and the facts for the audit log. */
export interface Withdrawal<OA extends object> {
  readonly organization: Organization<OA>;
  readonly summary: JsonObject;
}

/**
 * Takes everything a removed user held away from them, inside the command's transaction: revokes their
 * role assignments, takes them out of every group (bumping each group's version), invalidates their
 * unused tokens of every purpose, revokes their pending invitations, clears their password, and clears
 * the organization's contact person if it was them.
 */
export async function withdrawUser<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  user: User<UA>,
): Promise<Result<Withdrawal<OA>, TenureError>> {
  const organizationId = c.organization.id;
  const assignments = await c.tx.assignments.listForPrincipals(organizationId, [{ type: "user", id: user.id }]);
  for (const assignment of assignments) {
    const revoked = await c.tx.assignments.delete(organizationId, assignment.id);
    if (revoked.isErr()) return err(revoked.error);
  }

  const groups = await c.tx.groups.listForMember(organizationId, user.id);
  for (const group of groups) {
    const left = await c.tx.groups.update({ ...group, memberIds: group.memberIds.filter((id) => id !== user.id), updatedAt: c.now });
    if (left.isErr()) return err(left.error);
  }

  let invalidatedTokens = 0;
  for (const purpose of tokenPurposeSchema.options) {
    invalidatedTokens += await c.tx.tokens.invalidateForUser(organizationId, user.id, purpose, c.now);
  }

  const revokedBy = c.actor.type === "user" ? c.actor.user.id : null;
  let revokedInvitations = 0;
  for (const invitation of await c.tx.invitations.listForUser(organizationId, user.id)) {
    const revoked = transitionInvitation(invitation, { type: "revoke", by: revokedBy }, c.now);
    if (revoked.isErr()) continue; // accepted or already revoked: nothing to withdraw
    const stored = await c.tx.invitations.update(revoked.value);
    if (stored.isErr()) return err(stored.error);
    revokedInvitations += 1;
  }

  const credential = await c.tx.credentials.get(organizationId, user.id);
  if (credential !== null) {
    const cleared = await c.tx.credentials.update({
      ...credential,
      passwordHash: null,
      mustChangePassword: false,
      failedAttempts: 0,
      lockedUntil: null,
      updatedAt: c.now,
    });
    if (cleared.isErr()) return err(cleared.error);
  }

  let organization = c.organization;
  const contactPersonCleared = organization.contactPersonId === user.id;
  if (contactPersonCleared) {
    const updated = await c.tx.organizations.update({ ...organization, contactPersonId: null, updatedAt: c.now });
    if (updated.isErr()) return err(updated.error);
    organization = updated.value;
  }

  return ok({
    organization,
    summary: {
      revokedAssignments: assignments.map((assignment) => ({ role: assignment.role, scope: { kind: assignment.scope.kind, id: assignment.scope.id } })),
      leftGroups: groups.map((group) => group.id),
      invalidatedTokens,
      revokedInvitations,
      contactPersonCleared,
    },
  });
}
