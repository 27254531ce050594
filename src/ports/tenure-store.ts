import type { Result } from "neverthrow";
import type { ConflictError, CorruptRecordError } from "../model/tenure-error.js";
import type { AuditLog } from "./audit-log.js";
import type { CredentialRepository } from "./credential-repository.js";
import type { GroupRepository } from "./group-repository.js";
import type { InvitationRepository } from "./invitation-repository.js";
import type { MailOutbox } from "./mail-outbox.js";
import type { OrganizationRepository } from "./organization-repository.js";
import type { ProvisioningRunRepository } from "./provisioning-run-repository.js";
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
  /** The records of provisioning runs (syncs and imports) and their per-record outcomes. */
  readonly provisioningRuns: ProvisioningRunRepository;
  /** The adapter's own transaction handle, handed to host ports (e.g. `OwnedResources`) that must join the unit of work. */
  readonly native: Native;
}

/** What any unit of work may fail with besides its own errors: a lost race, or a stored record that breaks the model. */
export type StoreError = ConflictError | CorruptRecordError;

/** The success type of a `Result` type. */
export type OkOf<R> = R extends Result<infer T, unknown> ? T : never;
/** The error type of a `Result` type. */
export type ErrOf<R> = R extends Result<unknown, infer E> ? E : never;

/**
 * A storage adapter: the unit of work over every repository.
 *
 * `transaction` duties:
 * - The work sees one consistent snapshot, taken no later than its first read, plus its own writes.
 * - If the work returns an `Err`, nothing it wrote remains and that `Err` is the result. If it throws,
 *   nothing remains and the transaction rejects with the same error object.
 * - If it returns `Ok`, everything it wrote is committed at once, unless a concurrent transaction
 *   committed a change to the same records first: then nothing is committed and the result is a
 *   `conflict` error (never a lost update).
 * - If a record it reads back breaks the model's rules (a row edited by hand, say), nothing is committed
 *   and the result is a `corrupt_record` error naming the row; an adapter that never serializes
 *   records (the memory store) never returns it.
 * - A write refused with an `Err` (`duplicate`, `conflict`, `not_found`) leaves the transaction usable:
 *   the work may go on and commit (a database adapter wraps such writes in savepoints).
 * - Transactions may run concurrently; one must never wait for another to finish before it can start.
 *
 * The result type is inferred from whatever `Result` the work returns, so a work returning
 * `err(validation)` on one path and `tx.users.insert(…)` on another needs no annotation.
 */
export interface TenureStore<UserAttributes extends object, OrganizationAttributes extends object, Native = unknown> {
  /** Runs `work` as one all-or-nothing unit of work. */
  transaction<R extends Result<unknown, unknown>>(
    work: (tx: StoreTransaction<UserAttributes, OrganizationAttributes, Native>) => Promise<R>,
  ): Promise<Result<OkOf<R>, ErrOf<R> | StoreError>>;
  /** Releases the store's resources (connections, files). */
  close(): Promise<void>;
}
