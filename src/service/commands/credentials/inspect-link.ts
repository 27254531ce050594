import { err, errAsync, ok, ResultAsync } from "neverthrow";
import * as z from "zod";
import type { OrganizationId } from "../../../model/ids.js";
import { parseInput } from "../../../model/parse-input.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { TokenPurpose } from "../../../model/token.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { PASSWORD_POLICY } from "./check-password-policy.js";
import { judgeLink } from "./redeem-password-link.js";
import { linkSecretSchema } from "./_internal/credential-fields.js";

/** What rendering a "set your password" page takes: the secret the link carried. */
export const inspectLinkInputSchema = z.object({
  /** The secret the link carried (an invitation, activation or password-reset link). */
  secret: linkSecretSchema,
});
/** See {@link inspectLinkInputSchema}. */
export type InspectLinkInput = z.input<typeof inspectLinkInputSchema>;

/** A field a "set your password" page asks for. Every link asks for the password only: an invitation carries the name the admin typed. */
export type LinkPageField = "password";

/** What a "set your password" page shows before the user submits it. */
export interface LinkInspection {
  /** What the link is for: the page's title ("accept the invitation", "activate", "reset"). */
  readonly purpose: TokenPurpose;
  readonly organizationId: OrganizationId;
  readonly organizationName: string;
  /** The account the password is for, as the link's mail named it to its holder. */
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  /** When the link stops working. */
  readonly expiresAt: Date;
  /** Whether submitting accepts an invitation (an invitation link, or a reset link of an invited account). */
  readonly acceptsInvitation: boolean;
  /** The fields to ask for. */
  readonly fields: readonly LinkPageField[];
  /** The bounds of the password, in characters, for the form's hints (see `checkPasswordPolicy`). */
  readonly passwordPolicy: { readonly minLength: number; readonly maxLength: number };
}

/**
 * Reads a set-password link to render its page before submit (no actor; it reads only and never
 * consumes the link). It answers `Ok` exactly when {@link setPasswordWithLink} with a password that
 * passes the policy would succeed now, and otherwise the error that submit would answer: one
 * `invalid_token` for an unknown, used, expired or revoked link or one whose user is gone (its `reason`
 * is for logs), `invalid_state` for an account the link cannot serve. It tells the holder of a valid
 * link what the link's mail told them (the account and its organization) and nothing about any other
 * account.
 *
 * @example
 * ```ts
 * const page = await tenure.credentials.inspectLink({ secret });
 * if (page.isErr()) return render("link-expired");
 * render("set-password", { title: page.value.purpose, username: page.value.username, until: page.value.expiresAt });
 * ```
 */
export function inspectLink<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: InspectLinkInput,
): ResultAsync<LinkInspection, TenureError> {
  const parsed = parseInput(inspectLinkInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { secret } = parsed.value;
  return ResultAsync.fromSafePromise(
    context.store.transaction(async (tx) => {
      const link = await judgeLink(tx, secret, undefined, context.clock.now());
      if (link.isErr()) return err(link.error);
      const { token, user, plan } = link.value;
      const organization = await tx.organizations.get(token.organizationId);
      if (organization === null) return err(TenureErrors.invalidToken("unknown"));
      return ok<LinkInspection>({
        purpose: plan.purpose,
        organizationId: organization.id,
        organizationName: organization.name,
        username: user.username,
        fullName: user.fullName,
        email: user.email,
        expiresAt: token.expiresAt,
        acceptsInvitation: plan.invitation !== null,
        fields: ["password"],
        passwordPolicy: { minLength: PASSWORD_POLICY.minLength, maxLength: PASSWORD_POLICY.maxLength },
      });
    }),
  ).andThen((result) => result);
}
