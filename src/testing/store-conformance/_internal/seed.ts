import type { AuditEvent } from "../../../model/audit-event.js";
import type { Credential } from "../../../model/credential.js";
import type { Group } from "../../../model/group.js";
import type { Invitation } from "../../../model/invitation.js";
import type { Organization } from "../../../model/organization.js";
import type { OutboxMail } from "../../../model/outbox-mail.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import type { Token } from "../../../model/token.js";
import type { User } from "../../../model/user.js";
import type { ConformanceStore, ConformanceTransaction } from "../conformance-options.js";
import { committed } from "./committed.js";
import { expectOk } from "./results.js";

/** Records to store before a test acts; every list optional. */
export interface SeedRecords {
  readonly organizations?: readonly Organization[];
  readonly users?: readonly User[];
  readonly groups?: readonly Group[];
  readonly assignments?: readonly RoleAssignment[];
  readonly invitations?: readonly Invitation[];
  readonly tokens?: readonly Token[];
  readonly credentials?: readonly Credential[];
  readonly auditEvents?: readonly AuditEvent[];
  readonly mails?: readonly OutboxMail[];
}

/** Inserts the records inside `tx`, asserting that every insert succeeds. */
export async function insertRecords(tx: ConformanceTransaction, records: SeedRecords): Promise<void> {
  for (const organization of records.organizations ?? []) {
    expectOk(await tx.organizations.insert(organization), `seed organization ${organization.id}`);
  }
  for (const user of records.users ?? []) expectOk(await tx.users.insert(user), `seed user ${user.id}`);
  for (const group of records.groups ?? []) expectOk(await tx.groups.insert(group), `seed group ${group.id}`);
  for (const assignment of records.assignments ?? []) {
    expectOk(await tx.assignments.insert(assignment), `seed assignment ${assignment.id}`);
  }
  for (const invitation of records.invitations ?? []) {
    expectOk(await tx.invitations.insert(invitation), `seed invitation ${invitation.id}`);
  }
  for (const token of records.tokens ?? []) expectOk(await tx.tokens.insert(token), `seed token ${token.id}`);
  for (const credential of records.credentials ?? []) {
    expectOk(await tx.credentials.insert(credential), `seed credential of ${credential.userId}`);
  }
  for (const event of records.auditEvents ?? []) expectOk(await tx.audit.append(event), `seed audit event ${event.id}`);
  for (const mail of records.mails ?? []) expectOk(await tx.outbox.enqueue(mail), `seed mail ${mail.id}`);
}

/** Inserts the records in one committed transaction. */
export async function seed(store: ConformanceStore, records: SeedRecords): Promise<void> {
  await committed(store, (tx) => insertRecords(tx, records));
}
