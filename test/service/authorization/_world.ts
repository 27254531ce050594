/**
 * The world of the authorization tests: the harness's partner P and its customer C, plus an unrelated
 * organization X, with a user of every standing and groups in each organization. Everything here is
 * a description first (`CAST`), from which both the seeded store and the reference table
 * (`_reference.ts`) are derived, so the table never asks the service who is who.
 */
import { err, ok } from "neverthrow";
import {
  defineProvisioningSource,
  createScryptPasswordHasher,
  organizationScope,
  systemActor,
  userActor,
  type AccountState,
  type Actor,
  type Audience,
  type Group,
  type GroupId,
  type OrganizationId,
  type RoleAssignmentId,
  type ScopeRef,
  type SettingsInput,
  type User,
  type UserId,
} from "tenure";
import { setupWorld } from "../_harness.js";
import { seedUserInto } from "../_seed-user.js";

/** The three organizations: the partner, its customer, an unrelated one. */
export type OrgKey = "P" | "C" | "X";
export const ORG_KEYS: readonly OrgKey[] = ["P", "C", "X"];

/** The settings every authorization world runs with: third-party management on, so its commands run. */
export const WORLD_SETTINGS: SettingsInput = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" };

/** One seeded user, as described (the store gets exactly this). */
export interface CastMember {
  readonly username: string;
  readonly org: OrgKey;
  readonly audience: Audience;
  /** The account state as stored. */
  readonly account: AccountState;
  /** Whether the account is active now (so it holds permissions). */
  readonly active: boolean;
  /** Direct roles, in the user's organization unless `platform`. */
  readonly roles: readonly ("company_admin" | "customer_manager" | "member" | "editor" | "system_admin")[];
  /** The organizations this user administers (holds `users.manage` there, directly, through a group or by delegation), when active. */
  readonly adminOf: readonly OrgKey[];
  /** Holds the super admins' permission at the platform. */
  readonly superAdmin: boolean;
  readonly thirdParty?: { readonly expiresAt: Date };
  readonly location?: string;
  readonly company?: string;
}

const ACTIVE: AccountState = { status: "active" };
const IN_A_MONTH = new Date("2026-04-01T22:00:00Z");

const member = (username: string, org: OrgKey, extra: Partial<CastMember> = {}): CastMember => ({
  username,
  org,
  audience: "internal",
  account: ACTIVE,
  active: true,
  roles: ["member"],
  adminOf: [],
  superAdmin: false,
  ...extra,
});

/**
 * Who is in the world. `padmin`, `cadmin` and `operator` come from the harness (`setupWorld`); the
 * customer manager holds a delegated role in P that makes him an admin of C and not of P; `pgadmin` is
 * an admin of P through the group `grp_padmins`; `xgadmin` an admin of X through `grp_xadmins`.
 */
