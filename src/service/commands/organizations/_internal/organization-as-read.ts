import { err, ok, type Result } from "neverthrow";
import type { Organization } from "../../../../model/organization.js";
import { TenureErrors, type ConflictError } from "../../../../model/tenure-error.js";

/** The command's organization if it is still at the version the caller read; a `conflict` otherwise (never a lost update). */
export function organizationAsRead<OA extends object>(organization: Organization<OA>, expectedVersion: number): Result<Organization<OA>, ConflictError> {
  return organization.version === expectedVersion
    ? ok(organization)
    : err(TenureErrors.conflict("organization", organization.id, expectedVersion, organization.version));
}
