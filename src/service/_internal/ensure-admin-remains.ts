import { err, ok, type Result } from "neverthrow";
import { checkLastAdmin } from "../../access/guards/last-admin-guard.js";
import type { UserId } from "../../model/ids.js";
import type { ConflictError, DuplicateError, ForbiddenError, NotFoundError } from "../../model/tenure-error.js";
import { loadSubject } from "./load-access.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";

/**
 * Call after a command's writes that may take admin rights away (revoking a role, blocking,
 * de-activating or removing a user, changing a group, making a user third party): refuses with
 * `last_admin` if the organization would be left without a lasting admin, an active user who is not
 * third party and holds the user-management permission there. A third-party admin does not count: their
 * access ends on a date (the expiry sweep would leave the organization without an admin). Reads see
 * the command's own writes, so it judges the state the command would commit.
 *
 * It also bumps the organization's version. Two such commands running at once then conflict instead of
 * both committing, each having seen the other's admin still in place (write skew under snapshot isolation).
 */
export async function ensureAdminRemains<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
): Promise<Result<void, ForbiddenError | ConflictError | NotFoundError | DuplicateError>> {
  const touched = await c.tx.organizations.update({ ...c.organization, updatedAt: c.now });
  if (touched.isErr()) return err(touched.error);
  const admins = await countActiveAdmins(context, c);
  return admins > 0 ? ok(undefined) : checkLastAdmin(0, c.organization.id);
}

/** How many lasting admins (active, not third party, holding the user-management permission) the command's organization has, as the transaction sees it. */
export async function countActiveAdmins<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
): Promise<number> {
  const manageUsers = context.catalog.spec.administration.manageUsers;
  const organizationId = c.organization.id;
  const adminRoles = new Set(context.catalog.roleNames.filter((role) => context.catalog.permissionsOf(role).includes(manageUsers)));
  const candidates = new Set<UserId>();
  for (const assignment of await c.tx.assignments.list(organizationId)) {
    if (!adminRoles.has(assignment.role)) continue;
    if (assignment.principal.type === "user") {
      candidates.add(assignment.principal.id);
    } else {
      const group = await c.tx.groups.get(organizationId, assignment.principal.id);
      for (const member of group?.memberIds ?? []) candidates.add(member);
    }
  }
  const target = c.target();
  let admins = 0;
  for (const userId of candidates) {
    const loaded = await loadSubject(c.tx, organizationId, userId);
    if (loaded !== null && !loaded.subject.thirdParty && context.access.effective(loaded.subject, target, c.now).has(manageUsers)) admins += 1;
  }
  return admins;
}
