import { err, ok } from "neverthrow";
import type { Organization } from "../../model/organization.js";
import { compareCodePoints } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { GLOBAL_PARTITION, type MemoryTables } from "./memory-tables.js";
import { assertNewVersion, checkVersion, nextVersion } from "./versioned-writes.js";

/** The organizations of one in-memory transaction. */
export function createMemoryOrganizationRepository<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): OrganizationRepository<OA> {
  const organizations = () => transaction.view(tables.organizations);
  return {
    async get(id) {
      const row = organizations().get(id);
      return row === null ? null : cloneRecord(row.value);
    },
    async listCustomers(partnerId) {
      return organizations()
        .lookup(tables.organizationsByPartner, GLOBAL_PARTITION, partnerId)
        .map((row) => row.value)
        .sort((a, b) => compareCodePoints(a.id, b.id))
        .map(cloneRecord);
    },
    async list(options = {}) {
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const found: Organization<OA>[] = [];
      if (limit < 1) return found;
      const after = options.after;
      const from = after === undefined ? () => true : (_key: string, id: string) => compareCodePoints(id, after) > 0;
      organizations().scan(tables.organizationsById, GLOBAL_PARTITION, "asc", from, (row) => {
        found.push(cloneRecord(row.value));
        return found.length < limit;
      });
      return found;
    },
    async insert(organization) {
      assertNewVersion(organization, "organization", organization.id);
      const view = organizations();
      if (view.get(organization.id) !== null) return err(TenureErrors.duplicate("organization", "id", organization.id));
      view.put(organization.id, cloneRecord(organization));
      return ok(cloneRecord(organization));
    },
    async update(organization) {
      const view = organizations();
      const checked = checkVersion(view, organization.id, organization.version, "organization", () => true);
      if (checked.isErr()) return err(checked.error);
      view.put(organization.id, nextVersion(organization));
      return ok(nextVersion(organization));
    },
  };
}
