import type { AuditEvent } from "../../model/audit-event.js";
import type { Credential } from "../../model/credential.js";
import type { Group } from "../../model/group.js";
import type { Invitation } from "../../model/invitation.js";
import type { Organization } from "../../model/organization.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import type { RoleAssignment } from "../../model/role-assignment.js";
import { compareCodePoints } from "../../model/sort-key.js";
import type { Token } from "../../model/token.js";
import type { User } from "../../model/user.js";
import { cloneRecord } from "./_internal/clone-record.js";
import type { MvccTable } from "./_internal/mvcc-table.js";
import type { MemoryTables } from "./memory-tables.js";

/**
 * A deep copy of everything committed in a memory store, each table sorted by primary key (user id for
 * credentials; organization, run and sequence for provisioning outcomes), so two snapshots compare
 * equal exactly when the stored data is equal. Tests use it to check that a refused command changed nothing: `expect(store.snapshot()).toEqual(before)`.
 */
export interface MemoryStoreSnapshot<UA extends object = Record<never, never>, OA extends object = Record<never, never>> {
  readonly organizations: readonly Organization<OA>[];
  readonly users: readonly User<UA>[];
  readonly groups: readonly Group[];
  readonly assignments: readonly RoleAssignment[];
  readonly invitations: readonly Invitation[];
  readonly tokens: readonly Token[];
  readonly credentials: readonly Credential[];
  readonly auditEvents: readonly AuditEvent[];
  readonly outbox: readonly OutboxMail[];
  readonly provisioningRuns: readonly ProvisioningRun[];
  /** Sorted by organization, run and sequence. */
  readonly provisioningOutcomes: readonly ProvisioningRecordOutcome[];
}

/** Takes a {@link MemoryStoreSnapshot} of the last committed state. */
export function takeSnapshot<UA extends object, OA extends object>(tables: MemoryTables<UA, OA>): MemoryStoreSnapshot<UA, OA> {
  const seq = tables.engine.lastCommitted;
  const committed = <V, D>(table: MvccTable<V, D>): V[] =>
    [...table.keys()]
      .sort(compareCodePoints)
      .flatMap((key) => {
        const row = table.rowAt(key, seq);
        return row === null ? [] : [cloneRecord(row.value)];
      });
  return {
    organizations: committed(tables.organizations),
    users: committed(tables.users.users),
    groups: committed(tables.groups),
    assignments: committed(tables.assignments),
    invitations: committed(tables.invitations),
    tokens: committed(tables.tokens),
    credentials: committed(tables.credentials),
    auditEvents: committed(tables.auditEvents),
    outbox: committed(tables.outbox),
    provisioningRuns: committed(tables.provisioningRuns),
    provisioningOutcomes: committed(tables.provisioningOutcomes),
  };
}
