import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { initialAccountState } from "../../../lifecycle/member-plan.js";
import { organizationIdSchema } from "../../../model/ids.js";
import type { Invitation } from "../../../model/invitation.js";
import type { ScopeRef } from "../../../model/scope.js";
import type { Diagnostic, TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import { newUserInputSchema } from "../../../model/user-draft.js";
import type { Actor } from "../../actor.js";
import { admitMember } from "../../_internal/admit-member.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { invitationJson, memberJson, rolesJson } from "./_internal/audit-json.js";
import { initialRoleSchema, INITIAL_ROLES_MAX } from "./_internal/initial-role-input.js";
import { personalMessageSchema } from "./personal-message.js";
import { boundedString } from "../../../model/bounded-string.js";

/** What inviting a user takes: the organization, the new user's data, their roles, and how to start. */
export const inviteUserInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The new user's data, checked by the user-data rules (a directory user comes from a directory sync, not from here). */
  user: newUserInputSchema.omit({ source: true }).strict(),
  /**
   * Exactly the roles the user gets, each in the organization (the default) or a scope below it. When
   * given, no default role is added: the user never holds one an admin must revoke afterwards. When
   * absent, the catalog's default roles are given.
   */
  roles: z.array(initialRoleSchema).max(INITIAL_ROLES_MAX).optional(),
  /** Instant activation (the marketplace's "Keep Activate User enabled"): the account starts `active`, not `invited`. */
  activate: z.boolean().default(false),
  /** Send the invitation mail now (the partner portal's "Send sign in-invitation"); otherwise send it later. */
  sendInvitation: z.boolean().default(true),
  /** A personal message shown in the invitation mail (at most 4000 characters). */
  message: personalMessageSchema.optional(),
  /**
   * For a third-party user (`user.thirdParty: true`): the last day of access, `YYYY-MM-DD` in the
   * organization's time zone, within the configured maximum. Without it, access runs for the maximum.
   */
  thirdPartyLastDay: z.union([boundedString(10).regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" }), z.date()]).optional(),
});
/** See {@link inviteUserInputSchema}; the role names are typed by the catalog. */
export type InviteUserInput<R extends string = string> = Omit<z.input<typeof inviteUserInputSchema>, "roles"> & {
  readonly roles?: readonly { readonly role: R; readonly scope?: ScopeRef }[];
};

/** The invited user, their invitation, and the warnings their data raised (shown to the admin: "warn, but allow"). */
export interface InvitedUser<UA extends object> {
  readonly user: User<UA>;
  readonly invitation: Invitation;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Invites a new user into an organization ("Add user" / "Invite user"). The actor must manage users
 * there (a customer manager adds users to the customer companies of his partner, not to his own) and
 * may add user data (`userDataEditors`).
 *
 * - The user's data passes the user-data rules (errors refuse, naming `user.<field>`; a duplicate
 *   e-mail or full name is a warning, returned).
 * - The account starts `invited`, or `active` with `activate: true`; either way it has no password
 *   (its credential's hash is `null`) until the user chooses one through a link: no password is mailed.
 * - Roles: exactly `roles` when given, each checked like a grant (known role, scope of this
 *   organization, grantable there and in this organization's kind, within the entitlements, no
 *   escalation, requirements met by the set as a whole); otherwise the catalog's default roles. An
 *   instantly activated user therefore never holds a role the admin did not choose.
 * - The organization's first member (it had no user but removed ones) also receives the catalog's
 *   `administration.firstMemberRoles` (the partner portal's company admin).
 * - The organization's first user (it has no contact person yet) becomes its contact person.
 * - An invitation records the roles and the message; with `sendInvitation` (the default) it is sent
 *   now: a single-use link in the `invitation` mail, queued in the same unit of work.
 *
 * Writes one audit event, `user.invited`.
 *
 * @example
 * ```ts
 * const invited = await inviteUser(context, userActor(acme.id, adminId), {
 *   organizationId: acme.id,
 *   user: { username: "ann", fullName: "Ann Lee", email: "ann@example.com", workflowAccess: true },
 *   roles: [{ role: "editor" }],
 *   message: "Welcome aboard!",
 * });
 * ```
 */
export function inviteUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: InviteUserInput<R>,
): ResultAsync<InvitedUser<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: inviteUserInputSchema,
    input,
    rule: () => ({ needs: "user_data_editor" }),
    work: async (c, value) => {
      const account = initialAccountState(value.activate ? "activated" : "invited", c.now, c.settings);
      if (account.isErr()) return err(account.error);
      const admitted = await admitMember(context, c, {
        user: value.user,
        account: account.value,
        roles: value.roles,
        passwordHash: null,
        thirdPartyLastDay: value.thirdPartyLastDay,
        invitation: { send: value.sendInvitation, message: value.message ?? null },
        mayBecomeContactPerson: true,
      });
      if (admitted.isErr()) return err(admitted.error);
      const { user, warnings, roles, contactPerson } = admitted.value;
      // An admission that asks for an invitation gets one.
      const invitation = admitted.value.invitation as Invitation;
      return ok({
        value: { user, invitation, warnings },
        audit: {
          action: "user.invited",
          target: { entity: "user", id: user.id },
          before: null,
          after: { ...memberJson(user), roles: rolesJson(roles) },
          details: {
            invitation: invitationJson(invitation),
            defaultRoles: value.roles === undefined,
            activated: value.activate,
            contactPerson,
            firstMember: admitted.value.first,
            firstMemberRoles: admitted.value.firstMemberRoles.map((placed) => placed.role),
            personalMessage: value.message !== undefined,
            warnings: warnings.map((warning) => warning.code),
          },
        },
        invalidate: { users: [user.id] },
      });
    },
  });
}
