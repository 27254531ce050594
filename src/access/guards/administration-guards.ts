import { err, ok, type Result } from "neverthrow";
import type { Settings } from "../../model/settings.js";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import type { Catalog } from "../catalog.js";
import type { EffectivePermissions } from "../effective-permissions.js";

/**
 * Managing the users of an organization (adding, editing, blocking, removing, granting roles) needs the
 * catalog's `administration.manageUsers` permission there, held directly or by delegation. A customer
 * manager therefore acts in customer organizations and not in his own, with no special case.
 *
 * @param actorHere - the actor's effective permissions in the organization being managed.
 */
export function mayManageUsers<P extends string>(catalog: Catalog<P, string, string>, actorHere: EffectivePermissions<P>): Result<void, ForbiddenError> {
  const permission = catalog.spec.administration.manageUsers;
  return actorHere.has(permission)
    ? ok(undefined)
    : err(TenureErrors.forbidden("manage_users", `Managing users here needs the permission "${permission}".`));
}

/** Holding the super admins' permission (`administration.superAdmin`): system-wide actions such as "remove from all zones". */
export function maySuperAdminister<P extends string>(catalog: Catalog<P, string, string>, actorHere: EffectivePermissions<P>): Result<void, ForbiddenError> {
  const permission = catalog.spec.administration.superAdmin;
  return actorHere.has(permission)
    ? ok(undefined)
    : err(TenureErrors.forbidden("super_admin", `Only super admins (permission "${permission}") may do this.`));
}

/**
 * Adding and editing user data: any admin, unless the setting `userDataEditors` is `super_admins`
 * (the zoned workspace: "otherwise only the Zone Super Admin and System Admin can do so").
 */
export function mayEditUserData<P extends string>(
  catalog: Catalog<P, string, string>,
  settings: Pick<Settings, "userDataEditors">,
  actorHere: EffectivePermissions<P>,
): Result<void, ForbiddenError> {
  return circleGuard(catalog, settings.userDataEditors, actorHere, "edit_user_data", "edit user data");
}

/** Running a directory (LDAP) update: any admin, unless `directoryUpdaters` is `super_admins` (`AdminsCanUpdateFromLDAP` = NO). */
export function mayRunDirectoryUpdate<P extends string>(
  catalog: Catalog<P, string, string>,
  settings: Pick<Settings, "directoryUpdaters">,
  actorHere: EffectivePermissions<P>,
): Result<void, ForbiddenError> {
  return circleGuard(catalog, settings.directoryUpdaters, actorHere, "directory_update", "run a directory update");
}

function circleGuard<P extends string>(
  catalog: Catalog<P, string, string>,
  circle: Settings["userDataEditors"],
  actorHere: EffectivePermissions<P>,
  rule: string,
  action: string,
): Result<void, ForbiddenError> {
  const { manageUsers, superAdmin } = catalog.spec.administration;
  if (actorHere.has(superAdmin)) return ok(undefined);
  if (circle === "any_admin" && actorHere.has(manageUsers)) return ok(undefined);
  const who = circle === "any_admin" ? `admins ("${manageUsers}") and super admins` : `super admins ("${superAdmin}")`;
  return err(TenureErrors.forbidden(rule, `Only ${who} may ${action} here.`));
}
