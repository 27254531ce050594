import type { ResultAsync } from "neverthrow";
import type { Invitation } from "../../../model/invitation.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { acceptInvitation, type AcceptInvitationInput } from "./accept-invitation.js";
import { activateUser, type ActivateUserInput } from "./activate-user.js";
import { completeActivation, type CompleteActivationInput } from "./complete-activation.js";
import { inviteUser, type InvitedUser, type InviteUserInput } from "./invite-user.js";
import { resendInvitation, type ResendInvitationInput } from "./resend-invitation.js";
import { revokeInvitation, type RevokeInvitationInput } from "./revoke-invitation.js";
import { sendActivation, type ActivationSent, type SendActivationInput } from "./send-activation.js";
import { sendInvitation, type SendInvitationInput } from "./send-invitation.js";
import { signUp, type SignUpInput } from "./sign-up.js";
import { verifyUser, type VerifyUserInput } from "./verify-user.js";

/**
 * The onboarding commands of the service: the three ways in (an admin's invitation, with or without
 * instant activation; a self sign-up, verified by an admin under "Force Verify User") and the
 * single-use links through which new users choose their own password. No password ever travels by
 * mail, and a user given explicit roles never holds a default role. Admin commands take the acting
 * user and need the user-management permission in the organization; the link commands and sign-up take
 * no actor and are audited under a system actor naming the channel (`invitation`, `activation`,
 * `sign-up`). Each command is atomic, writes exactly one audit event, and queues its mail in the same
 * unit of work.
 */
export interface OnboardingCommands<UA extends object, R extends string = string> {
  /**
   * Adds a user with exactly the given roles (or the default roles when none are named), `invited` or
   * instantly `active`, and sends the sign-in invitation now unless `sendInvitation: false`. The
   * organization's first user becomes its contact person. Returns the user, the invitation and the warnings.
   */
  invite(actor: Actor, input: InviteUserInput<R>): ResultAsync<InvitedUser<UA>, TenureError>;
  /** Sends the invitation of a user added without one ("Send Invitation"), or a new one after a revoke. */
  sendInvitation(actor: Actor, input: SendInvitationInput): ResultAsync<Invitation, TenureError>;
  /** Sends a pending or expired invitation again: new link, new expiry; the old link stops working. */
  resendInvitation(actor: Actor, input: ResendInvitationInput): ResultAsync<Invitation, TenureError>;
  /** Revokes a user's open invitation: its link stops working; the user stays as they are. */
  revokeInvitation(actor: Actor, input: RevokeInvitationInput): ResultAsync<Invitation, TenureError>;
  /**
   * Accepts an invitation through its link: the holder chooses their password, the invitation becomes
   * `accepted` and an invited account `active`. Single use; any bad link is `invalid_token`.
   */
  acceptInvitation(input: AcceptInvitationInput): ResultAsync<User<UA>, TenureError>;
  /**
   * A person signs up by themselves (call it only where the host allows sign-up): default roles, and
   * `pending_verification` (holding nothing) under `forceVerify`, else `active`.
   */
  signUp(input: SignUpInput): ResultAsync<User<UA>, TenureError>;
  /** An admin verifies a self sign-up: `pending_verification` → `active`. */
  verify(actor: Actor, input: VerifyUserInput): ResultAsync<User<UA>, TenureError>;
  /** An admin activates an invited user by hand: `invited` → `active` (still without a password). */
  activate(actor: Actor, input: ActivateUserInput): ResultAsync<User<UA>, TenureError>;
  /** An admin sends an activation mail with a set-password link ("Send Activation"); never a password. */
  sendActivation(actor: Actor, input: SendActivationInput): ResultAsync<ActivationSent<UA>, TenureError>;
  /** Sets the first password through an activation link; an invited account becomes `active`. Single use. */
  completeActivation(input: CompleteActivationInput): ResultAsync<User<UA>, TenureError>;
}

/**
 * The {@link OnboardingCommands} of a service context, for `createTenure` to expose.
 *
 * @example
 * ```ts
 * const onboarding = onboardingCommands(context);
 * const invited = await onboarding.invite(userActor(acme.id, adminId), {
 *   organizationId: acme.id,
 *   user: { username: "ann", fullName: "Ann Lee", email: "ann@example.com" },
 *   roles: [{ role: "editor" }],
 * });
 * // later, on the page the link opens:
 * await onboarding.acceptInvitation({ secret: tokenFromTheLink, password: chosenPassword });
 * ```
 */
export function onboardingCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): OnboardingCommands<UA, R> {
  return {
    invite: (actor, input) => inviteUser(context, actor, input),
    sendInvitation: (actor, input) => sendInvitation(context, actor, input),
    resendInvitation: (actor, input) => resendInvitation(context, actor, input),
    revokeInvitation: (actor, input) => revokeInvitation(context, actor, input),
    acceptInvitation: (input) => acceptInvitation(context, input),
    signUp: (input) => signUp(context, input),
    verify: (actor, input) => verifyUser(context, actor, input),
    activate: (actor, input) => activateUser(context, actor, input),
    sendActivation: (actor, input) => sendActivation(context, actor, input),
    completeActivation: (input) => completeActivation(context, input),
  };
}

export { inviteUser, inviteUserInputSchema, type InviteUserInput, type InvitedUser } from "./invite-user.js";
export { sendInvitation, sendInvitationInputSchema, type SendInvitationInput } from "./send-invitation.js";
export { resendInvitation, resendInvitationInputSchema, type ResendInvitationInput } from "./resend-invitation.js";
export { revokeInvitation, revokeInvitationInputSchema, type RevokeInvitationInput } from "./revoke-invitation.js";
export { acceptInvitation, acceptInvitationInputSchema, INVITATION_ACTOR, type AcceptInvitationInput } from "./accept-invitation.js";
export { signUp, signUpInputSchema, SIGN_UP_ACTOR, type SignUpInput } from "./sign-up.js";
export { verifyUser, verifyUserInputSchema, type VerifyUserInput } from "./verify-user.js";
export { activateUser, activateUserInputSchema, type ActivateUserInput } from "./activate-user.js";
export { sendActivation, sendActivationInputSchema, type SendActivationInput, type ActivationSent } from "./send-activation.js";
export { completeActivation, completeActivationInputSchema, ACTIVATION_ACTOR, type CompleteActivationInput } from "./complete-activation.js";
export { PERSONAL_MESSAGE_MAX } from "./personal-message.js";
