import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";

/** How many lasting admins an organization has before a change and would have after it. */
export interface AdminCounts {
  readonly before: number;
  readonly after: number;
}

/**
 * An organization never loses its last admin: a change that takes its lasting admins (active, not third
 * party, holding the user-management permission there, its own or a partner's customer managers by
 * delegation) from at least one to none is refused. A change is never refused merely because there was
 * no admin before it: an organization without one stays administrable (by its partner's customer
 * manager, or a super admin) and may be put right.
 *
 * @example
 * ```ts
 * checkLastAdmin({ before: 1, after: 0 }, customer.id); // Err: forbidden, rule last_admin
 * checkLastAdmin({ before: 0, after: 0 }, customer.id); // Ok: there was no admin to lose
 * ```
 */
export function checkLastAdmin(admins: AdminCounts, organizationId: string): Result<void, ForbiddenError> {
  return admins.before === 0 || admins.after > 0
    ? ok(undefined)
    : err(
        TenureErrors.forbidden(
          "last_admin",
          "This would leave the organization without an admin. Make someone else an admin first.",
          organizationId,
        ),
      );
}
