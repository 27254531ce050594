/**
 * A service world on the partner portal's own catalog (examples/catalogs/partner-portal.ts): a partner
 * company, a customer of it, and an empty customer company, with no users yet, so the first-member,
 * organization-kind and requirement rules of manual 001 can be walked through the service.
 */
import {
  createManualClock,
  createScryptPasswordHasher,
  createTenure,
  PLATFORM_SCOPE,
  systemActor,
  userActor,
  type OrganizationId,
  type ScopeRef,
  type User,
} from "tenure";
import { catalog, companyLevelPermissions, settings } from "../../examples/catalogs/partner-portal.js";
import { sequentialIds } from "./_harness.js";
import { seedUserInto } from "./_seed-user.js";
import { createTestStore } from "./_test-store.js";

/** The trusted set-up actor. */
export const SETUP = systemActor("setup");

/** Sets up the portal world. */
export async function setupPortalWorld() {
  const clock = createManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = await createTestStore();
  const hasher = createScryptPasswordHasher({ cost: 2 ** 10 });
  const tenure = createTenure({ catalog, store, clock, ids: sequentialIds(), hasher, settings, links: (link) => `https://portal.example/${link.purpose}?token=${link.secret}` });
  const entitlements = companyLevelPermissions({ legacyEnvironments: true });
  const partner = (await tenure.organizations.create(SETUP, { name: "Nordic Partner", kind: "partner", entitlements }))._unsafeUnwrap();
  const customer = (await tenure.organizations.create(SETUP, { name: "Fjord Customer", kind: "customer", partnerId: partner.id, entitlements }))._unsafeUnwrap();

  /** Puts an active user with roles straight into the store (set-up only). */
  const seedUser = (organizationId: OrganizationId, username: string, roles: readonly { role: string; scope?: ScopeRef }[] = [], overrides: Partial<User> = {}) =>
    seedUserInto(store, clock, { organizationId, username, roles, overrides });

  /** The roles a user holds directly, as `role@kind`, sorted. */
  const rolesOf = (user: Pick<User, "id">): string[] =>
    store
      .snapshot()
      .assignments.filter((assignment) => assignment.principal.type === "user" && assignment.principal.id === user.id)
      .map((assignment) => `${assignment.role}@${assignment.scope.kind}`)
      .sort();

  /** A new company of the given kind, without users. */
  const company = async (name: string, kind: string, partnerId: OrganizationId | null = null) =>
    (await tenure.organizations.create(SETUP, { name, kind, partnerId, entitlements }))._unsafeUnwrap();

  return {
    tenure,
    store,
    clock,
    partner,
    customer,
    seedUser,
    rolesOf,
    company,
    as: (user: Pick<User, "organizationId" | "id">) => userActor(user.organizationId, user.id),
    /** The portal operator (a platform superuser) in the partner company. */
    operator: () => seedUser(partner.id, "operator", [{ role: "portal_operator", scope: PLATFORM_SCOPE }]),
    snapshot: () => store.snapshot(),
    /** The audit events of an organization, newest first. */
    audit: async (organizationId: OrganizationId) => (await store.transaction((tx) => tx.audit.query(organizationId, { limit: 1000 })))._unsafeUnwrap().items,
  };
}

/** A new user's data. */
export const person = (username: string) => ({ username, fullName: `${username[0]?.toUpperCase()}${username.slice(1)} Person`, email: `${username}@fjord.example` });
