import type { Result } from "neverthrow";
import type { OrganizationId, RoleAssignmentId } from "../model/ids.js";
import type { Principal, RoleAssignment } from "../model/role-assignment.js";
import type { ScopeRef } from "../model/scope.js";
import type { NotFoundError } from "../model/tenure-error.js";
import type { InsertResult } from "./write-result.js";

/**
 * Stores role assignments, scoped to the organization of their principal. Assignments are never
 * edited, only granted and revoked. A principal holds a role in a scope at most once
 * (`duplicate` on `role`).
 */
export interface RoleAssignmentRepository {
  /** The assignment, or `null`. */
  get(organizationId: OrganizationId, id: RoleAssignmentId): Promise<RoleAssignment | null>;
  /** Every assignment held by one of these principals, ordered by id. */
  listForPrincipals(organizationId: OrganizationId, principals: readonly Principal[]): Promise<RoleAssignment[]>;
  /** Every assignment of the organization in exactly this scope, ordered by id. */
  listForScope(organizationId: OrganizationId, scope: ScopeRef): Promise<RoleAssignment[]>;
  /** Every assignment of the organization, of one role if given, ordered by id. */
  list(organizationId: OrganizationId, options?: { readonly role?: string }): Promise<RoleAssignment[]>;
  /** Stores a new assignment. */
  insert(assignment: RoleAssignment): InsertResult<RoleAssignment>;
  /** Revokes an assignment. */
  delete(organizationId: OrganizationId, id: RoleAssignmentId): Promise<Result<void, NotFoundError>>;
}
