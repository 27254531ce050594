import type { ResultAsync } from "neverthrow";
import type { Organization } from "../../../model/organization.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { blockUser, type BlockUserInput } from "./block-user.js";
import { deactivateUser, type DeactivateUserInput } from "./deactivate-user.js";
import { makeContactPerson, type MakeContactPersonInput } from "./make-contact-person.js";
import { reactivateUser, type ReactivateUserInput } from "./reactivate-user.js";
import { releaseTwoFactor, type ReleaseTwoFactorInput } from "./release-two-factor.js";
import { removeUser, type RemovedUser, type RemoveUserInput } from "./remove-user.js";
import { requireTwoFactor, type RequireTwoFactorInput } from "./require-two-factor.js";
import { setWorkflowAccess, type SetWorkflowAccessInput } from "./set-workflow-access.js";
import { unblockUser, type UnblockUserInput } from "./unblock-user.js";

/**
 * The account commands of the service: the lifecycle of a user's account (block, de-activate, remove)
 * and the per-user switches an admin sets. Each takes the acting user, is authorized by the guards
 * (`manageUsers` in the user's organization, directly or by delegation), is atomic and optimistic (a
 * stale `expectedVersion` is a `conflict`), and writes exactly one audit event.
 */
export interface AccountCommands<UA extends object, OA extends object = Record<never, never>> {
  /** Blocks a user until a future date or permanently; the organization's last admin cannot be blocked. A timed block ends by itself. */
  block(actor: Actor, input: BlockUserInput): ResultAsync<User<UA>, TenureError>;
  /** Ends a block before its date; the user gets back everything they had. */
  unblock(actor: Actor, input: UnblockUserInput): ResultAsync<User<UA>, TenureError>;
  /** De-activates a user, keeping memberships, assignments and settings for re-activation; never the last admin. */
  deactivate(actor: Actor, input: DeactivateUserInput): ResultAsync<User<UA>, TenureError>;
  /** Re-activates a de-activated user with everything they had. */
  reactivate(actor: Actor, input: ReactivateUserInput): ResultAsync<User<UA>, TenureError>;
  /**
   * Removes a user: deletes or transfers their data through the host's `OwnedResources` port in the same
   * unit of work, revokes their roles, memberships, tokens and invitations, and keeps or deletes the
   * profile. Not for directory (LDAP) users, oneself, or the last admin.
   */
  remove(actor: Actor, input: RemoveUserInput): ResultAsync<RemovedUser<UA>, TenureError>;
  /** Makes a user the organization's contact person (no privilege comes with it); `expectedVersion` is the organization's. */
  makeContactPerson(actor: Actor, input: MakeContactPersonInput): ResultAsync<Organization<OA>, TenureError>;
  /** Requires the user to sign in with a second factor. */
  requireTwoFactor(actor: Actor, input: RequireTwoFactorInput): ResultAsync<User<UA>, TenureError>;
  /** Lifts the two-factor requirement (for a super admin, only a super admin may). */
  releaseTwoFactor(actor: Actor, input: ReleaseTwoFactorInput): ResultAsync<User<UA>, TenureError>;
  /** Grants (`granted: true`) or revokes the user's workflow access. */
  setWorkflowAccess(actor: Actor, input: SetWorkflowAccessInput): ResultAsync<User<UA>, TenureError>;
}

/** The {@link AccountCommands} of a service context, for `createTenure` to expose. */
export function accountCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): AccountCommands<UA, OA> {
  return {
    block: (actor, input) => blockUser(context, actor, input),
    unblock: (actor, input) => unblockUser(context, actor, input),
    deactivate: (actor, input) => deactivateUser(context, actor, input),
    reactivate: (actor, input) => reactivateUser(context, actor, input),
    remove: (actor, input) => removeUser(context, actor, input),
    makeContactPerson: (actor, input) => makeContactPerson(context, actor, input),
    requireTwoFactor: (actor, input) => requireTwoFactor(context, actor, input),
    releaseTwoFactor: (actor, input) => releaseTwoFactor(context, actor, input),
    setWorkflowAccess: (actor, input) => setWorkflowAccess(context, actor, input),
  };
}

export { blockUser, blockUserInputSchema, BLOCK_REASON_MAX, type BlockUserInput } from "./block-user.js";
export { unblockUser, unblockUserInputSchema, type UnblockUserInput } from "./unblock-user.js";
export { deactivateUser, deactivateUserInputSchema, type DeactivateUserInput } from "./deactivate-user.js";
export { reactivateUser, reactivateUserInputSchema, type ReactivateUserInput } from "./reactivate-user.js";
export { removeUser, removeUserInputSchema, removedDataSchema, type RemoveUserInput, type RemovedUser } from "./remove-user.js";
export { makeContactPerson, makeContactPersonInputSchema, type MakeContactPersonInput } from "./make-contact-person.js";
export { requireTwoFactor, requireTwoFactorInputSchema, type RequireTwoFactorInput } from "./require-two-factor.js";
export { releaseTwoFactor, releaseTwoFactorInputSchema, type ReleaseTwoFactorInput } from "./release-two-factor.js";
export { setWorkflowAccess, setWorkflowAccessInputSchema, type SetWorkflowAccessInput } from "./set-workflow-access.js";
