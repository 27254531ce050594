import type { Result } from "neverthrow";
import type { ConflictError } from "../model/tenure-error.js";
import type { AuditLog } from "./audit-log.js";
import type { CredentialRepository } from "./credential-repository.js";
import type { GroupRepository } from "./group-repository.js";
import type { InvitationRepository } from "./invitation-repository.js";
import type { MailOutbox } from "./mail-outbox.js";
import type { OrganizationRepository } from "./organization-repository.js";
import type { RoleAssignmentRepository } from "./role-assignment-repository.js";
import type { TokenRepository } from "./token-repository.js";
import type { UserRepository } from "./user-repository.js";

/** The repositories of one unit of work, all reading one snapshot and committing together. */
export interface StoreTransaction<UserAttributes extends object, OrganizationAttributes extends object, Native = unknown> {
  readonly organizations: OrganizationRepository<OrganizationAttributes>;
  readonly users: UserRepository<UserAttributes>;
  readonly groups: GroupRepository;
  readonly assignments: RoleAssignmentRepository;
  readonly invitations: InvitationRepository;
  readonly tokens: TokenRepository;
  readonly credentials: CredentialRepository;
  readonly audit: AuditLog;
  readonly outbox: MailOutbox;
  /** The adapter's own transaction handle, handed to host ports (e.g. `OwnedResources`) that must join the unit of work. */
  readonly native: Native;
}

/**
 * A storage adapter: the unit of work over every repository.
 *
 * `transaction` duties: the work sees one consistent snapshot; if it returns an `Err` or throws, nothing
 * it wrote remains; if it returns `Ok`, everything it wrote is committed at once, unless a concurrent
 * transaction committed a change to the same records first, in which case nothing is committed and the
 * result is a `conflict` error (never a lost update).
 */
export interface TenureStore<UserAttributes extends object, OrganizationAttributes extends object, Native = unknown> {
  /** Runs `work` as one all-or-nothing unit of work. */
  transaction<T, E>(
    work: (tx: StoreTransaction<UserAttributes, OrganizationAttributes, Native>) => Promise<Result<T, E>>,
  ): Promise<Result<T, E | ConflictError>>;
  /** Releases the store's resources (connections, files). */
  close(): Promise<void>;
}
