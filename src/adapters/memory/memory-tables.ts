import type { AuditEvent } from "../../model/audit-event.js";
import type { Credential } from "../../model/credential.js";
import type { Group } from "../../model/group.js";
import type { RoleAssignmentId } from "../../model/ids.js";
import type { Invitation } from "../../model/invitation.js";
import type { Organization } from "../../model/organization.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../../model/provisioning-run.js";
import type { Principal, RoleAssignment } from "../../model/role-assignment.js";
import { scopeKey } from "../../model/scope.js";
import { sortKey } from "../../model/sort-key.js";
import type { Token, TokenPurpose } from "../../model/token.js";
import { compositeKey } from "./_internal/composite-key.js";
import { HashIndex } from "./_internal/hash-index.js";
import { MvccEngine } from "./_internal/mvcc-engine.js";
import { MvccTable } from "./_internal/mvcc-table.js";
import { OrderedIndex } from "./_internal/ordered-index.js";
import { ALL_KEY, createMemoryUserTables, type MemoryUserTables } from "./memory-user-tables.js";

/** Every table of the in-memory store, its indexes, and the engine that runs transactions over them. */
export interface MemoryTables<UA extends object, OA extends object> {
  readonly engine: MvccEngine;
  readonly organizations: MvccTable<Organization<OA>, null>;
  /** In {@link GLOBAL_PARTITION}, by partner id. */
  readonly organizationsByPartner: HashIndex<Organization<OA>, null>;
  /** Every organization in {@link GLOBAL_PARTITION}, ordered by id (the sort key is empty). */
  readonly organizationsById: OrderedIndex<Organization<OA>, null>;
  readonly users: MemoryUserTables<UA>;
  readonly groups: MvccTable<Group, string>;
  readonly groupsByOrganization: HashIndex<Group, string>;
  /** Per organization, by member id. */
  readonly groupsByMember: HashIndex<Group, string>;
  readonly assignments: MvccTable<RoleAssignment, null>;
  /** Unique `(organization, principal, role, scope)` → assignment id. */
  readonly assignmentKeys: MvccTable<RoleAssignmentId, null>;
  readonly assignmentsByOrganization: HashIndex<RoleAssignment, null>;
  /** Per organization, by {@link principalKey}. */
  readonly assignmentsByPrincipal: HashIndex<RoleAssignment, null>;
  /** Per organization, by `scopeKey`. */
  readonly assignmentsByScope: HashIndex<RoleAssignment, null>;
  /** Per organization, by role. */
  readonly assignmentsByRole: HashIndex<RoleAssignment, null>;
  readonly invitations: MvccTable<Invitation, null>;
  /** Per organization, by user id. */
  readonly invitationsByUser: HashIndex<Invitation, null>;
  readonly tokens: MvccTable<Token, null>;
  /** In {@link GLOBAL_PARTITION}, by hash. */
  readonly tokensByHash: HashIndex<Token, null>;
  /** Per organization, by {@link tokenUserKey}. */
  readonly tokensByUser: HashIndex<Token, null>;
  /** Keyed by user id: one credential per user. */
  readonly credentials: MvccTable<Credential, null>;
  /** Derived value: `at` as an ISO string, the audit cursor key. */
  readonly auditEvents: MvccTable<AuditEvent, string>;
  /** Per organization, by `(at, id)`. */
  readonly auditByTime: OrderedIndex<AuditEvent, string>;
  /** Per organization, by target id. */
  readonly auditByTarget: HashIndex<AuditEvent, string>;
  /** Per organization, by acting user id. */
  readonly auditByActor: HashIndex<AuditEvent, string>;
  /** Derived value: `createdAt` as an ISO string, the delivery order. */
  readonly outbox: MvccTable<OutboxMail, string>;
  readonly outboxByOrganization: HashIndex<OutboxMail, string>;
  /** Pending mails (all in the partition `pending`), oldest first by `(createdAt, id)`. */
  readonly outboxPending: OrderedIndex<OutboxMail, string>;
  /** Keyed by run id. Derived value: `startedAt` as an ISO string, the list's sort key. */
  readonly provisioningRuns: MvccTable<ProvisioningRun, string>;
  /** Per organization, by `(startedAt, id)`. */
  readonly provisioningRunsByTime: OrderedIndex<ProvisioningRun, string>;
  /** Per {@link provisioningSourceKey} (organization and source name), by `(startedAt, id)`. */
  readonly provisioningRunsBySource: OrderedIndex<ProvisioningRun, string>;
  /** Keyed by {@link provisioningOutcomeKey}. Derived value: the sequence as a {@link sequenceKey}. */
  readonly provisioningOutcomes: MvccTable<ProvisioningRecordOutcome, string>;
  /** Per {@link provisioningRunKey} (organization and run), by sequence. */
  readonly provisioningOutcomesByRun: OrderedIndex<ProvisioningRecordOutcome, string>;
}

