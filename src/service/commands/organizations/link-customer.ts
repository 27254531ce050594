import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { entitlementCap } from "../../../access/entitlement-cap.js";
import { checkCustomerLink } from "../../../access/guards/customer-link-guards.js";
import { organizationIdSchema } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { customersBelow, partnersAbove } from "../../_internal/organization-chain.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { organizationAsRead } from "./_internal/organization-as-read.js";

/** What making an organization a customer of a partner takes: the organization as read, and the partner. */
export const linkCustomerInputSchema = z.object({
  /** The organization that becomes a customer. */
  organizationId: organizationIdSchema,
  /** The version of that organization read; a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
  /** The partner it becomes a customer of. */
  partnerId: organizationIdSchema,
});
/** See {@link linkCustomerInputSchema}. */
export type LinkCustomerInput = z.input<typeof linkCustomerInputSchema>;

/**
 * Makes an existing organization a customer of a partner (or moves it to another partner): super
 * admins only, since it hands the organization's administration to the partner's customer managers.
 * Refused (`forbidden`) when the partner is not of a partner kind (`partner_kind`, the installation's
 * `partnerKinds`), is the organization itself (`self_link`), or is below it (`link_cycle`); and when
 * the organization's company-level permissions exceed what holds in the partner (`entitlement_missing`:
 * refused, not capped, so no company permission disappears as a side effect; set them first with
 * `organizations.setEntitlements`). An unknown partner is `not_found`.
 *
 * The partner's delegated roles (its customer managers) reach the organization from the next command
 * on: the cached permissions of the organization, of its users and of the organizations below it are
 * forgotten when the link commits, and none computed before can be stored after.
 *
 * @example
 * ```ts
 * await tenure.organizations.linkCustomer(operator, { organizationId: acme.id, expectedVersion: acme.version, partnerId: reseller.id });
 * ```
 */
export function linkCustomer<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: LinkCustomerInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: linkCustomerInputSchema,
    input,
    rule: () => ({ needs: "super_admin" }),
    work: async (c, { expectedVersion, partnerId }) => {
      const read = organizationAsRead(c.organization, expectedVersion);
      if (read.isErr()) return err(read.error);
      const partner = partnerId === c.organization.id ? c.organization : await c.tx.organizations.get(partnerId);
      if (partner === null) return err(TenureErrors.notFound("organization", partnerId));
      const above = await partnersAbove(c.tx, partner);
      const checked = checkCustomerLink({
        customer: c.organization,
        partner: { id: partner.id, kind: partner.kind, entitlementCap: entitlementCap([partner.entitlements, ...above.map((next) => next.entitlements)]) },
        partnersAbovePartner: above.map((next) => next.id),
        partnerKinds: context.settings.partnerKinds,
      });
      if (checked.isErr()) return err(checked.error);
      const updated = await c.tx.organizations.update({ ...read.value, partnerId: partner.id, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: { action: "organization.customer_linked", target: { entity: "organization", id: c.organization.id }, ...changedFields(read.value, updated.value, ["partnerId"]) },
        invalidate: { organizations: [c.organization.id, ...(await customersBelow(c.tx, c.organization.id))] },
      });
    },
  });
}
