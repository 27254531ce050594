import { err, ok, type Result } from "neverthrow";
import type { UserId } from "../../../../model/ids.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { CommandScope } from "../../../_internal/run-command.js";
import type { AdmissionRoles } from "./initial-roles.js";

/**
 * Writes the organization record when an admission admits its first member with first-member roles, or
 * makes a user its contact person: the write bumps the organization's version, so of two concurrent
 * admissions that both saw an empty organization, one commits and the other is a `conflict` (retried,
 * it sees the first member). Writes nothing otherwise.
 */
export async function claimFirstMember<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  admission: Pick<AdmissionRoles, "first" | "firstMemberRoles">,
  contactPersonId: UserId | null,
): Promise<Result<void, TenureError>> {
  const claims = admission.first && admission.firstMemberRoles.length > 0;
  if (!claims && contactPersonId === null) return ok(undefined);
  const updated = await c.tx.organizations.update({
    ...c.organization,
    ...(contactPersonId === null ? {} : { contactPersonId }),
    updatedAt: c.now,
  });
  return updated.isErr() ? err(updated.error) : ok(undefined);
}
