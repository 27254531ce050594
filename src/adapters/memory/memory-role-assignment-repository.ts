import { err, ok } from "neverthrow";
import type { RoleAssignment } from "../../model/role-assignment.js";
import { scopeKey } from "../../model/scope.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { RoleAssignmentRepository } from "../../ports/role-assignment-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { Row } from "./_internal/version-chain.js";
import { assignmentUniqueKey, principalKey, type MemoryTables } from "./memory-tables.js";
import { ALL_KEY } from "./memory-user-tables.js";

/** Copies of the assignments, ordered by id. */
function byId(rows: readonly Row<RoleAssignment, null>[]): RoleAssignment[] {
  return rows
    .map((row) => row.value)
    .sort((a, b) => compareCodePoints(a.id, b.id))
    .map(cloneRecord);
}

/**
 * The role assignments of one in-memory transaction. A principal holds a role in a scope once: the
 * uniqueness table makes two concurrent grants of the same role a commit conflict.
 */
export function createMemoryRoleAssignmentRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): RoleAssignmentRepository {
  const assignments = () => transaction.view(tables.assignments);
  return {
    async get(organizationId, id) {
      const row = assignments().get(id);
      return row === null || row.value.organizationId !== organizationId ? null : cloneRecord(row.value);
    },
    async listForPrincipals(organizationId, principals) {
      const view = assignments();
      const keys = new Set(principals.map(principalKey));
      return byId([...keys].flatMap((key) => view.lookup(tables.assignmentsByPrincipal, organizationId, key)));
    },
    async listForScope(organizationId, scope) {
      return byId(assignments().lookup(tables.assignmentsByScope, organizationId, scopeKey(scope)));
    },
    async list(organizationId, options = {}) {
      const view = assignments();
      return byId(
        options.role === undefined
          ? view.lookup(tables.assignmentsByOrganization, organizationId, ALL_KEY)
          : view.lookup(tables.assignmentsByRole, organizationId, options.role),
      );
    },
    async insert(assignment) {
      const view = assignments();
      const uniqueKeys = transaction.view(tables.assignmentKeys);
      if (view.get(assignment.id) !== null) return err(TenureErrors.duplicate("role_assignment", "id", assignment.id));
      const uniqueKey = assignmentUniqueKey(assignment);
      if (uniqueKeys.get(uniqueKey) !== null) return err(TenureErrors.duplicate("role_assignment", "role", assignment.role));
      view.put(assignment.id, cloneRecord(assignment));
      uniqueKeys.put(uniqueKey, assignment.id);
      return ok(cloneRecord(assignment));
    },
    async delete(organizationId, id) {
      const view = assignments();
      const row = view.get(id);
      if (row === null || row.value.organizationId !== organizationId) return err(TenureErrors.notFound("role_assignment", id));
      view.delete(id);
      transaction.view(tables.assignmentKeys).delete(assignmentUniqueKey(row.value));
      return ok(undefined);
    },
  };
}
