import { entitlementCap } from "../../access/entitlement-cap.js";
import type { TargetOrganization } from "../../access/access-target.js";
import type { OrganizationId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";

/** Longest partner chain followed; the link rules keep chains acyclic, this only bounds a corrupted store. */
const MAX_CHAIN = 64;

/**
 * The partners above an organization, nearest first (its partner, that partner's partner, …), as the
 * transaction sees them. Stops at a missing partner, at a repeat (a cycle the link rules never make)
 * and after {@link MAX_CHAIN} steps.
 */
export async function partnersAbove<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organization: Pick<Organization, "id" | "partnerId">,
): Promise<Organization<OA>[]> {
  const chain: Organization<OA>[] = [];
  const seen = new Set<string>([organization.id]);
  let next = organization.partnerId;
  while (next !== null && !seen.has(next) && chain.length < MAX_CHAIN) {
    seen.add(next);
    const partner = await tx.organizations.get(next);
    if (partner === null) break;
    chain.push(partner);
    next = partner.partnerId;
  }
  return chain;
}

/** The company-level permissions that hold in an organization: its own capped by every partner's above it. */
export async function entitlementCapOf<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organization: Pick<Organization, "id" | "partnerId" | "entitlements">,
): Promise<readonly string[] | null> {
  if (organization.partnerId === null) return organization.entitlements;
  const above = await partnersAbove(tx, organization);
  return entitlementCap([organization.entitlements, ...above.map((partner) => partner.entitlements)]);
}

/**
 * The organization as permission questions see it: its id and partner, and as `entitlements` the cap
 * along its partner chain ({@link entitlementCapOf}), so a partner losing a company-level permission
 * caps its customers' users at once. For targets only: never write it back.
 */
export async function accessOrganizationOf<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organization: Pick<Organization, "id" | "partnerId" | "entitlements">,
): Promise<TargetOrganization> {
  return { id: organization.id, partnerId: organization.partnerId, entitlements: await entitlementCapOf(tx, organization) };
}

/**
 * Every organization below one: its customers, their customers, … (breadth first, each once, bounded).
 * Their cached permissions depend on this organization's entitlements and links.
 */
export async function customersBelow<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organizationId: OrganizationId,
): Promise<OrganizationId[]> {
  const found: OrganizationId[] = [];
  const seen = new Set<string>([organizationId]);
  let frontier: OrganizationId[] = [organizationId];
  for (let depth = 0; frontier.length > 0 && depth < MAX_CHAIN; depth += 1) {
    const next: OrganizationId[] = [];
    for (const id of frontier) {
      for (const customer of await tx.organizations.listCustomers(id)) {
        if (seen.has(customer.id)) continue;
        seen.add(customer.id);
        found.push(customer.id);
        next.push(customer.id);
      }
    }
    frontier = next;
  }
  return found;
}
