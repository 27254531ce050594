import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { createPostgresAuditLog } from "./postgres-audit-log.js";
import { createPostgresCredentialRepository } from "./postgres-credential-repository.js";
import { createPostgresGroupRepository } from "./postgres-group-repository.js";
import { createPostgresInvitationRepository } from "./postgres-invitation-repository.js";
import { createPostgresMailOutbox } from "./postgres-mail-outbox.js";
import type { PostgresNative } from "./postgres-native.js";
import { createPostgresOrganizationRepository } from "./postgres-organization-repository.js";
import { createPostgresProvisioningRunRepository } from "./postgres-provisioning-run-repository.js";
import { createPostgresRoleAssignmentRepository } from "./postgres-role-assignment-repository.js";
import { createPostgresTokenRepository } from "./postgres-token-repository.js";
import { createPostgresUserRepository } from "./postgres-user-repository.js";

/** The repositories of one PostgreSQL unit of work, all on its transaction. */
export function createPostgresRepositories<UA extends object, OA extends object>(
  context: PostgresContext<UA, OA>,
): Omit<StoreTransaction<UA, OA, PostgresNative>, "native"> {
  return {
    organizations: createPostgresOrganizationRepository(context),
    users: createPostgresUserRepository(context),
    groups: createPostgresGroupRepository(context),
    assignments: createPostgresRoleAssignmentRepository(context),
    invitations: createPostgresInvitationRepository(context),
    tokens: createPostgresTokenRepository(context),
    credentials: createPostgresCredentialRepository(context),
    audit: createPostgresAuditLog(context),
    outbox: createPostgresMailOutbox(context),
    provisioningRuns: createPostgresProvisioningRunRepository(context),
  };
}
