/**
 * The world every service test starts from: a catalog with the features the manuals need, a tenure
 * service on the in-memory store with a manual clock and deterministic ids, one partner organization
 * with an active admin, and one customer organization of that partner.
 */
import { createTestStore } from "./_test-store.js";
import { seedUserInto } from "./_seed-user.js";
import {
  createManualClock,
  createScryptPasswordHasher,
  createTenure,
  defineCatalog,
  PLATFORM_SCOPE,
  userActor,
  type Actor,
  type IdGenerator,
  type LinkRequest,
  type ProvisioningSource,
  type TenureOptions,
  type OrganizationId,
  type ScopeRef,
  type SettingsInput,
  type User,
} from "tenure";

/** A catalog with a platform superuser, organization admins, a delegated customer manager, zones and a default role. */
export const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
  permissions: {
    "system.admin": {},
    "users.manage": {},
    "documents.view": {},
    "documents.edit": { requires: ["documents.view"] },
    "zone.access": {},
  },
  roles: {
    system_admin: { superuser: true, scopes: ["platform"] },
    company_admin: { permissions: ["users.manage", "documents.view", "documents.edit", "zone.access"], scopes: ["organization"] },
    customer_manager: { includes: ["company_admin"], scopes: ["organization"], delegation: "customers" },
    member: { permissions: ["documents.view"], scopes: ["organization"], default: true },
    editor: { includes: ["member"], permissions: ["documents.edit"], scopes: ["organization"] },
    zone_member: { permissions: ["zone.access"], scopes: ["zone"], access: true },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

/** Ids that read well in test failures: `usr_1`, `org_2`, … */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  const prefixes: Record<string, string> = {
    organization: "org", user: "usr", group: "grp", assignment: "asg", invitation: "inv", token: "tok", audit: "evt", mail: "mail", provisioning_run: "run",
  };
  return {
    next: (kind) => {
      const next = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, next);
      return `${prefixes[kind] ?? kind}_${next}`;
    },
  };
}

/** Every link the service built, newest last, so tests can "click" them. */
export type LinkLog = LinkRequest[];

/** Sets up the world; `settings` override the installation's. */
export async function setupWorld(
  options: {
    readonly settings?: SettingsInput;
    readonly sources?: readonly ProvisioningSource[];
    readonly directories?: TenureOptions<string, string, string, object, object, unknown>["directories"];
  } = {},
) {
  const clock = createManualClock(new Date("2026-03-02T09:00:00Z"));
  const store = await createTestStore();
  const links: LinkLog = [];
  const hasher = createScryptPasswordHasher({ cost: 2 ** 10 });
  const tenure = createTenure({
    catalog,
    store,
    clock,
    ids: sequentialIds(),
    hasher,
    settings: options.settings ?? {},
    sources: options.sources ?? [],
    ...(options.directories === undefined ? {} : { directories: options.directories }),
    links: (link) => {
      links.push(link);
      return `https://app.example/${link.purpose}?token=${link.secret}`;
    },
  });

  const partner = (await tenure.organizations.create({ type: "system", name: "setup" }, { name: "Partner Co", kind: "partner" }))._unsafeUnwrap();
  const customer = (
    await tenure.organizations.create({ type: "system", name: "setup" }, { name: "Customer Co", kind: "customer", partnerId: partner.id })
  )._unsafeUnwrap();

  /** Puts an active user with roles and the password `<username>-password` straight into the store (test set-up only). */
  const seedUser = async (
    organizationId: OrganizationId,
    username: string,
    roles: readonly { role: string; scope?: ScopeRef }[] = [],
    overrides: Partial<User> = {},
  ): Promise<User> =>
    seedUserInto(store, clock, { organizationId, username, roles, overrides, passwordHash: await hasher.hash(`${username}-password`) });

  const partnerAdmin = await seedUser(partner.id, "padmin", [{ role: "company_admin" }]);
  const customerAdmin = await seedUser(customer.id, "cadmin", [{ role: "company_admin" }]);
  const operator = await seedUser(partner.id, "operator", [{ role: "system_admin", scope: PLATFORM_SCOPE }]);

  return {
    tenure,
    store,
    clock,
    links,
    partner,
    customer,
    partnerAdmin,
    customerAdmin,
    operator,
    seedUser,
    /** The actor of a seeded user. */
    as: (user: Pick<User, "organizationId" | "id">): Actor => userActor(user.organizationId, user.id),
    /** The audit events of an organization, newest first. */
    audit: async (organizationId: OrganizationId) =>
      (await store.transaction((tx) => tx.audit.query(organizationId, { limit: 1000 })))._unsafeUnwrap().items,
  };
}

/** The world type, for helpers in test files. */
export type World = Awaited<ReturnType<typeof setupWorld>>;