export const CAST: readonly CastMember[] = [
  member("padmin", "P", { roles: ["company_admin"], adminOf: ["P"] }),
  member("operator", "P", { roles: ["system_admin"], superAdmin: true, adminOf: ["P", "C", "X"] }),
  member("manager", "P", { roles: ["customer_manager"], adminOf: ["C"] }),
  member("pgadmin", "P", { roles: [], adminOf: ["P"] }),
  member("pmember", "P", { location: "Berlin" }),
  member("pexternal", "P", { audience: "external", location: "Berlin" }),
  member("pguest", "P", { audience: "guest" }),
  member("pthird", "P", { thirdParty: { expiresAt: IN_A_MONTH } }),
  member("pblocked", "P", { roles: ["company_admin"], account: { status: "blocked", until: null, reason: "Investigation" }, active: false }),
  member("pdeact", "P", { roles: ["company_admin"], account: { status: "deactivated", reason: "admin" }, active: false, location: "Berlin", company: "Acme" }),
  member("premoved", "P", { roles: [], account: { status: "removed", at: new Date("2026-02-01T09:00:00Z") }, active: false }),
  member("ppending", "P", { roles: [], audience: "external", account: { status: "pending_verification" }, active: false }),
  member("pinvited", "P", { roles: ["company_admin"], account: { status: "invited" }, active: false }),
  member("cadmin", "C", { roles: ["company_admin"], adminOf: ["C"] }),
  member("cmember", "C", { location: "Hamburg", company: "Acme" }),
  member("cmember2", "C", { roles: ["editor"], location: "Berlin" }),
  member("cexternal", "C", { audience: "external", location: "Berlin" }),
  member("cguest", "C", { audience: "guest" }),
  member("cthird", "C", { thirdParty: { expiresAt: IN_A_MONTH } }),
  member("cdeact", "C", { account: { status: "deactivated", reason: "admin" }, active: false, location: "Berlin", company: "Acme" }),
  member("xadmin", "X", { roles: ["company_admin"], adminOf: ["X"] }),
  member("xgadmin", "X", { roles: [], adminOf: ["X"] }),
  member("xmember", "X", { location: "Berlin" }),
  member("xexternal", "X", { audience: "external" }),
];

/** The groups, by organization: members by username, and the roles the group holds in its organization. */
export const GROUPS: readonly { readonly name: string; readonly org: OrgKey; readonly members: readonly string[]; readonly roles: readonly string[] }[] = [
  { name: "padmins", org: "P", members: ["pgadmin"], roles: ["company_admin"] },
  { name: "pteam", org: "P", members: ["pmember", "pexternal", "pthird"], roles: [] },
  { name: "pother", org: "P", members: ["pguest", "pdeact"], roles: ["editor"] },
  { name: "cteam", org: "C", members: ["cexternal", "cmember", "cdeact"], roles: [] },
  { name: "cother", org: "C", members: ["cmember2", "cthird"], roles: ["editor"] },
  { name: "xadmins", org: "X", members: ["xgadmin"], roles: ["company_admin"] },
  { name: "xteam", org: "X", members: ["xmember", "xexternal"], roles: [] },
];

export const userIdOf = (username: string): UserId => `usr_${username}` as UserId;
export const groupIdOf = (name: string): GroupId => `grp_${name}` as GroupId;

/** The acting parties the property draws from: every standing of the brief, and actors that name no stored user. */
export type Standing =
  | { readonly kind: "system"; readonly label: string }
  | { readonly kind: "user"; readonly label: string; readonly username: string }
  | { readonly kind: "ghost"; readonly label: string; readonly org: OrgKey; readonly userId: UserId };

export const STANDINGS: readonly Standing[] = [
  { kind: "user", label: "admin", username: "padmin" },
  { kind: "user", label: "admin through a group", username: "pgadmin" },
  { kind: "user", label: "delegated admin (customer manager)", username: "manager" },
  { kind: "user", label: "super admin", username: "operator" },
  { kind: "user", label: "internal member", username: "pmember" },
  { kind: "user", label: "external member", username: "pexternal" },
  { kind: "user", label: "guest", username: "pguest" },
  { kind: "user", label: "blocked admin", username: "pblocked" },
  { kind: "user", label: "de-activated admin", username: "pdeact" },
  { kind: "user", label: "removed user", username: "premoved" },
  { kind: "user", label: "pending user", username: "ppending" },
  { kind: "user", label: "invited admin", username: "pinvited" },
  { kind: "user", label: "customer's admin", username: "cadmin" },
  { kind: "user", label: "customer's external member", username: "cexternal" },
  { kind: "user", label: "other organization's admin", username: "xadmin" },
  { kind: "user", label: "other organization's member", username: "xmember" },
  { kind: "system", label: "system" },
  { kind: "ghost", label: "unknown user id", org: "P", userId: "usr_nobody" as UserId },
  { kind: "ghost", label: "admin's id with another organization", org: "X", userId: userIdOf("padmin") },
];

