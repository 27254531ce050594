/**
 * A small world for the role, group and audit-query tests: until createTenure knows these commands,
 * they run on the internal service context. Same catalog and ids as the service harness; the access
 * queries share the context's permission cache, so a stale cache entry would show.
 */
import { createTestStore } from "../_test-store.js";
import { err, ok, type ResultAsync } from "neverthrow";
import { expect } from "vitest";
import {
  createManualClock,
  PLATFORM_SCOPE,
  systemActor,
  userActor,
  type Actor,
  type Catalog,
  type Organization,
  type OrganizationId,
  type ScopeRef,
  type TenureError,
  type User,
} from "tenure";
import { groupCommands } from "../../../src/service/commands/groups/index.js";
import { createOrganization } from "../../../src/service/commands/organizations/create-organization.js";
import { roleCommands } from "../../../src/service/commands/roles/index.js";
import { seedUserInto } from "../_seed-user.js";
import { createServiceContext } from "../../../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../../../src/create-tenure.js";
import { accessQueries } from "../../../src/service/queries/access-queries.js";
import { queryAudit, type QueryAuditInput } from "../../../src/service/queries/audit-query.js";
import { catalog as harnessCatalog, sequentialIds } from "../_harness.js";

/** Sets up the world over `catalog` (the harness's by default): a partner with its admin, its customer with its admin, a platform operator. */
export async function setupRoleWorld<P extends string, R extends string, S extends string>(catalog: Catalog<P, R, S>) {
  const clock = createManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = await createTestStore();
  const context = createServiceContext({ catalog, store, clock, ids: sequentialIds(), links: () => "https://app.example/link" }, NODE_DEFAULTS);
  const access = accessQueries(context);
  const system = systemActor("setup");

  const newOrganization = async (name: string, partnerId: OrganizationId | null = null): Promise<Organization> =>
    (await createOrganization(context, system, { name, partnerId }))._unsafeUnwrap();
  const partner = await newOrganization("Partner Co");
  const customer = await newOrganization("Customer Co", partner.id);

  /** Puts an active user with roles straight into the store (set-up only). */
  const seedUser = (
    organizationId: OrganizationId,
    username: string,
    roles: readonly { role: R; scope?: ScopeRef }[] = [],
    overrides: Partial<User> = {},
  ): Promise<User> => seedUserInto(store, clock, { organizationId, username, roles, overrides });

  const partnerAdmin = await seedUser(partner.id, "padmin", ["company_admin" as R].map((role) => ({ role })));
  const customerAdmin = await seedUser(customer.id, "cadmin", ["company_admin" as R].map((role) => ({ role })));
  const operator = await seedUser(partner.id, "operator", [{ role: "system_admin" as R, scope: PLATFORM_SCOPE }]);

  return {
    context,
    store,
    clock,
    system,
    partner,
    customer,
    partnerAdmin,
    customerAdmin,
    operator,
    seedUser,
    newOrganization,
    roles: roleCommands(context),
    groups: groupCommands(context),
    queryAudit: (actor: Actor, input: QueryAuditInput) => queryAudit(context, actor, input),
    as: (user: Pick<User, "organizationId" | "id">): Actor => userActor(user.organizationId, user.id),
    /** Whether the user holds the permission (through the cache), in their organization or at a place. */
    can: (user: Pick<User, "organizationId" | "id">, permission: P, place: { organizationId?: OrganizationId; scope?: ScopeRef } = {}) =>
      access.can({ organizationId: user.organizationId, userId: user.id }, permission, {
        organizationId: place.organizationId ?? user.organizationId,
        ...(place.scope === undefined ? {} : { scope: place.scope }),
      }),
    /** The audit events of an organization, newest first. */
    audit: async (organizationId: OrganizationId) =>
      (await store.transaction((tx) => tx.audit.query(organizationId, { limit: 1000 })))._unsafeUnwrap().items,
    /** The stored group, as a caller would read it before editing. */
    group: async (organizationId: OrganizationId, groupId: string) =>
      (await store.transaction(async (tx) => ok(await tx.groups.get(organizationId, groupId as never))))._unsafeUnwrap(),
    /** Gives an organization company-level entitlements (set-up only). */
    entitle: async (organization: Organization, entitlements: readonly P[]) => {
      const updated = await store.transaction(async (tx) => {
        const stored = await tx.organizations.get(organization.id);
        return stored === null ? err("missing") : tx.organizations.update({ ...stored, entitlements: [...entitlements] });
      });
      updated._unsafeUnwrap();
    },
    /** Runs a command that must be refused: returns its error, and checks that nothing was stored (no audit event either). */
    refused: async (command: ResultAsync<unknown, TenureError>): Promise<TenureError> => {
      const before = store.snapshot();
      const result = await command;
      expect(result.isErr()).toBe(true);
      expect(store.snapshot()).toEqual(before);
      return result._unsafeUnwrapErr();
    },
  };
}

/** The world over the service harness's catalog. */
export const setupWorld = () => setupRoleWorld(harnessCatalog);

/** The world type. */
export type RoleWorld = Awaited<ReturnType<typeof setupWorld>>;
