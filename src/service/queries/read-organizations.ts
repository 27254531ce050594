import { ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { compareCodePoints } from "../../model/sort-key.js";
import { organizationIdSchema } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { Actor } from "../actor.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What reading an organization takes. */
export const getOrganizationInputSchema = z.object({ organizationId: organizationIdSchema });
/** See {@link getOrganizationInputSchema}. */
export type GetOrganizationInput = z.input<typeof getOrganizationInputSchema>;

/** What listing a partner's customers takes: the partner. */
export const listCustomersInputSchema = z.object({
  /** The partner whose customer companies are listed. */
  organizationId: organizationIdSchema,
});
/** See {@link listCustomersInputSchema}. */
export type ListCustomersInput = z.input<typeof listCustomersInputSchema>;

/**
 * Reads an organization with its `version` (the `expectedVersion` of the organization commands), its
 * kind, partner, entitlements and settings: for its members, whoever administers it (directly or, for a
 * partner's customer manager, by delegation), super admins and the system.
 */
export function getOrganization<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GetOrganizationInput,
): ResultAsync<Organization<OA>, TenureError> {
  return runQuery(context, {
    actor,
    schema: getOrganizationInputSchema,
    input,
    rule: () => ({ needs: "member" }),
    read: async ({ organization }) => ok(organization),
  });
}

/**
 * The customer companies of a partner (the partner portal's company list), by name: for the partner's
 * administrators, super admins and the system.
 */
export function listCustomers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListCustomersInput,
): ResultAsync<readonly Organization<OA>[], TenureError> {
  return runQuery(context, {
    actor,
    schema: listCustomersInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx, organization }) => {
      const customers = await tx.organizations.listCustomers(organization.id);
      return ok([...customers].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id)));
    },
  });
}
