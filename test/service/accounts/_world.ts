/**
 * The service world of `../_harness.ts`, plus what the account commands need until `createTenure` wires
 * them: the internal service context over the same store and clock, the account commands and access
 * queries on that context (sharing its permission cache), a fake of the host's `OwnedResources` port,
 * and small seeding helpers.
 */
import { err, ok, type ResultAsync } from "neverthrow";
import { expect } from "vitest";
import {
  organizationScope,
  type GroupId,
  type MemoryNative,
  type OrganizationId,
  type OwnedResourceCounts,
  type OwnedResources,
  type OwnedResourcesContext,
  type RoleAssignmentId,
  type ScopeRef,
  type SettingsInput,
  type TenureError,
  type User,
  type UserId,
} from "tenure";
import { accountCommands } from "../../../src/service/commands/accounts/index.js";
import { accessQueries } from "../../../src/service/queries/access-queries.js";
import { createServiceContext } from "../../../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../../../src/create-tenure.js";
import { catalog, sequentialIds, setupWorld } from "../_harness.js";

/** One call the fake port received, with what the store had committed for the user at that moment. */
export interface PortCall extends OwnedResourcesContext<MemoryNative> {
  readonly kind: "deleteAll" | "transfer";
  readonly toUserId?: UserId;
  /** The user's committed account status while the port ran: the removal had not committed yet. */
  readonly committedStatus: string | null;
}

/** Sets up the harness world with the account commands on a context over its store. */
export async function setupAccountsWorld(
  options: { readonly settings?: SettingsInput; readonly counts?: OwnedResourceCounts; readonly withoutPort?: boolean } = {},
) {
  const world = await setupWorld(options.settings === undefined ? {} : { settings: options.settings });
  const calls: PortCall[] = [];
  let failure: TenureError | null = null;
  const committedStatus = (context: OwnedResourcesContext<MemoryNative>) =>
    world.store.snapshot().users.find((user) => user.id === context.userId)?.account.status ?? null;
  const answer = () => {
    const failed = failure;
    failure = null;
    return failed === null ? ok(options.counts ?? { documents: 12, collections: 3 }) : err(failed);
  };
  /** A fake of the host's port: records each call and fails once on demand. */
  const ownedResources: OwnedResources<MemoryNative> = {
    count: async () => options.counts ?? { documents: 12, collections: 3 },
    deleteAll: async (context) => {
      calls.push({ kind: "deleteAll", ...context, committedStatus: committedStatus(context) });
      return answer();
    },
    transfer: async (context) => {
      calls.push({ kind: "transfer", ...context, committedStatus: committedStatus(context) });
      return answer();
    },
  };
  const base = sequentialIds();
  const context = createServiceContext({
    catalog,
    store: world.store,
    clock: world.clock,
    // Ids of their own (`evt_acc1`), so they never collide with those the harness's service hands out.
    ids: { next: (kind) => base.next(kind).replace("_", "_acc") },
    settings: options.settings ?? {},
    links: () => "https://app.example/link",
    ...(options.withoutPort === true ? {} : { ownedResources }),
  }, NODE_DEFAULTS);
  const access = accessQueries(context);

  /** Puts a group with members and roles straight into the store (test set-up only). */
  const seedGroup = async (organizationId: OrganizationId, name: string, memberIds: readonly UserId[], roles: readonly { role: string; scope?: ScopeRef }[] = []) => {
    const id = `grp_${name}` as GroupId;
    const now = world.clock.now();
    const stored = await world.store.transaction(async (tx) => {
      const group = await tx.groups.insert({ id, organizationId, name, colour: "#1e90ff", memberIds: [...memberIds], version: 0, createdAt: now, updatedAt: now });
      if (group.isErr()) return err(group.error);
      for (const [index, grant] of roles.entries()) {
        const granted = await tx.assignments.insert({
          id: `asg_seed_${name}_${index}` as RoleAssignmentId,
          organizationId,
          principal: { type: "group", id },
          role: grant.role,
          scope: grant.scope ?? organizationScope(organizationId),
          grantedBy: null,
          grantedAt: now,
        });
        if (granted.isErr()) return err(granted.error);
      }
      return ok(group.value);
    });
    return stored._unsafeUnwrap();
  };

  /** The user as stored now (for its current version), or `null`. */
  const current = (user: Pick<User, "organizationId" | "id">): User | null =>
    world.store.snapshot().users.find((stored) => stored.id === user.id && stored.organizationId === user.organizationId) ?? null;

  /** Whether the user manages users in their own organization now, as the service answers it. */
  const isAdmin = (user: Pick<User, "organizationId" | "id">) =>
    access.can({ organizationId: user.organizationId, userId: user.id }, "users.manage", { organizationId: user.organizationId });

  /**
   * Runs a command that must be refused: checks its error against `expected`, and that the store,
   * including the audit log, is exactly as before.
   */
  const expectRefused = async <T>(run: () => ResultAsync<T, TenureError>, expected: Record<string, unknown>): Promise<TenureError> => {
    const before = world.store.snapshot();
    const result = await run();
    expect(result.isErr()).toBe(true);
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject(expected);
    expect(world.store.snapshot()).toEqual(before);
    return error;
  };

  return {
    ...world,
    context,
    accounts: accountCommands(context),
    access,
    port: {
      calls,
      /** Makes the next port call return `error`. */
      failNextWith: (error: TenureError) => {
        failure = error;
      },
    },
    seedGroup,
    current,
    isAdmin,
    expectRefused,
  };
}

/** The world type, for helpers in test files. */
export type AccountsWorld = Awaited<ReturnType<typeof setupAccountsWorld>>;
