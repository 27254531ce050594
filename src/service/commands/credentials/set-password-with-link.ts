import { errAsync, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { parseInput } from "../../../model/parse-input.js";
import type { OrganizationId, UserId } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { TokenPurpose } from "../../../model/token.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { redeemPasswordLink } from "./redeem-password-link.js";
import { linkSecretSchema, newPasswordSchema } from "./_internal/credential-fields.js";

/** What a host's one "set your password" page sends, whatever link opened it: the link's secret and the chosen password. */
export const setPasswordWithLinkInputSchema = z.object({
  /** The secret the link carried (an invitation, activation or password-reset link). */
  secret: linkSecretSchema,
  /** The new password; see {@link checkPasswordPolicy}. */
  password: newPasswordSchema,
});
/** See {@link setPasswordWithLinkInputSchema}. */
export type SetPasswordWithLinkInput = z.input<typeof setPasswordWithLinkInputSchema>;

/** What a set-password link did: the purpose it fulfilled, for whom, and whether an invitation was accepted. */
export interface PasswordSetWithLink {
  readonly purpose: TokenPurpose;
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
  /** `true` for an invitation link, and for a reset link that completed a pending invitation. */
  readonly invitationAccepted: boolean;
}

/**
 * A host's one "set your password" page, for every link `tenure` mails: the link's purpose comes from
 * its token, and the link does exactly what `onboarding.acceptInvitation`, `onboarding.completeActivation`
 * or `credentials.resetPassword` does with it (they share one redemption, `redeemPasswordLink`, and one
 * rule, `planPasswordLink`): the same checks, the same one-use consumption, the same audit event and
 * actor, the same errors. No actor: the link is the proof.
 *
 * - An unknown, used or expired link, or one whose user is gone, is one `invalid_token` error (its
 *   `reason` is for logs); an account the link cannot serve is `invalid_state`; a password that
 *   breaks the policy is a validation error on `password`. Each changes nothing, and the link stays usable.
 * - The answer names the purpose fulfilled, so the page can go on ("welcome", "password changed").
 *
 * Call {@link inspectLink} first to render the page.
 *
 * @example
 * ```ts
 * const done = await tenure.credentials.setPasswordWithLink({ secret: url.searchParams.get("token") ?? "", password });
 * if (done.isOk() && done.value.purpose === "invitation") showWelcome();
 * ```
 */
export function setPasswordWithLink<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: SetPasswordWithLinkInput,
): ResultAsync<PasswordSetWithLink, TenureError> {
  const parsed = parseInput(setPasswordWithLinkInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  return redeemPasswordLink(context, parsed.value).map(({ purpose, user, invitationAccepted }) => ({
    purpose,
    organizationId: user.organizationId,
    userId: user.id,
    invitationAccepted,
  }));
}
