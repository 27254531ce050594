/**
 * The last-admin rule as a property (partner portal: "at least one admin"; a customer manager "acts as
 * an admin in all customers' companies"): in any world (the authorization world with some of its
 * admins taken away, so organizations with one admin, with only a delegated one, or with none occur)
 * and for any sequence of commands of the service run by any standing, an organization that had at
 * least one lasting admin (active, not third party; its own, or its partner's customer manager by
 * delegation) before an accepted command still has one after it, and no command is refused with
 * `last_admin` naming an organization that had none before.
 *
 * The admins are counted from the store and `access.explain` (never cached), not from the rule's code.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { err, ok, type Result } from "neverthrow";
import { describe, expect } from "vitest";
import type { OrganizationId, RoleAssignmentId, TenureError, User, UserId } from "tenure";
import { TEST_STORE } from "../_test-store.js";
import { selfOf } from "../authorization/_check.js";
import { commandAt, drawsArbitrary, inputBuilders, type Draws } from "../authorization/_commands.js";
import { buildWorld, ORG_KEYS, STANDINGS, userIdOf, type AuthzWorld, type OrgKey, type Standing } from "../authorization/_world.js";
import { seedUserInto } from "../_seed-user.js";

/** `TENURE_LAST_ADMIN_RUNS` overrides (e.g. to search longer after changing the rule). */
const NUM_RUNS = Number(process.env["TENURE_LAST_ADMIN_RUNS"] ?? (TEST_STORE === "memory" ? 60 : 8));

/** Ways to take admins away from the world before the commands run. */
const STRIPS = [
  "cadmin_role", // the customer's own admin loses the role: only the customer manager is left there
  "manager_role", // the customer manager loses the role
  "padmin_role",
  "padmins_group", // the partner's admin through a group
  "xadmin_role",
  "xadmins_group",
  "manager_third_party",
  "cadmin_blocked",
  "customer_capped", // the customer is not entitled to manage users: nobody administers it
  "second_manager",
] as const;
type Strip = (typeof STRIPS)[number];

/** The commands that may take admin rights away are drawn more often; every command of the table may be drawn. */
const REDUCING = ["accounts.block", "accounts.deactivate", "accounts.remove", "roles.revoke", "groups.removeMembers", "groups.delete", "thirdParty.setAccess"];
const commandArbitrary = fc.oneof(
  { arbitrary: fc.constantFrom(...REDUCING), weight: 3 },
  { arbitrary: fc.constantFrom(...Object.keys(inputBuilders).sort()), weight: 1 },
);
/** Actors who get past the gate often (the system, the super admin, admins of each kind) are favoured. */
const PREFERRED = ["system", "super admin", "admin", "delegated admin (customer manager)", "customer's admin", "admin through a group", "other organization's admin"];
const standingArbitrary: fc.Arbitrary<Standing> = fc.oneof(
  { arbitrary: fc.constantFrom(...STANDINGS.filter((standing) => PREFERRED.includes(standing.label))), weight: 4 },
  { arbitrary: fc.constantFrom(...STANDINGS), weight: 1 },
);
const stepArbitrary = fc.record({ path: commandArbitrary, d: drawsArbitrary, standing: standingArbitrary }, { noNullPrototype: true });

