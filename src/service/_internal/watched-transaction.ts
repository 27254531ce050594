import type { Result } from "neverthrow";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Principal } from "../../model/role-assignment.js";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { SourceOwnershipGuard } from "./source-ownership.js";

/** A unit of work whose writes on users' records are checked by the gate, and the first refusal it met. */
export interface WatchedTransaction<UA extends object, OA extends object, Native> {
  readonly tx: StoreTransaction<UA, OA, Native>;
  /** The first write the gate refused, if any: the command must then fail (its writes are rolled back). */
  refusal(): ForbiddenError | null;
}

/**
 * Wraps a command's unit of work so that every write on a user's records (the user, their credential,
 * tokens, invitations, role assignments, group memberships, and the roles and existence of the groups
 * they are members of) is checked, before it is made, by
 * `checkUser` (the gate's super-admin protection), and every write is kept inside the command's
 * organization. The same watch keeps what a provisioning source owns to that source (`ownership`): a
 * linked user's owned fields, and their direct roles and group memberships when the source owns
 * them, are written by no other command. A refused write still goes to the store: the runner sees {@link WatchedTransaction.refusal}
 * after the work and rolls the whole unit back, so the repositories keep their own result types. This
 * covers the users a command reaches without naming them (an assignment's holder, a group's members),
 * so a command added later is protected without a check of its own.
 */
export function watchTransaction<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organizationId: OrganizationId,
  checkUser: (userIds: readonly UserId[]) => Promise<Result<void, ForbiddenError>>,
  ownership: SourceOwnershipGuard,
): WatchedTransaction<UA, OA, Native> {
  let refused: ForbiddenError | null = null;
  const refuse = (refusal: ForbiddenError | null): void => {
    if (refused === null && refusal !== null) refused = refusal;
  };
  const linkedAmong = async (inOrganization: OrganizationId, userIds: readonly UserId[]): Promise<User<object>[]> =>
    userIds.length === 0 ? [] : (await tx.users.getMany(inOrganization, userIds)).filter((user) => user.source.type !== "local");
  const checkRoles = async (inOrganization: OrganizationId, principal: Principal): Promise<void> => {
    if (refused !== null || !ownership.guardsRoles || principal.type !== "user") return;
    refuse(ownership.rolesWrite(await linkedAmong(inOrganization, [principal.id])));
  };
  const checkMembership = async (inOrganization: OrganizationId, userIds: readonly UserId[]): Promise<void> => {
    if (refused !== null || !ownership.guardsGroups) return;
    refuse(ownership.membershipWrite(await linkedAmong(inOrganization, userIds)));
  };
  const check = async (writtenIn: OrganizationId, userIds: readonly UserId[]): Promise<void> => {
    if (refused !== null) return;
    if (writtenIn !== organizationId) {
      refused = TenureErrors.forbidden("outside_organization", "A command writes only inside the organization it is about.", writtenIn);
      return;
    }
    if (userIds.length === 0) return;
    const checked = await checkUser(userIds);
    if (checked.isErr()) refused = checked.error;
  };
  // A group's role reaches every member: granting or revoking it touches each of their accounts.
  const usersOf = async (inOrganization: OrganizationId, principal: Principal): Promise<readonly UserId[]> =>
    principal.type === "user" ? [principal.id] : ((await tx.groups.get(inOrganization, principal.id))?.memberIds ?? []);

  const watched: StoreTransaction<UA, OA, Native> = {
    audit: tx.audit,
    outbox: tx.outbox,
    // Run records name users but are not theirs: the provisioning command checks its user writes itself.
    provisioningRuns: tx.provisioningRuns,
    native: tx.native,
    organizations: override(tx.organizations, {
      update: async (organization) => {
        await check(organization.id, []);
        return tx.organizations.update(organization);
      },
    }),
    users: override(tx.users, {
      insert: async (user, options) => {
        await check(user.organizationId, []);
        return tx.users.insert(user, options);
      },
      update: async (user, options) => {
        await check(user.organizationId, [user.id]);
        if (refused === null) {
          // Only a linked user has owned fields: a local one, stored or next, needs no read.
          const stored = user.source.type === "local" ? null : await tx.users.get(user.organizationId, user.id);
          if (stored !== null) refuse(ownership.userWrite(stored, user));
        }
        return tx.users.update(user, options);
      },
      delete: async (inOrganization, id, expectedVersion) => {
        await check(inOrganization, [id]);
        return tx.users.delete(inOrganization, id, expectedVersion);
      },
    }),
    credentials: override(tx.credentials, {
      insert: async (credential) => {
        await check(credential.organizationId, [credential.userId]);
        return tx.credentials.insert(credential);
      },
      update: async (credential) => {
        await check(credential.organizationId, [credential.userId]);
        return tx.credentials.update(credential);
      },
      delete: async (inOrganization, userId, expectedVersion) => {
        await check(inOrganization, [userId]);
        return tx.credentials.delete(inOrganization, userId, expectedVersion);
      },
    }),
    tokens: override(tx.tokens, {
      insert: async (token) => {
        await check(token.organizationId, [token.userId]);
        return tx.tokens.insert(token);
      },
      invalidateForUser: async (inOrganization, userId, purpose, at) => {
        await check(inOrganization, [userId]);
        return tx.tokens.invalidateForUser(inOrganization, userId, purpose, at);
      },
    }),
    invitations: override(tx.invitations, {
      insert: async (invitation) => {
        await check(invitation.organizationId, [invitation.userId]);
        return tx.invitations.insert(invitation);
      },
      update: async (invitation) => {
        await check(invitation.organizationId, [invitation.userId]);
        return tx.invitations.update(invitation);
      },
    }),
    assignments: override(tx.assignments, {
      insert: async (assignment) => {
        await check(assignment.organizationId, await usersOf(assignment.organizationId, assignment.principal));
        await checkRoles(assignment.organizationId, assignment.principal);
        return tx.assignments.insert(assignment);
      },
      delete: async (inOrganization, id) => {
        const stored = await tx.assignments.get(inOrganization, id);
        await check(inOrganization, stored === null ? [] : await usersOf(inOrganization, stored.principal));
        if (stored !== null) await checkRoles(inOrganization, stored.principal);
        return tx.assignments.delete(inOrganization, id);
      },
    }),
    groups: override(tx.groups, {
      insert: async (group) => {
        await check(group.organizationId, group.memberIds);
        await checkMembership(group.organizationId, group.memberIds);
        return tx.groups.insert(group);
      },
      update: async (group) => {
        const stored = await tx.groups.get(group.organizationId, group.id);
        const before = new Set(stored?.memberIds ?? []);
        const after = new Set(group.memberIds);
        const changed = [...group.memberIds.filter((id) => !before.has(id)), ...[...before].filter((id) => !after.has(id))];
        await check(group.organizationId, changed);
        await checkMembership(group.organizationId, changed);
        return tx.groups.update(group);
      },
      delete: async (inOrganization, id, expectedVersion) => {
        const members = (await tx.groups.get(inOrganization, id))?.memberIds ?? [];
        await check(inOrganization, members);
        await checkMembership(inOrganization, members);
        return tx.groups.delete(inOrganization, id, expectedVersion);
      },
    }),
  };
  return { tx: watched, refusal: () => refused };
}

/** The repository with some methods replaced; the others are the repository's own, bound to it. */
function override<T extends object>(repository: T, replaced: Partial<T>): T {
  return new Proxy(repository, {
    get(target, key) {
      if (Object.prototype.hasOwnProperty.call(replaced, key)) return replaced[key as keyof T];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
