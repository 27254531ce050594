import { err, ok, type Result } from "neverthrow";
import type { Settings } from "../../model/settings.js";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import type { Audience } from "../../model/user.js";
import type { Catalog } from "../catalog.js";
import type { EffectivePermissions } from "../effective-permissions.js";

/**
 * What an actor is to one organization, from least to most: nobody (another organization's user who
 * does not administer this one, or an account that is not active now), a member (an active user of the
 * organization, with the audience that decides what they see), an administrator (holds the catalog's
 * user-management permission here, directly, through a group or by delegation), a super admin (holds
 * the super admins' permission at the platform), or the trusted system.
 */
export type Standing =
  | { readonly level: "none" }
  | { readonly level: "member"; readonly audience: Audience }
  | { readonly level: "administrator" }
  | { readonly level: "super_admin" }
  | { readonly level: "system" };

/** What a command or query needs of its actor in the organization it is about. */
export type StandingNeed =
  /** Any active member, and everyone above. */
  | "member"
  /** Whoever manages the organization's users, and everyone above. */
  | "administrator"
  /** Whoever may edit user data under the `userDataEditors` setting: any administrator, or super admins only. */
  | "user_data_editor"
  /** Whoever may run a directory update under the `directoryUpdaters` setting (`AdminsCanUpdateFromLDAP`): any administrator, or super admins only. */
  | "directory_updater"
  /** Super admins and the system. */
  | "super_admin";

/** The facts a standing is judged from, gathered by the service in the command's unit of work. */
export type StandingFacts<P extends string> =
  | { readonly type: "system" }
  | {
      readonly type: "user";
      /** The organization the actor's account belongs to. */
      readonly homeOrganizationId: string;
      readonly audience: Audience;
      /** Whether the account may hold permissions now (see `accountStanding`). */
      readonly active: boolean;
      /** The actor's effective permissions in the organization asked about. */
      readonly here: EffectivePermissions<P>;
      /** The actor's effective permissions at the platform. */
      readonly atPlatform: EffectivePermissions<P>;
    };

const RANK = { none: 0, member: 1, administrator: 2, super_admin: 3, system: 4 } as const;

/**
 * The standing of an actor in `organizationId`. An account that is not active now (blocked, de-activated,
 * removed, pending, invited, or a third-party user past their date) has none anywhere, whatever it holds.
 */
export function standingIn<P extends string>(catalog: Catalog<P, string, string>, organizationId: string, facts: StandingFacts<P>): Standing {
  if (facts.type === "system") return { level: "system" };
  if (!facts.active) return { level: "none" };
  const { manageUsers, superAdmin } = catalog.spec.administration;
  if (facts.atPlatform.has(superAdmin) || facts.here.has(superAdmin)) return { level: "super_admin" };
  if (facts.here.has(manageUsers)) return { level: "administrator" };
  if (facts.homeOrganizationId === organizationId) return { level: "member", audience: facts.audience };
  return { level: "none" };
}

/** Whether a standing is at least another (`system` ≥ `super_admin` ≥ `administrator` ≥ `member` ≥ `none`). */
export function standsAtLeast(standing: Standing, level: Standing["level"]): boolean {
  return RANK[standing.level] >= RANK[level];
}

/**
 * Checks a standing against what a command needs, refusing with a `forbidden` error whose `rule` names
 * what was missing: `no_standing` (not a member, not an administrator here, or not active),
 * `manage_users`, `edit_user_data`, `directory_update` or `super_admin`.
 */
export function checkStanding<P extends string>(
  catalog: Catalog<P, string, string>,
  settings: Pick<Settings, "userDataEditors" | "directoryUpdaters">,
  standing: Standing,
  need: StandingNeed,
): Result<void, ForbiddenError> {
  const { manageUsers, superAdmin } = catalog.spec.administration;
  if (standing.level === "none") {
    return err(TenureErrors.forbidden("no_standing", "You are not an active member of this organization, nor do you administer it."));
  }
  if (need === "member") return ok(undefined);
  if (need === "super_admin") {
    return standsAtLeast(standing, "super_admin")
      ? ok(undefined)
      : err(TenureErrors.forbidden("super_admin", `Only super admins (permission "${superAdmin}") may do this.`));
  }
  if (!standsAtLeast(standing, "administrator")) {
    return err(TenureErrors.forbidden("manage_users", `Managing users here needs the permission "${manageUsers}".`));
  }
  if (need === "user_data_editor" && settings.userDataEditors === "super_admins" && !standsAtLeast(standing, "super_admin")) {
    return err(TenureErrors.forbidden("edit_user_data", `Only super admins ("${superAdmin}") may edit user data here.`));
  }
  if (need === "directory_updater" && settings.directoryUpdaters === "super_admins" && !standsAtLeast(standing, "super_admin")) {
    return err(TenureErrors.forbidden("directory_update", `Only super admins ("${superAdmin}") may run a directory update here.`));
  }
  return ok(undefined);
}

/**
 * A super admin's account is touched only by super admins and the system: an organization's
 * administrators manage its users, not the platform's superusers who happen to be members, and must
 * not be able to take one over (by changing the e-mail a reset link goes to, a password, a role, a
 * third-party window …). Acting on one's own account is not "touching another's".
 */
export function checkTargetAccount(
  standing: Standing,
  target: { readonly userId: string; readonly isSuperAdmin: boolean },
  actorUserId: string | null,
): Result<void, ForbiddenError> {
  if (!target.isSuperAdmin || standsAtLeast(standing, "super_admin") || target.userId === actorUserId) return ok(undefined);
  return err(TenureErrors.forbidden("super_admin_target", "Only a super admin may act on a super admin's account.", target.userId));
}

/**
 * Nobody takes their own rights away (blocking, de-activating or removing their own account, shortening
 * or ending their own third-party window) nor extends their own access: another admin must do it, so an
 * admin never locks themselves out by mistake and nobody lengthens their own stay.
 */
export function checkNotOwnAccount(targets: readonly string[], actorUserId: string | null, verb: string): Result<void, ForbiddenError> {
  return actorUserId !== null && targets.includes(actorUserId)
    ? err(TenureErrors.forbidden("own_account", `You cannot ${verb} your own account; another admin must do it.`, actorUserId))
    : ok(undefined);
}
