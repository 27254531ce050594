/** Puts an active user with roles (and, if given, a password hash) straight into a store: test set-up only, bypassing the service. */
import type { TestStore } from "./_test-store.js";
import { err, ok } from "neverthrow";
import {
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  draftUser,
  organizationScope,
  type Clock,
  type OrganizationId,
  type RoleAssignmentId,
  type ScopeRef,
  type User,
  type UserId,
} from "tenure";

/** What to seed: the user's id is `usr_<username>`, e-mail `<username>@example.com`, roles in the organization unless a scope is given. */
export interface SeedUserInput {
  readonly organizationId: OrganizationId;
  readonly username: string;
  readonly roles?: readonly { readonly role: string; readonly scope?: ScopeRef }[];
  readonly overrides?: Partial<User>;
  /** When given, a credential with this hash is stored too. */
  readonly passwordHash?: string;
}

/** Seeds one user (see {@link SeedUserInput}) and returns it as stored. */
export async function seedUserInto(store: TestStore, clock: Clock, input: SeedUserInput): Promise<User> {
  const { organizationId, username, roles = [], overrides = {} } = input;
  const id = `usr_${username}` as UserId;
  const draft = draftUser(
    { username, fullName: `${username.replace(/^./, (c) => c.toUpperCase())} Test`, email: `${username}@example.com` },
    { id, organizationId, now: clock.now(), model: DEFAULT_MODEL, settings: DEFAULT_SETTINGS, others: [], account: { status: "active" }, invitedBy: null },
  )._unsafeUnwrap();
  const stored = await store.transaction(async (tx) => {
    const inserted = await tx.users.insert({ ...draft.user, ...overrides });
    if (inserted.isErr()) return err(inserted.error);
    if (input.passwordHash !== undefined) {
      const credential = await tx.credentials.insert({
        userId: id, organizationId, passwordHash: input.passwordHash, mustChangePassword: false,
        failedAttempts: 0, lockedUntil: null, version: 0, updatedAt: clock.now(),
      });
      if (credential.isErr()) return err(credential.error);
    }
    for (const [index, grant] of roles.entries()) {
      const granted = await tx.assignments.insert({
        id: `asg_seed_${username}_${index}` as RoleAssignmentId,
        organizationId,
        principal: { type: "user", id },
        role: grant.role,
        scope: grant.scope ?? organizationScope(organizationId),
        grantedBy: null,
        grantedAt: clock.now(),
      });
      if (granted.isErr()) return err(granted.error);
    }
    return ok(inserted.value);
  });
  return stored._unsafeUnwrap();
}
