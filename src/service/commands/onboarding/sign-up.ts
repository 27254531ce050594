import { err, errAsync, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { initialAccountState } from "../../../lifecycle/member-plan.js";
import { organizationIdSchema } from "../../../model/ids.js";
import { parseInput } from "../../../model/parse-input.js";
import type { TenureError } from "../../../model/tenure-error.js";
import { audienceSchema, type User } from "../../../model/user.js";
import { newUserInputSchema } from "../../../model/user-draft.js";
import { systemActor } from "../../actor.js";
import { runCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { admitMember } from "../../_internal/admit-member.js";
import { memberJson, rolesJson } from "./_internal/audit-json.js";
import { checkPasswordPolicy } from "../credentials/check-password-policy.js";

/** The system actor name under which self sign-ups appear in the audit log. */
export const SIGN_UP_ACTOR = "sign-up";

/** What signing up takes: the organization, the person's own data, and the password they choose. */
export const signUpInputSchema = z.object({
  organizationId: organizationIdSchema,
  /**
   * The person's data: the profile fields and the host's attributes only. Nobody grants themselves
   * workflow access, third-party status or a directory identity; the audience defaults to `external`
   * (who sees only the users they share a group with), and only the host may set another.
   */
  user: newUserInputSchema
    .pick({
      username: true,
      fullName: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      pager: true,
      cellphone: true,
      location: true,
      company: true,
      attributes: true,
    })
    .extend({ audience: audienceSchema.default("external") })
    .strict(),
  /** The password: at least 10 characters, and not the username nor the e-mail address. */
  password: z.string(),
});
/** See {@link signUpInputSchema}. */
export type SignUpInput = z.input<typeof signUpInputSchema>;

/**
 * A person signs up to an organization by themselves (the marketplace's external supplier sign-up). The
 * host calls this only for organizations where it allows self sign-up: `tenure` keeps no such switch.
 * There is no signed-in actor; the audit event `user.signed_up` is written by the system actor
 * `sign-up`.
 *
 * - The data passes the user-data rules (errors refuse, naming `user.<field>`; a taken username is a
 *   `duplicate`). Warnings such as a duplicate e-mail are not returned to the person signing up (that
 *   would tell a stranger who else has an account); they go into the audit event for the admins.
 * - The password follows the policy and is stored hashed.
 * - The catalog's default roles are given ("default roles on joining"); the organization's first
 *   member also receives `administration.firstMemberRoles` (so a host that opens sign-up to an empty
 *   organization makes the first person to sign up its admin, pending verification under
 *   `forceVerify`).
 * - With the `forceVerify` setting ("Force Verify User") the account waits in `pending_verification`,
 *   holding no permission at all, until an admin verifies it (and may first revoke default roles);
 *   otherwise it is `active` at once.
 * - A self sign-up never becomes the organization's contact person.
 *
 * @example
 * ```ts
 * const user = await signUp(context, {
 *   organizationId: marketplace.id,
 *   user: { username: "sam", fullName: "Sam Supplier", email: "sam@supplier.example" },
 *   password: form.password,
 * });
 * ```
 */
export function signUp<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: SignUpInput,
): ResultAsync<User<UA>, TenureError> {
  const parsed = parseInput(signUpInputSchema, input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const value = parsed.value;
  const policy = checkPasswordPolicy(value.password, value.user);
  if (policy.isErr()) return errAsync(policy.error);
  return runCommand(context, {
    actor: systemActor(SIGN_UP_ACTOR),
    organizationId: value.organizationId,
    rule: { needs: "system" },
    work: async (c) => {
      const account = initialAccountState("signed_up", c.now, c.settings);
      if (account.isErr()) return err(account.error);
      const passwordHash = await context.hasher.hash(value.password);
      const admitted = await admitMember(context, c, {
        user: value.user,
        account: account.value,
        roles: undefined,
        passwordHash,
        invitation: null,
        mayBecomeContactPerson: false,
      });
      if (admitted.isErr()) return err(admitted.error);
      const { user, warnings, roles } = admitted.value;
      return ok({
        value: user,
        audit: {
          action: "user.signed_up",
          target: { entity: "user", id: user.id },
          before: null,
          after: { ...memberJson(user), roles: rolesJson(roles) },
          details: {
            awaitingVerification: account.value.status === "pending_verification",
            firstMember: admitted.value.first,
            firstMemberRoles: admitted.value.firstMemberRoles.map((placed) => placed.role),
            warnings: warnings.map((warning) => ({ field: warning.field, code: warning.code, message: warning.message })),
          },
        },
        invalidate: { users: [user.id] },
      });
    },
  });
}
