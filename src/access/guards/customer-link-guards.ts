import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ForbiddenError } from "../../model/tenure-error.js";
import { checkEntitlementsWithin } from "./grant-guards.js";

/** What making an organization a customer of a partner is checked against (all read in one unit of work). */
export interface CustomerLinkCheck {
  /** The organization to become a customer, with its own company-level permissions. */
  readonly customer: { readonly id: string; readonly entitlements: readonly string[] | null };
  /** The partner, its kind, and the company-level permissions that hold in it (its own capped by its partners'). */
  readonly partner: { readonly id: string; readonly kind: string; readonly entitlementCap: readonly string[] | null };
  /** The ids of the partner's partner, its partner, … up to the top (the chain the customer would join). */
  readonly partnersAbovePartner: readonly string[];
  /** The organization kinds that may have customers (the installation's `partnerKinds`). */
  readonly partnerKinds: readonly string[];
}

/**
 * The rules of a customer link (the partner portal's "My Customers"): the partner must be of a kind
 * that has customers (`partner_kind`); an organization is not its own customer (`self_link`); no
 * cycle, i.e. the customer is not above the partner in the partner's chain (`link_cycle`); and the
 * customer's company-level permissions lie within the partner's (`entitlement_missing`, naming the
 * first missing one). The last is refused rather than capped: linking must not silently take company
 * permissions away; the super admin sets the customer's entitlements first (its own audited change),
 * then links. Checked in that order, so the first broken rule is the one named.
 */
export function checkCustomerLink(check: CustomerLinkCheck): Result<void, ForbiddenError> {
  const { customer, partner } = check;
  if (customer.id === partner.id) {
    return err(TenureErrors.forbidden("self_link", "An organization cannot be its own customer.", customer.id));
  }
  if (!check.partnerKinds.includes(partner.kind)) {
    return err(
      TenureErrors.forbidden(
        "partner_kind",
        `Only organizations of kind ${check.partnerKinds.map((kind) => `"${kind}"`).join(", ") || "(none configured)"} have customers; this one is "${partner.kind}".`,
        partner.id,
      ),
    );
  }
  if (check.partnersAbovePartner.includes(customer.id)) {
    return err(TenureErrors.forbidden("link_cycle", "The organization is a partner above this partner: linking would make a cycle.", customer.id));
  }
  const within = checkEntitlementsWithin(partner.entitlementCap, customer.entitlements);
  return within.isErr() ? err(within.error) : ok(undefined);
}
