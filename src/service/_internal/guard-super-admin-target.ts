import { ok, type Result } from "neverthrow";
import { PLATFORM_TARGET } from "../../access/access-target.js";
import { maySuperAdminister } from "../../access/guards/administration-guards.js";
import type { UserId } from "../../model/ids.js";
import type { ForbiddenError } from "../../model/tenure-error.js";
import { loadSubject } from "./load-access.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";

/**
 * Acting on a super admin's account (blocking, de-activating, removing it, releasing its 2FA, choosing
 * its password) needs a super admin: an organization's admins manage its users, not the platform's
 * superusers who happen to be members, and must not be able to take one over. The target's grants count
 * whatever their current standing, so a blocked super admin is protected too.
 */
export async function guardSuperAdminTarget<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
  userId: UserId,
): Promise<Result<void, ForbiddenError>> {
  const loaded = await loadSubject(c.tx, c.organization.id, userId);
  if (loaded === null) return ok(undefined);
  const asIfActive = { ...loaded.subject, account: { status: "active" as const }, thirdParty: false };
  const superAdmin = context.catalog.spec.administration.superAdmin;
  if (!context.access.effective(asIfActive, PLATFORM_TARGET, c.now).has(superAdmin)) return ok(undefined);
  return maySuperAdminister(context.catalog, c.actorPermissionsAt(PLATFORM_TARGET));
}
