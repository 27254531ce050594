import { err, ok, type Result } from "neverthrow";
import { expect } from "vitest";
import type { AuditEvent } from "../../../src/model/audit-event.js";
import type { Group } from "../../../src/model/group.js";
import type { AuditEventId, GroupId, MailId, OrganizationId, RoleAssignmentId, TokenId, UserId } from "../../../src/model/ids.js";
import type { Organization } from "../../../src/model/organization.js";
import type { OutboxMail } from "../../../src/model/outbox-mail.js";
import type { RoleAssignment } from "../../../src/model/role-assignment.js";
import type { Token } from "../../../src/model/token.js";
import type { User } from "../../../src/model/user.js";
import { createMemoryStore, type MemoryStore } from "../../../src/adapters/memory/memory-store.js";
import { makeTestOrganization, makeTestUser } from "../../../src/testing/index.js";

export const T0 = new Date("2026-01-01T00:00:00.000Z");
export const ORG_A = "org_a" as OrganizationId;
export const ORG_B = "org_b" as OrganizationId;

/** An instant `minutes` after {@link T0}. */
export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

/** An organization of these tests: the kit's fixture, stamped at {@link T0}. */
export function makeOrganization(id: OrganizationId, overrides: Partial<Organization> = {}): Organization {
  return makeTestOrganization({ id, createdAt: T0, updatedAt: T0, ...overrides });
}

/** An active user of {@link ORG_A}: the kit's fixture, stamped at {@link T0}. */
export function makeUser(id: string, overrides: Partial<User> = {}): User {
  return makeTestUser({ id, organizationId: ORG_A, createdAt: T0, updatedAt: T0, ...overrides });
}

export function makeGroup(id: string, memberIds: readonly string[], overrides: Partial<Group> = {}): Group {
  return {
    id: id as GroupId,
    organizationId: ORG_A,
    name: `Group ${id}`,
    colour: "#336699",
    memberIds: memberIds as UserId[],
    version: 0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function makeAssignment(id: string, principal: RoleAssignment["principal"], role: string, overrides: Partial<RoleAssignment> = {}): RoleAssignment {
  return {
    id: id as RoleAssignmentId,
    organizationId: ORG_A,
    principal,
    role,
    scope: { kind: "organization", id: ORG_A },
    grantedBy: null,
    grantedAt: T0,
    ...overrides,
  };
}

export function makeToken(id: string, overrides: Partial<Token> = {}): Token {
  return {
    id: id as TokenId,
    organizationId: ORG_A,
    userId: "u1" as UserId,
    purpose: "invitation",
    hash: id.padEnd(64, "0").replace(/[^0-9a-f]/g, "a").slice(0, 64),
    expiresAt: at(60),
    usedAt: null,
    createdAt: T0,
    ...overrides,
  };
}

export function makeAuditEvent(id: string, minutes: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: id as AuditEventId,
    organizationId: ORG_A,
    at: at(minutes),
    actor: { type: "user", id: "admin" as UserId, organizationId: ORG_A },
    action: "user.updated",
    target: { entity: "user", id: "u1" },
    before: null,
    after: null,
    details: null,
    ...overrides,
  };
}

export function makeMail(id: string, minutes: number, overrides: Partial<OutboxMail> = {}): OutboxMail {
  return {
    id: id as MailId,
    organizationId: ORG_A,
    template: "invitation",
    to: { address: "ann@example.com", name: null },
    subject: "Welcome",
    text: "Hello",
    html: null,
    secrets: [],
    status: "pending",
    attempts: 0,
    nextAttemptAt: at(minutes),
    lastError: null,
    sentAt: null,
    createdAt: at(minutes),
    ...overrides,
  };
}

/** Unwraps an Ok, failing the test on an Err. */
export function unwrap<T, E>(result: Result<T, E>): T {
  if (result.isErr()) expect.fail(`expected Ok, got Err ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A store holding organizations A and B and the given users. */
export async function storeWith(users: readonly User[] = []): Promise<MemoryStore> {
  const store = createMemoryStore();
  unwrap(
    await store.transaction(async (tx) => {
      for (const organization of [makeOrganization(ORG_A), makeOrganization(ORG_B)]) {
        const inserted = await tx.organizations.insert(organization);
        if (inserted.isErr()) return err(inserted.error);
      }
      for (const user of users) {
        const inserted = await tx.users.insert(user);
        if (inserted.isErr()) return err(inserted.error);
      }
      return ok(undefined);
    }),
  );
  return store;
}

/** A promise and the function that resolves it, to hold a transaction open at a chosen point. */
export function latch(): { readonly wait: Promise<void>; readonly release: () => void } {
  let release = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { wait, release };
}
