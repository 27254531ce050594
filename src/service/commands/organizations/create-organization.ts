import { fieldPath } from "../../../model/field-path.js";
import { err, ok, ResultAsync, type Result } from "neverthrow";
import * as z from "zod";
import { organizationIdSchema, type OrganizationId } from "../../../model/ids.js";
import type { Organization } from "../../../model/organization.js";
import { organizationBaseShape } from "../../../model/organization.js";
import { zodIssuesToDiagnostics } from "../../../model/parse-input.js";
import { organizationSettingsSchema } from "../../../model/settings.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { parseRequest } from "../../_internal/parse-request.js";
import { passGate, passPlatformGate } from "../../_internal/gate.js";
import { checkEntitlementsWithin } from "../../../access/guards/grant-guards.js";
import { standsAtLeast } from "../../../access/guards/standing.js";
import { pickJson } from "../../_internal/audit-values.js";
import { appendAudit } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/** What creating an organization takes. */
export const createOrganizationInputSchema = z.object({
  name: organizationBaseShape.name,
  kind: organizationBaseShape.kind.default("organization"),
  /** Makes the new organization a customer of this partner. */
  partnerId: organizationIdSchema.nullable().default(null),
  /** Company-level permissions; `null` (the default) caps nothing. */
  entitlements: z.array(z.string().min(1).max(200)).nullable().default(null),
  settings: organizationSettingsSchema.default({}),
  attributes: z.unknown().optional(),
});
/** See {@link createOrganizationInputSchema}. */
export type CreateOrganizationInput = z.input<typeof createOrganizationInputSchema>;

/**
 * Creates an organization. Allowed to the system (bootstrap), to super admins at the platform, and to
 * whoever manages users in the partner the new organization becomes a customer of (a partner adding a
 * customer company). Settings (mail templates, lockout, third-party management …) are the super
 * admins' to set: anyone else passing `settings` is refused. A partner's admin gives the new customer
 * at most the partner's own company-level permissions (`entitlement_missing`). Unknown entitlement
 * names are refused by name.
 */
export function createOrganization<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: CreateOrganizationInput,
): ResultAsync<Organization<OA>, TenureError> {
  const run = async (): Promise<Result<Organization<OA>, TenureError>> => {
    const request = parseRequest(actor, createOrganizationInputSchema, input);
    if (request.isErr()) return err(request.error);
    const { actor: acting, value } = request.value;
    const attributes = context.model.organizationAttributes.safeParse(value.attributes ?? {});
    if (!attributes.success) return err(TenureErrors.validation(zodIssuesToDiagnostics(attributes.error.issues, "attributes")));
    const unknown = (value.entitlements ?? []).flatMap((name, index) => (context.catalog.isPermission(name) ? [] : [{ name, index }]));
    if (unknown.length > 0) {
      return err(
        TenureErrors.validation(
          unknown.map(({ name, index }) => ({ severity: "error", field: fieldPath("entitlements", index), code: "unknown_permission", message: `"${name}" is not a permission of the catalog.` })),
        ),
      );
    }
    const now = context.clock.now();
    const { partnerId } = value;
    const setsSettings = Object.values(value.settings).some((value) => value !== undefined);
    return context.store.transaction(async (tx): Promise<Result<Organization<OA>, TenureError>> => {
      const passed =
        partnerId === null
          ? await passPlatformGate(context, tx, { actor: acting, now })
          : (await passGate(context, tx, { actor: acting, organizationId: partnerId, now, rule: { needs: setsSettings ? "super_admin" : "administrator" } })).andThen(
              (pass) =>
                standsAtLeast(pass.standing, "super_admin")
                  ? ok(pass.actor)
                  : checkEntitlementsWithin(pass.accessOrganization.entitlements, value.entitlements).map(() => pass.actor),
            );
      if (passed.isErr()) return err(passed.error);
      const party = passed;
      const organization: Organization<OA> = {
        id: context.ids.next("organization") as OrganizationId,
        name: value.name,
        kind: value.kind,
        partnerId: value.partnerId,
        entitlements: value.entitlements,
        contactPersonId: null,
        settings: value.settings,
        version: 0,
        createdAt: now,
        updatedAt: now,
        attributes: attributes.data,
      };
      const inserted = await tx.organizations.insert(organization);
      if (inserted.isErr()) return err(inserted.error);
      const audited = await appendAudit(context, tx, party.value, organization.id, now, {
        action: "organization.created",
        target: { entity: "organization", id: organization.id },
        before: null,
        after: pickJson(organization as unknown as Record<string, unknown>, ["name", "kind", "partnerId", "entitlements", "settings"]),
      });
      return audited.isErr() ? err(audited.error) : ok(inserted.value);
    });
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
