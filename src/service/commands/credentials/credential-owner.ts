import type { OrganizationId, UserId } from "../../../model/ids.js";

/**
 * The account a password belongs to: what a password reset or password change answers, and what a
 * sign-in names (see `SignInResult`), so the host can start its own session (sessions are the host's business).
 */
export interface CredentialOwner {
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
}
