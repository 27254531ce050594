import { err, ok, type Result } from "neverthrow";
import type { Invitation, InvitationState, InvitedRole } from "../model/invitation.js";
import type { InvitationId, OrganizationId, TokenId, UserId } from "../model/ids.js";
import { TenureErrors, type InvalidStateError } from "../model/tenure-error.js";

/** The status of an invitation at an instant: a pending one past its expiry counts as `expired`. */
export type InvitationStatus = InvitationState["status"] | "expired" | "unsent";

/** Where an invitation stands at `now`: `unsent` until sent, `expired` once past `expiresAt`. */
export function invitationStatus(invitation: Pick<Invitation, "state" | "expiresAt" | "sentAt">, now: Date): InvitationStatus {
  if (invitation.state.status !== "pending") return invitation.state.status;
  if (invitation.sentAt === null) return "unsent";
  if (invitation.expiresAt !== null && invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** What a new invitation records: who is invited, to which roles, with which message, by whom. */
export interface InvitationDraft {
  readonly id: InvitationId;
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
  readonly email: string;
  readonly roles: readonly InvitedRole[];
  readonly message: string | null;
  readonly invitedBy: UserId | null;
}

/**
 * A new invitation, `unsent` (pending, no token, no expiry) until its `send` event: the start of the
 * invitation state machine, at version 0. Pure; the roles are copied.
 */
export function draftInvitation(draft: InvitationDraft, now: Date): Invitation {
  return {
    id: draft.id,
    organizationId: draft.organizationId,
    userId: draft.userId,
    email: draft.email,
    roles: draft.roles.map(({ role, scope }) => ({ role, scope: { kind: scope.kind, id: scope.id } })),
    message: draft.message,
    invitedBy: draft.invitedBy,
    tokenId: null,
    sentAt: null,
    expiresAt: null,
    state: { status: "pending" },
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** What can happen to an invitation. */
export type InvitationEvent =
  /** Sent now, or sent again: a new token replaces the old one and the expiry moves. */
  | { readonly type: "send"; readonly tokenId: TokenId; readonly expiresAt: Date }
  | { readonly type: "accept" }
  | { readonly type: "revoke"; readonly by: UserId | null };

/**
 * The invitation state machine: `unsent` → (send) → `pending` → `accepted` | `revoked`; a pending
 * invitation past its date is `expired` and can be sent again (which rotates its token) or revoked.
 * Returns the invitation as it is after the event; its `version` is unchanged (the store bumps it).
 */
export function transitionInvitation(invitation: Invitation, event: InvitationEvent, now: Date): Result<Invitation, InvalidStateError> {
  const status = invitationStatus(invitation, now);
  const refuse = (what: string): Result<Invitation, InvalidStateError> =>
    err(TenureErrors.invalidState("invitation", invitation.id, status, `Cannot ${what} an invitation that is ${status}.`));
  switch (event.type) {
    case "send":
      if (status === "accepted" || status === "revoked") return refuse("send");
      return ok({ ...invitation, tokenId: event.tokenId, sentAt: now, expiresAt: event.expiresAt, updatedAt: now });
    case "accept":
      if (status !== "pending") return refuse("accept");
      return ok({ ...invitation, state: { status: "accepted", at: now }, updatedAt: now });
    case "revoke":
      if (status === "accepted" || status === "revoked") return refuse("revoke");
      return ok({ ...invitation, state: { status: "revoked", at: now, by: event.by }, updatedAt: now });
  }
}