/** Partition of a run in {@link MemoryTables.provisioningRunsBySource}. */
export function provisioningSourceKey(organizationId: string, source: string): string {
  return compositeKey(organizationId, source);
}

/** Partition of a run's outcomes in {@link MemoryTables.provisioningOutcomesByRun}. */
export function provisioningRunKey(organizationId: string, runId: string): string {
  return compositeKey(organizationId, runId);
}

/** A sequence as a fixed-width string, so code-point order is numeric order (16 digits hold every safe integer). */
export function sequenceKey(sequence: number): string {
  return String(sequence).padStart(16, "0");
}

/** Primary key of an outcome: organization, run and sequence, unique per run. */
export function provisioningOutcomeKey(outcome: { readonly organizationId: string; readonly runId: string; readonly sequence: number }): string {
  return compositeKey(outcome.organizationId, outcome.runId, sequenceKey(outcome.sequence));
}

/** Key of a principal in {@link MemoryTables.assignmentsByPrincipal}. */
export function principalKey(principal: Principal): string {
  return compositeKey(principal.type, principal.id);
}

/** Key of an assignment in the uniqueness table. */
export function assignmentUniqueKey(assignment: RoleAssignment): string {
  return compositeKey(assignment.organizationId, principalKey(assignment.principal), assignment.role, scopeKey(assignment.scope));
}

/** Key of a user's tokens of one purpose in {@link MemoryTables.tokensByUser}. */
export function tokenUserKey(userId: string, purpose: TokenPurpose): string {
  return compositeKey(userId, purpose);
}

/** The partition of indexes that have none (e.g. tokens by hash, across organizations). */
export const GLOBAL_PARTITION = "";

const noDerived = (): null => null;

/** The partition of {@link MemoryTables.outboxPending}. */
export const PENDING = "pending";

