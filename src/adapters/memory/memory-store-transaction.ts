import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { MvccTransaction } from "./_internal/mvcc-engine.js";
import { createMemoryAuditLog } from "./memory-audit-log.js";
import { createMemoryCredentialRepository } from "./memory-credential-repository.js";
import { createMemoryGroupRepository } from "./memory-group-repository.js";
import { createMemoryInvitationRepository } from "./memory-invitation-repository.js";
import { createMemoryMailOutbox } from "./memory-mail-outbox.js";
import type { MemoryNative } from "./memory-native.js";
import { createMemoryOrganizationRepository } from "./memory-organization-repository.js";
import { createMemoryProvisioningRunRepository } from "./memory-provisioning-run-repository.js";
import { createMemoryRoleAssignmentRepository } from "./memory-role-assignment-repository.js";
import type { MemoryTables } from "./memory-tables.js";
import { createMemoryTokenRepository } from "./memory-token-repository.js";
import { createMemoryUserRepository } from "./memory-user-repository.js";

/** The repositories of one in-memory transaction, all reading its snapshot and writing to its private views. */
export function createMemoryStoreTransaction<UA extends object, OA extends object>(
  transaction: MvccTransaction,
  tables: MemoryTables<UA, OA>,
): StoreTransaction<UA, OA, MemoryNative> {
  return {
    organizations: createMemoryOrganizationRepository(transaction, tables),
    users: createMemoryUserRepository(transaction, tables),
    groups: createMemoryGroupRepository(transaction, tables),
    assignments: createMemoryRoleAssignmentRepository(transaction, tables),
    invitations: createMemoryInvitationRepository(transaction, tables),
    tokens: createMemoryTokenRepository(transaction, tables),
    credentials: createMemoryCredentialRepository(transaction, tables),
    audit: createMemoryAuditLog(transaction, tables),
    outbox: createMemoryMailOutbox(transaction, tables),
    provisioningRuns: createMemoryProvisioningRunRepository(transaction, tables),
    native: Object.freeze({ kind: "memory", transactionId: transaction.id }),
  };
}