async function strip(w: AuthzWorld, strips: readonly Strip[]): Promise<void> {
  const done = await w.store.transaction(async (tx): Promise<Result<void, TenureError>> => {
    const drop = async (organizationId: OrganizationId, id: string) => {
      const dropped = await tx.assignments.delete(organizationId, id as RoleAssignmentId);
      return dropped.isErr() ? err(dropped.error) : ok(undefined);
    };
    const change = async (organizationId: OrganizationId, username: string, patch: Partial<User>) => {
      const user = (await tx.users.get(organizationId, userIdOf(username))) as User;
      const changed = await tx.users.update({ ...user, ...patch });
      return changed.isErr() ? err(changed.error) : ok(undefined);
    };
    for (const what of strips) {
      const done_ =
        what === "cadmin_role" ? await drop(w.orgs.C, "asg_seed_cadmin_0")
        : what === "manager_role" ? await drop(w.orgs.P, "asg_seed_manager_0")
        : what === "padmin_role" ? await drop(w.orgs.P, "asg_seed_padmin_0")
        : what === "padmins_group" ? await drop(w.orgs.P, "asg_seed_padmins_0")
        : what === "xadmin_role" ? await drop(w.orgs.X, "asg_seed_xadmin_0")
        : what === "xadmins_group" ? await drop(w.orgs.X, "asg_seed_xadmins_0")
        : what === "manager_third_party" ? await change(w.orgs.P, "manager", { thirdParty: true, accessExpiresAt: new Date("2026-04-01T22:00:00Z") })
        : what === "cadmin_blocked" ? await change(w.orgs.C, "cadmin", { account: { status: "blocked", until: null, reason: null } })
        : what === "customer_capped" ? await (async () => {
            const customer = (await tx.organizations.get(w.orgs.C))!;
            const capped = await tx.organizations.update({ ...customer, entitlements: ["documents.view", "documents.edit", "zone.access"] });
            return capped.isErr() ? err(capped.error) : ok(undefined);
          })()
        : ok(undefined);
      if (done_.isErr()) return err(done_.error);
    }
    return ok(undefined);
  });
  done._unsafeUnwrap();
  if (strips.includes("second_manager")) {
    await seedUserInto(w.store, w.clock, { organizationId: w.orgs.P, username: "manager2", roles: [{ role: "customer_manager" }] });
  }
}

/** Each organization's lasting admins now: its own users, and its partner's users who administer it by delegation. */
async function lastingAdmins(w: AuthzWorld): Promise<Record<OrgKey, UserId[]>> {
  const { users, organizations } = w.stored();
  const counts = {} as Record<OrgKey, UserId[]>;
  for (const key of ORG_KEYS) {
    const organization = organizations.find((candidate) => candidate.id === w.orgs[key])!;
    const admins: UserId[] = [];
    for (const user of users) {
      const own = user.organizationId === organization.id;
      if ((!own && user.organizationId !== organization.partnerId) || user.thirdParty) continue;
      const explained = (await w.tenure.access.explain({ organizationId: user.organizationId, userId: user.id }, "users.manage", { organizationId: organization.id }))._unsafeUnwrap();
      if (explained.allowed && (own || explained.derivations.some((derivation) => derivation.delegated))) admins.push(user.id);
    }
    counts[key] = admins;
  }
  return counts;
}

describe("the last-admin rule, as a property", () => {
  fcTest.prop([fc.subarray([...STRIPS]), fc.array(stepArbitrary, { minLength: 1, maxLength: 6 })], { numRuns: NUM_RUNS, endOnFailure: TEST_STORE !== "memory" })(
    "an organization with a lasting admin (own or delegated) keeps one after any accepted command; no command is refused last_admin for an organization that had none",
    async (strips, steps) => {
      const w = await buildWorld();
      try {
        await strip(w, strips);
        const problems: string[] = [];
        for (const { path, d, standing } of steps) {
          const input = inputBuilders[path]!({ w, d: d as Draws, O: w.orgs[d.org], self: selfOf(standing) });
          const before = await lastingAdmins(w);
          const result = (await commandAt(w.tenure, path)(w.actorOf(standing), input)) as Result<unknown, TenureError>;
          const after = await lastingAdmins(w);
          const where = `${path} as ${standing.label} on ${JSON.stringify(input)}`;
          if (result.isOk()) {
            for (const key of ORG_KEYS) {
              if (before[key].length > 0 && after[key].length === 0) problems.push(`${where}: accepted, and left ${key} without an admin (had ${before[key].join(", ")})`);
            }
          } else if (result.error.code === "forbidden" && result.error.rule === "last_admin") {
            const key = w.orgKeyOf(result.error.id as OrganizationId);
            if (key === null) problems.push(`${where}: refused last_admin naming ${result.error.id}, not an organization of the world`);
            else if (before[key].length === 0) problems.push(`${where}: refused last_admin for ${key}, which had no admin before`);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await w.store.close();
      }
    },
    600_000,
  );
});
