import { err, ok, type Result } from "neverthrow";
import { PLATFORM_TARGET } from "../../../../access/access-target.js";
import { maySuperAdminister } from "../../../../access/guards/administration-guards.js";
import type { UserId } from "../../../../model/ids.js";
import type { ForbiddenError } from "../../../../model/tenure-error.js";
import { loadSubject } from "../../../_internal/load-access.js";
import type { CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";

/**
 * Choosing the password of a super admin needs a super admin: otherwise an organization's admin could
 * set a platform superuser's password (who happens to be a member) and sign in as them. The target's
 * grants count whatever their current standing, so a blocked super admin is protected too.
 */
export async function guardPasswordTarget<P extends string, UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<P, string, string, UA, OA, Native>, "catalog" | "access">,
  c: CommandScope<P, UA, OA, Native>,
  userId: UserId,
): Promise<Result<void, ForbiddenError>> {
  const loaded = await loadSubject(c.tx, c.organization.id, userId);
  if (loaded === null) return ok(undefined);
  const asIfActive = { ...loaded.subject, account: { status: "active" as const }, thirdParty: false };
  const superAdmin = context.catalog.spec.administration.superAdmin;
  if (!context.access.effective(asIfActive, PLATFORM_TARGET, c.now).has(superAdmin)) return ok(undefined);
  const allowed = maySuperAdminister(context.catalog, c.actorPermissionsAt(PLATFORM_TARGET));
  return allowed.isErr() ? err(allowed.error) : ok(undefined);
}