/** The user a standing names, or `null` (the system, or an actor no stored user matches). */
export function castOf(standing: Standing): CastMember | null {
  return standing.kind === "user" ? (CAST.find((user) => user.username === standing.username) ?? null) : null;
}

const sharedHash = createScryptPasswordHasher({ cost: 2 ** 10 }).hash("shared-password");

/** The identity provider the world is fed by (a SCIM source: its pushes need an administrator). */
export const AUTHZ_SOURCE = defineProvisioningSource({ name: "idp", kind: "scim" })._unsafeUnwrap();

/** Builds the world: the harness's, X, then the cast and the groups straight into the store. */
export async function buildWorld(options: { readonly settings?: SettingsInput } = {}) {
  const world = await setupWorld({ settings: options.settings ?? WORLD_SETTINGS, sources: [AUTHZ_SOURCE] });
  const other = (await world.tenure.organizations.create(systemActor("setup"), { name: "Other Co" }))._unsafeUnwrap();
  const orgs: Record<OrgKey, OrganizationId> = { P: world.partner.id, C: world.customer.id, X: other.id };
  const now = world.clock.now();
  for (const cast of CAST) {
    if (["padmin", "cadmin", "operator"].includes(cast.username)) continue;
    // The harness's seedUser, with one password hash for everyone: a world is built many times, and
    // hashing a password per user would dominate the property's run time.
    await seedUserInto(world.store, world.clock, {
      organizationId: orgs[cast.org],
      username: cast.username,
      roles: cast.roles.map((role) => ({ role })),
      overrides: {
        audience: cast.audience,
        account: cast.account,
        ...(cast.location === undefined ? {} : { location: cast.location }),
        ...(cast.company === undefined ? {} : { company: cast.company }),
        ...(cast.thirdParty === undefined ? {} : { thirdParty: true, accessExpiresAt: cast.thirdParty.expiresAt }),
      },
      passwordHash: await sharedHash,
    });
  }
  const seeded = await world.store.transaction(async (tx) => {
    for (const group of GROUPS) {
      const organizationId = orgs[group.org];
      const id = groupIdOf(group.name);
      const inserted = await tx.groups.insert({
        id, organizationId, name: group.name, colour: "#1e90ff", memberIds: group.members.map(userIdOf), version: 0, createdAt: now, updatedAt: now,
      });
      if (inserted.isErr()) return err(inserted.error);
      for (const [index, role] of group.roles.entries()) {
        const granted = await tx.assignments.insert({
          id: `asg_seed_${group.name}_${index}` as RoleAssignmentId,
          organizationId,
          principal: { type: "group", id },
          role,
          scope: organizationScope(organizationId) as ScopeRef,
          grantedBy: null,
          grantedAt: now,
        });
        if (granted.isErr()) return err(granted.error);
      }
    }
    return ok(undefined);
  });
  seeded._unsafeUnwrap();
  const orgKeyOf = (id: OrganizationId): OrgKey | null => (ORG_KEYS.find((key) => orgs[key] === id) ?? null);

  /** The actor of a standing. */
  const actorOf = (standing: Standing): Actor =>
    standing.kind === "system"
      ? systemActor("authorization-test")
      : standing.kind === "ghost"
        ? userActor(orgs[standing.org], standing.userId)
        : userActor(orgs[castOf(standing)!.org], userIdOf(standing.username));

  /** What the store holds now, for ids and versions. */
  const stored = () => {
    const snapshot = world.store.snapshot();
    return {
      users: snapshot.users as readonly User[],
      groups: snapshot.groups as readonly Group[],
      assignments: snapshot.assignments,
      organizations: snapshot.organizations,
    };
  };
  return { ...world, other, orgs, orgKeyOf, actorOf, stored, now };
}

/** The authorization world. */
export type AuthzWorld = Awaited<ReturnType<typeof buildWorld>>;