/** Builds the empty tables of a store. */
export function createMemoryTables<UA extends object, OA extends object>(): MemoryTables<UA, OA> {
  const byOrganization = <V extends { readonly organizationId: string }, D>(): HashIndex<V, D> =>
    new HashIndex<V, D>({ partitionOf: (row) => row.value.organizationId, keysOf: () => ALL_KEY });
  const organizationsByPartner = new HashIndex<Organization<OA>, null>({
    partitionOf: (row) => (row.value.partnerId === null ? null : GLOBAL_PARTITION),
    keysOf: (row) => row.value.partnerId ?? ALL_KEY,
  });
  const organizationsById = new OrderedIndex<Organization<OA>, null>({ partitionOf: () => GLOBAL_PARTITION, keyOf: () => ALL_KEY });
  const groupsByOrganization = byOrganization<Group, string>();
  const groupsByMember = new HashIndex<Group, string>({ partitionOf: (row) => row.value.organizationId, keysOf: (row) => row.value.memberIds });
  const assignmentsByOrganization = byOrganization<RoleAssignment, null>();
  const assignmentsByPrincipal = new HashIndex<RoleAssignment, null>({
    partitionOf: (row) => row.value.organizationId,
    keysOf: (row) => principalKey(row.value.principal),
  });
  const assignmentsByScope = new HashIndex<RoleAssignment, null>({
    partitionOf: (row) => row.value.organizationId,
    keysOf: (row) => scopeKey(row.value.scope),
  });
  const assignmentsByRole = new HashIndex<RoleAssignment, null>({ partitionOf: (row) => row.value.organizationId, keysOf: (row) => row.value.role });
  const invitationsByUser = new HashIndex<Invitation, null>({ partitionOf: (row) => row.value.organizationId, keysOf: (row) => row.value.userId });
  const tokensByHash = new HashIndex<Token, null>({ partitionOf: () => GLOBAL_PARTITION, keysOf: (row) => row.value.hash });
  const tokensByUser = new HashIndex<Token, null>({
    partitionOf: (row) => row.value.organizationId,
    keysOf: (row) => tokenUserKey(row.value.userId, row.value.purpose),
  });
  const auditByTime = new OrderedIndex<AuditEvent, string>({ partitionOf: (row) => row.value.organizationId, keyOf: (row) => row.derived });
  const auditByTarget = new HashIndex<AuditEvent, string>({ partitionOf: (row) => row.value.organizationId, keysOf: (row) => row.value.target.id });
  const auditByActor = new HashIndex<AuditEvent, string>({
    partitionOf: (row) => (row.value.actor.type === "user" ? row.value.organizationId : null),
    keysOf: (row) => (row.value.actor.type === "user" ? row.value.actor.id : ALL_KEY),
  });
  const outboxByOrganization = byOrganization<OutboxMail, string>();
  const outboxPending = new OrderedIndex<OutboxMail, string>({
    partitionOf: (row) => (row.value.status === "pending" ? PENDING : null),
    keyOf: (row) => row.derived,
  });
  const provisioningRunsByTime = new OrderedIndex<ProvisioningRun, string>({
    partitionOf: (row) => row.value.organizationId,
    keyOf: (row) => row.derived,
  });
  const provisioningRunsBySource = new OrderedIndex<ProvisioningRun, string>({
    partitionOf: (row) => provisioningSourceKey(row.value.organizationId, row.value.source),
    keyOf: (row) => row.derived,
  });
  const provisioningOutcomesByRun = new OrderedIndex<ProvisioningRecordOutcome, string>({
    partitionOf: (row) => provisioningRunKey(row.value.organizationId, row.value.runId),
    keyOf: (row) => row.derived,
  });
  return {
    engine: new MvccEngine(),
    organizations: new MvccTable({ entity: "organization", derive: noDerived, indexes: [organizationsByPartner, organizationsById] }),
    organizationsByPartner,
    organizationsById,
    users: createMemoryUserTables<UA>(),
    groups: new MvccTable<Group, string>({
      entity: "group",
      derive: (group) => sortKey(group.name),
      indexes: [groupsByOrganization, groupsByMember],
    }),
    groupsByOrganization,
    groupsByMember,
    assignments: new MvccTable({
      entity: "role_assignment",
      derive: noDerived,
      indexes: [assignmentsByOrganization, assignmentsByPrincipal, assignmentsByScope, assignmentsByRole],
    }),
    assignmentKeys: new MvccTable<RoleAssignmentId, null>({
      entity: "role_assignment",
      derive: noDerived,
      conflictSubject: (key, row) => row?.value ?? key,
    }),
    assignmentsByOrganization,
    assignmentsByPrincipal,
    assignmentsByScope,
    assignmentsByRole,
    invitations: new MvccTable({ entity: "invitation", derive: noDerived, indexes: [invitationsByUser] }),
    invitationsByUser,
    tokens: new MvccTable({ entity: "token", derive: noDerived, indexes: [tokensByHash, tokensByUser] }),
    tokensByHash,
    tokensByUser,
    credentials: new MvccTable({ entity: "user", derive: noDerived }),
    auditEvents: new MvccTable<AuditEvent, string>({
      entity: "audit_event",
      derive: (event) => event.at.toISOString(),
      indexes: [auditByTime, auditByTarget, auditByActor],
    }),
    auditByTime,
    auditByTarget,
    auditByActor,
    outbox: new MvccTable<OutboxMail, string>({
      entity: "mail",
      derive: (mail) => mail.createdAt.toISOString(),
      indexes: [outboxByOrganization, outboxPending],
    }),
    outboxByOrganization,
    outboxPending,
    provisioningRuns: new MvccTable<ProvisioningRun, string>({
      entity: "provisioning_run",
      derive: (run) => run.startedAt.toISOString(),
      indexes: [provisioningRunsByTime, provisioningRunsBySource],
    }),
    provisioningRunsByTime,
    provisioningRunsBySource,
    provisioningOutcomes: new MvccTable<ProvisioningRecordOutcome, string>({
      entity: "provisioning_outcome",
      derive: (outcome) => sequenceKey(outcome.sequence),
      indexes: [provisioningOutcomesByRun],
    }),
    provisioningOutcomesByRun,
  };
}
