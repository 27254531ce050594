import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";

/**
 * An organization never loses its last admin: a change that would leave no active user holding the
 * user-management permission there (revoking, blocking, de-activating or removing the last one) is
 * refused.
 *
 * @param adminsAfter - how many active admins the organization would have after the change.
 */
export function checkLastAdmin(adminsAfter: number, organizationId: string): Result<void, ForbiddenError> {
  return adminsAfter > 0
    ? ok(undefined)
    : err(
        TenureErrors.forbidden(
          "last_admin",
          "This would leave the organization without an admin. Make someone else an admin first.",
          organizationId,
        ),
      );
}
