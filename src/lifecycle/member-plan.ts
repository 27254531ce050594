import { err, ok, type Result } from "neverthrow";
import type { RequestedExpiry } from "../expiry/access-end.js";
import { checkRequestedExpiry, defaultExpiry } from "../expiry/access-window.js";
import type { AccountState } from "../model/account-state.js";
import { errorAtInput } from "../model/field-path.js";
import type { Settings } from "../model/settings.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../model/tenure-error.js";
import { draftUser, type UserDraft, type UserDraftContext } from "../model/user-draft.js";
import { transitionAccount } from "./account-lifecycle.js";

/** How an admission starts the account: invited (waits for the user), activated at once by an admin, or a self sign-up. */
export type AdmissionStart = "invited" | "activated" | "signed_up";

/**
 * The state a new account starts in: `invited`; `active` for an instant activation (the invitation's
 * `activate`, through the account state machine); for a self sign-up `pending_verification` under
 * the `forceVerify` setting, else `active`.
 */
export function initialAccountState(start: AdmissionStart, now: Date, settings: Pick<Settings, "forceVerify">): Result<AccountState, TenureError> {
  if (start === "signed_up") return ok(settings.forceVerify ? { status: "pending_verification" } : { status: "active" });
  const invited: AccountState = { status: "invited" };
  return start === "activated" ? transitionAccount("new", invited, { type: "activate" }, now) : ok(invited);
}

/**
 * The third-party window of a new user: `null` for a regular user; for a third-party one the
 * requested last day (checked against the configured maximum, errors at `thirdPartyLastDay`) or the
 * maximum. Refused with `third_party_disabled` when third-party management is off, and with
 * `not_third_party` (at `thirdPartyLastDay`) when a regular user is given a last day.
 */
export function planAccessWindow(
  input: { readonly thirdParty?: boolean | undefined; readonly thirdPartyLastDay?: RequestedExpiry | undefined },
  now: Date,
  settings: Pick<Settings, "timeZone" | "thirdParty">,
): Result<Date | null, TenureError> {
  if (input.thirdParty === true && !settings.thirdParty.enabled) {
    return err(TenureErrors.forbidden("third_party_disabled", "Third-party user management is switched off for this organization."));
  }
  if (input.thirdPartyLastDay !== undefined && input.thirdParty !== true) {
    return err(
      TenureErrors.validation([
        { severity: "error", field: "thirdPartyLastDay", code: "not_third_party", message: "A last day of access is only for third-party users." },
      ]),
    );
  }
  if (input.thirdParty !== true) return ok(null);
  // A new third-party user's access runs for the requested days or the maximum, in calendar days of the organization's time zone.
  const expiresAt = input.thirdPartyLastDay === undefined ? ok(defaultExpiry(now, settings)) : checkRequestedExpiry(input.thirdPartyLastDay, now, settings);
  return expiresAt.isErr() ? err(errorAtInput(expiresAt.error, () => "thirdPartyLastDay")) : ok(expiresAt.value);
}

/** What {@link planMember} drafts from: the new user's data (as the host passed it under `user`) and the requested last day. */
export interface MemberPlanInput {
  readonly user: { readonly email: string; readonly fullName: string; readonly thirdParty?: boolean | undefined };
  readonly thirdPartyLastDay?: RequestedExpiry | undefined;
}

/**
 * The member plan of one admission, pure: the third-party window ({@link planAccessWindow}), then the
 * user record by `draftUser` (the user-data rules against the users sharing the e-mail or full name:
 * errors refuse, warnings are returned), every finding's field prefixed with `user.`. The caller
 * stores the result.
 */
export function planMember<UA extends object>(
  input: MemberPlanInput,
  context: Omit<UserDraftContext<UA>, "accessExpiresAt">,
): Result<UserDraft<UA>, TenureError> {
  const window = planAccessWindow({ thirdParty: input.user.thirdParty, thirdPartyLastDay: input.thirdPartyLastDay }, context.now, context.settings);
  if (window.isErr()) return err(window.error);
  const draft = draftUser<UA>(input.user, { ...context, accessExpiresAt: window.value });
  if (draft.isErr()) return err(TenureErrors.validation(draft.error.issues.map(prefixed)));
  return ok({ user: draft.value.user, warnings: draft.value.warnings.map(prefixed) });
}

function prefixed(finding: Diagnostic): Diagnostic {
  return { ...finding, field: finding.field === "" ? "user" : `user.${finding.field}` };
}
