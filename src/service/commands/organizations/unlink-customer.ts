import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { customersBelow } from "../../_internal/organization-chain.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { organizationAsRead } from "./_internal/organization-as-read.js";
import { writeKeepingAnAdmin } from "./_internal/write-keeping-an-admin.js";

/** What ending a customer link takes: the customer organization as read. */
export const unlinkCustomerInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The version read; a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
});
/** See {@link unlinkCustomerInputSchema}. */
export type UnlinkCustomerInput = z.input<typeof unlinkCustomerInputSchema>;

/**
 * Ends an organization's customer link (super admins only): it no longer has a partner, so the
 * partner's customer managers no longer administer it, from the next command on (the cached
 * permissions of the organization, its users and the organizations below it are forgotten at commit;
 * none computed before can be stored after), and the partner's company-level permissions no longer cap
 * it. Roles and entitlements are kept. An organization that is no customer is `invalid_state`; one whose
 * only admins are the partner's customer managers is refused (`last_admin`): make someone an admin there first.
 *
 * @example
 * ```ts
 * await tenure.organizations.unlinkCustomer(operator, { organizationId: acme.id, expectedVersion: acme.version });
 * ```
 */
export function unlinkCustomer<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: UnlinkCustomerInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: unlinkCustomerInputSchema,
    input,
    rule: () => ({ needs: "super_admin" }),
    work: async (c, { expectedVersion }) => {
      const read = organizationAsRead(c.organization, expectedVersion);
      if (read.isErr()) return err(read.error);
      if (read.value.partnerId === null) {
        return err(TenureErrors.invalidState("organization", c.organization.id, "not_a_customer", "This organization is no partner's customer."));
      }
      const stored = await writeKeepingAnAdmin(context, c, { ...read.value, partnerId: null, updatedAt: c.now });
      if (stored.isErr()) return err(stored.error);
      const written = stored.value;
      return ok({
        value: written,
        audit: { action: "organization.customer_unlinked", target: { entity: "organization", id: c.organization.id }, ...changedFields(read.value, written, ["partnerId"]) },
        invalidate: { organizations: [c.organization.id, ...(await customersBelow(c.tx, c.organization.id))] },
      });
    },
  });
}
