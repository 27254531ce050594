import { err, ok, type Result } from "neverthrow";
import type { AccessSubject } from "../../access/access-subject.js";
import { checkLastAdmin } from "../../access/guards/last-admin-guard.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import { TenureErrors, type ConflictError, type DuplicateError, type ForbiddenError, type NotFoundError } from "../../model/tenure-error.js";
import { adminsAt, delegatedAdminCandidates, ownAdmins, type AdminContext } from "./lasting-admins.js";
import { accessOrganizationOf } from "./organization-chain.js";
import type { CommandScope } from "./run-command.js";

/** The lasting admins of the organizations a command may leave without one, as they stood before its writes. */
export interface AdminsBefore {
  /** The command's organization: its own admins, and its partner's customer managers who are admins there by delegation. */
  readonly own: readonly UserId[];
  readonly delegated: readonly UserId[];
  /** Per customer of the command's organization: the delegated admins it had from the command's organization. */
  readonly customers: ReadonlyMap<OrganizationId, readonly UserId[]>;
}

/**
 * Call before a command's writes that may take admin rights away (revoking a role, blocking,
 * de-activating or removing a user, changing a group, making a user third party); hand the answer to
 * {@link ensureAdminRemains} after them. It counts the lasting admins (active, not third party,
 * holding the user-management permission there) of the command's organization, its own and its
 * partner's customer managers by delegation, and of each customer of the organization the delegated
 * admins it has from it.
 */
export async function adminsBefore<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  c: CommandScope<P, UA, OA, Native>,
): Promise<AdminsBefore> {
  const organization = (await c.tx.organizations.get(c.organization.id)) ?? c.organization;
  const own = await ownAdmins(context, c.tx, organization, c.now);
  const delegated = await delegatedInto(context, c, organization);
  const customers = new Map<OrganizationId, readonly UserId[]>();
  const managers = await delegatedAdminCandidates(context, c.tx, organization.id);
  if (managers.length > 0) {
    for (const customer of await c.tx.organizations.listCustomers(organization.id)) customers.set(customer.id, adminsAt(context, managers, await accessOrganizationOf(c.tx, customer), c.now));
  }
  return { own, delegated, customers };
}

/**
 * Call after the writes, with what {@link adminsBefore} counted: refuses with `last_admin` (its `id`
 * the organization) a change that takes an organization's lasting admins from at least one to none,
 * the command's own organization or a customer whose partner's customer managers were its only
 * admins. A change is never refused because an organization had no admin before it. Reads see the
 * command's own writes, so it judges the state the command would commit.
 *
 * It also bumps the organization's version (unless the command already wrote its record), and the
 * partner's when the organization is left relying on the partner's customer managers alone: two such
 * commands running at once then conflict instead
 * of both committing, each having seen the other's admin still in place (write skew under snapshot
 * isolation, within an organization or between a customer and its partner).
 */
export async function ensureAdminRemains<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  c: CommandScope<P, UA, OA, Native>,
  before: AdminsBefore,
): Promise<Result<void, ForbiddenError | ConflictError | NotFoundError | DuplicateError>> {
  const organization = (await c.tx.organizations.get(c.organization.id)) ?? c.organization;
  // A command that wrote the organization's record itself (its version moved in this unit of work)
  // has serialized on it already: no second bump.
  if (organization.version === c.organization.version) {
    const touched = await c.tx.organizations.update({ ...organization, updatedAt: c.now });
    if (touched.isErr()) return err(touched.error);
  }
  const own = await ownAdmins(context, c.tx, organization, c.now);
  const delegated = await delegatedInto(context, c, organization);
  const here = checkLastAdmin({ before: before.own.length + before.delegated.length, after: own.length + delegated.length }, organization.id);
  if (here.isErr()) return err(here.error);
  if (before.own.length > 0 && own.length === 0 && delegated.length > 0 && organization.partnerId !== null) {
    const serialized = await c.touchOrganization(organization.partnerId);
    if (serialized.isErr()) return err(serialized.error);
  }
  if (before.customers.size === 0) return ok(undefined);
  const managers = await delegatedAdminCandidates(context, c.tx, organization.id);
  for (const [customerId, had] of before.customers) {
    const customer = await c.tx.organizations.get(customerId);
    if (customer === null || had.length === 0) continue;
    const left = customer.partnerId === organization.id ? adminsAt(context, managers, await accessOrganizationOf(c.tx, customer), c.now).length : 0;
    if (left > 0) continue;
    // Its own admins are not this command's to change (it writes only in its own organization).
    const ownThere = (await ownAdmins(context, c.tx, customer, c.now)).length;
    const there = checkLastAdmin({ before: ownThere + had.length, after: ownThere }, customer.id);
    if (there.isErr()) {
      return err(
        TenureErrors.forbidden(
          "last_admin",
          `This would leave the customer organization "${customer.name}" without an admin: the customer managers are its only admins. Make someone an admin there first.`,
          customer.id,
        ),
      );
    }
  }
  return ok(undefined);
}

/** The partner's customer managers who are lasting admins of the organization by delegation now. */
async function delegatedInto<P extends string, UA extends object, OA extends object, Native>(
  context: AdminContext<P, UA, OA, Native>,
  c: CommandScope<P, UA, OA, Native>,
  organization: Organization<OA>,
): Promise<UserId[]> {
  if (organization.partnerId === null) return [];
  const managers: AccessSubject[] = await delegatedAdminCandidates(context, c.tx, organization.partnerId);
  return adminsAt(context, managers, await accessOrganizationOf(c.tx, organization), c.now);
}
