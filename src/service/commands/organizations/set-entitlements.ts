import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { checkEntitlementsWithin } from "../../../access/guards/grant-guards.js";
import { organizationIdSchema } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { customersBelow, entitlementCapOf } from "../../_internal/organization-chain.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { organizationAsRead } from "./_internal/organization-as-read.js";
import { writeKeepingAnAdmin } from "./_internal/write-keeping-an-admin.js";

/** What setting an organization's company-level permissions takes: its version read and the whole new set (`null`: not capped). */
export const setEntitlementsInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** The version read (`organizations.get`); a stale one is a `conflict`. */
  expectedVersion: z.number().int().nonnegative(),
  /** The company-level permissions, replacing the current ones; `null` caps nothing. */
  entitlements: z.array(z.string().min(1).max(200)).max(10_000).nullable(),
});
/** See {@link setEntitlementsInputSchema}. */
export type SetEntitlementsInput = z.input<typeof setEntitlementsInputSchema>;

/**
 * Sets an organization's company-level permissions (the partner portal: "the available permissions
 * depend on the permissions assigned at the company level"). Super admins set them for any
 * organization; a partner's admins (who manage users in the partner itself) for its customers. Either
 * way a customer's stay within what holds in its partner (`entitlement_missing` naming the first one
 * missing), and unknown permission names are refused by name (`entitlements.<index>`).
 *
 * Removing one caps the members' effective permissions at once (the next `access.can` says no, cached
 * or not: the cache of the organization and of every organization below it is forgotten at commit)
 * while their role assignments are kept; adding it back restores them. A partner losing one caps its
 * customers (and theirs) at resolve time, since permissions are capped along the partner chain: their
 * own entitlements stay as set, and hold again when the partner gets it back.
 * Entitlements that would leave the organization without a lasting admin (taking away the
 * user-management permission its admins hold) are refused (`last_admin`).
 *
 * @example
 * ```ts
 * await tenure.organizations.setEntitlements(operator, { organizationId: acme.id, expectedVersion: acme.version, entitlements: ["orders.view"] });
 * ```
 */
export function setEntitlements<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: SetEntitlementsInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: setEntitlementsInputSchema,
    input,
    rule: () => ({ needs: "partner_administrator" }),
    work: async (c, { expectedVersion, entitlements }) => {
      const read = organizationAsRead(c.organization, expectedVersion);
      if (read.isErr()) return err(read.error);
      const unknown = (entitlements ?? []).flatMap((name, index) => (context.catalog.isPermission(name) ? [] : [{ name, index }]));
      if (unknown.length > 0) {
        return err(
          TenureErrors.validation(
            unknown.map(({ name, index }) => ({ severity: "error", field: `entitlements.${index}`, code: "unknown_permission", message: `"${name}" is not a permission of the catalog.` })),
          ),
        );
      }
      const wanted = entitlements === null ? null : [...new Set(entitlements)];
      if (read.value.partnerId !== null) {
        const partner = await c.tx.organizations.get(read.value.partnerId);
        if (partner !== null) {
          const within = checkEntitlementsWithin(await entitlementCapOf(c.tx, partner), wanted);
          if (within.isErr()) return err(within.error);
        }
      }
      const stored = await writeKeepingAnAdmin(context, c, { ...read.value, entitlements: wanted, updatedAt: c.now });
      if (stored.isErr()) return err(stored.error);
      const written = stored.value;
      return ok({
        value: written,
        audit: {
          action: "organization.entitlements_set",
          target: { entity: "organization", id: c.organization.id },
          ...changedFields(read.value, written, ["entitlements"]),
        },
        invalidate: { organizations: [c.organization.id, ...(await customersBelow(c.tx, c.organization.id))] },
      });
    },
  });
}
