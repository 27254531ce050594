import { err, ok } from "neverthrow";
import type { Group } from "../../model/group.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { GroupRepository } from "../../ports/group-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import type { Row } from "./_internal/version-chain.js";
import type { MemoryTables } from "./memory-tables.js";
import { ALL_KEY } from "./memory-user-tables.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

/** Orders groups by `(sortKey(name), id)`. */
function byName(a: Row<Group, string>, b: Row<Group, string>): number {
  return compareCodePoints(a.derived, b.derived) || compareCodePoints(a.value.id, b.value.id);
}

/** The groups of one in-memory transaction. */
export function createMemoryGroupRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): GroupRepository {
  const groups = () => transaction.view(tables.groups);
  return {
    async get(organizationId, id) {
      const row = groups().get(id);
      return row === null || row.value.organizationId !== organizationId ? null : cloneRecord(row.value);
    },
    async list(organizationId) {
      return groups()
        .lookup(tables.groupsByOrganization, organizationId, ALL_KEY)
        .sort(byName)
        .map((row) => cloneRecord(row.value));
    },
    async listForMember(organizationId, userId) {
      return groups()
        .lookup(tables.groupsByMember, organizationId, userId)
        .sort(byName)
        .map((row) => cloneRecord(row.value));
    },
    async insert(group) {
      assertNewVersion(group, "group", group.id);
      const view = groups();
      if (view.get(group.id) !== null) return err(TenureErrors.duplicate("group", "id", group.id));
      view.put(group.id, cloneRecord(group));
      return ok(cloneRecord(group));
    },
    async update(group) {
      const view = groups();
      const checked = checkVersion(view, group.id, group.version, "group", (stored) => stored.organizationId === group.organizationId);
      if (checked.isErr()) return err(checked.error);
      view.put(group.id, nextVersion(group));
      return ok(nextVersion(group));
    },
    async delete(organizationId, id, expectedVersion) {
      const view = groups();
      const checked = checkVersion(view, id, expectedVersion, "group", (stored) => stored.organizationId === organizationId);
      if (checked.isErr()) return err(checked.error);
      view.delete(id);
      return ok(undefined);
    },
  };
}
