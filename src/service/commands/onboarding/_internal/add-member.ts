import { errorAtInput } from "../../../../model/field-path.js";
import { err, ok, type Result } from "neverthrow";
import type { RequestedExpiry } from "../../../../expiry/access-end.js";
import { checkRequestedExpiry, defaultExpiry } from "../../../../expiry/access-window.js";
import type { AccountState } from "../../../../model/account-state.js";
import type { UserId } from "../../../../model/ids.js";
import type { RoleAssignment } from "../../../../model/role-assignment.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import { draftUser } from "../../../../model/user-draft.js";
import type { ExistingUserData } from "../../../../model/user-validation.js";
import type { CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { grantInitialRoles, type PlacedRole } from "./initial-roles.js";


/** A new member as stored: the user, the warnings their data raised, and the roles they were given. */
export interface AddedMember<UA extends object> {
  readonly user: User<UA>;
  readonly warnings: readonly Diagnostic[];
  readonly assignments: readonly RoleAssignment[];
}

/**
 * Adds a user to the command's organization: builds the record with `draftUser` (the user-data rules
 * against the users sharing the e-mail or full name: errors refuse, warnings are returned; every
 * finding's field is prefixed with `user.`), stores it, stores its credential (`passwordHash` as given,
 * `null` until the user chooses one), and grants `roles`. A third-party user's access ends after the
 * configured maximum number of days. A taken username is a `duplicate` error.
 */
export async function addMember<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "model">,
  c: CommandScope<string, UA, OA, Native>,
  input: {
    readonly user: { readonly email: string; readonly fullName: string; readonly thirdParty?: boolean };
    readonly account: AccountState;
    readonly roles: readonly PlacedRole[];
    readonly passwordHash: string | null;
    /** The requested last day of a third-party user's access; the maximum when absent. */
    readonly thirdPartyLastDay?: RequestedExpiry;
  },
): Promise<Result<AddedMember<UA>, TenureError>> {
  const organizationId = c.organization.id;
  if (input.user.thirdParty === true && !c.settings.thirdParty.enabled) {
    return err(TenureErrors.forbidden("third_party_disabled", "Third-party user management is switched off for this organization."));
  }
  if (input.thirdPartyLastDay !== undefined && input.user.thirdParty !== true) {
    return err(
      TenureErrors.validation([
        { severity: "error", field: "thirdPartyLastDay", code: "not_third_party", message: "A last day of access is only for third-party users." },
      ]),
    );
  }
  const accessExpiresAt =
    input.user.thirdParty !== true
      ? ok(null)
      : input.thirdPartyLastDay === undefined
        ? ok(defaultExpiry(c.now, c.settings))
        : checkRequestedExpiry(input.thirdPartyLastDay, c.now, c.settings);
  if (accessExpiresAt.isErr()) return err(errorAtInput(accessExpiresAt.error, () => "thirdPartyLastDay"));
  const [sameEmail, sameName] = await Promise.all([
    c.tx.users.findByEmail(organizationId, input.user.email),
    c.tx.users.findByFullName(organizationId, input.user.fullName),
  ]);
  const others = new Map<string, ExistingUserData>([...sameEmail, ...sameName].map((other) => [other.id, other]));
  const draft = draftUser<UA>(input.user, {
    id: c.newId("user") as UserId,
    organizationId,
    now: c.now,
    model: context.model,
    settings: c.settings,
    others: others.values(),
    account: input.account,
    invitedBy: c.actor.type === "user" ? c.actor.user.id : null,
    // A new third-party user's access runs for the requested days or the maximum, in calendar days of the organization's time zone.
    accessExpiresAt: accessExpiresAt.value,
  });
  if (draft.isErr()) return err(TenureErrors.validation(draft.error.issues.map(prefixed)));
  // Where the settings enforce unique e-mail, the store's unique index also stops a concurrent twin.
  const inserted = await c.tx.users.insert(draft.value.user, { uniqueEmail: c.settings.emailUniqueness === "enforce" });
  if (inserted.isErr()) return err(inserted.error);
  const user = inserted.value;
  const credential = await c.tx.credentials.insert({
    userId: user.id,
    organizationId,
    passwordHash: input.passwordHash,
    mustChangePassword: false,
    failedAttempts: 0,
    lockedUntil: null,
    version: 0,
    updatedAt: c.now,
  });
  if (credential.isErr()) return err(credential.error);
  const assignments = await grantInitialRoles(c, user.id, input.roles);
  if (assignments.isErr()) return err(assignments.error);
  return ok({ user, warnings: draft.value.warnings.map(prefixed), assignments: assignments.value });
}

function prefixed(finding: Diagnostic): Diagnostic {
  return { ...finding, field: finding.field === "" ? "user" : `user.${finding.field}` };
}
