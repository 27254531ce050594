import { err, ok, type Result, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { checkGrant } from "../../../access/guards/grant-guards.js";
import { checkGrantPlacement, checkOrganizationKinds, placementDependsOnHolder } from "../../../access/guards/grant-placement.js";
import { organizationIdSchema, type OrganizationId, type RoleAssignmentId, type UserId } from "../../../model/ids.js";
import { scopeKey, scopeRefSchema, sameScope, type ScopeRef } from "../../../model/scope.js";
import type { TenureError, ValidationError } from "../../../model/tenure-error.js";
import { userFilterSchema, userQuerySchema, type UserFilter } from "../../../model/user-query.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import type { Actor } from "../../actor.js";
import { toJson } from "../../_internal/audit-values.js";
import { runParsedCommand, type JsonObject } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { placeGrantScope } from "../../_internal/grant-scope.js";
import { heldGrants } from "../../_internal/held-grants.js";
import { checkKnownRole } from "../../_internal/role-guards.js";

/** Users read per page while collecting a filtered list. */
const PAGE_SIZE = 1000;

/** What granting a role to every user of a filtered list takes: the role, where, and the list's filter. */
export const grantRoleToUsersInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** A role of the catalog; an unknown name is a validation error on `role`. */
  role: z.string().min(1).max(200),
  /** Where the role is held, e.g. the zone `{ kind: "zone", id: "berlin" }`. */
  scope: scopeRefSchema,
  /** The user list's filter (role, group, location, company, … in any combination); `{}` is every user. */
  filter: userFilterSchema,
});
/** See {@link grantRoleToUsersInputSchema}; `role` is typed by the catalog's role names. */
export type GrantRoleToUsersInput<R extends string = string> = Omit<z.input<typeof grantRoleToUsersInputSchema>, "role"> & { readonly role: R };

/**
 * Grants a role to every user of a filtered list at once (the zoned workspace: "when the user list has
 * been filtered, the context menu will enable the option to grant all users access to the zone"). The
 * checks of a single grant are made once, for the role and scope (organization kinds included); when
 * the role carries a permission with requirements, each listed user must hold them after the grant,
 * or the whole command is refused naming the first user who would not (`requirement_missing`); users who already hold the role in
 * that scope directly are skipped, and so are super admins' accounts unless the actor is a super admin
 * (only super admins touch those). One unit of work and one audit event (`role.granted_to_list`, with
 * the filter and the count); returns how many users were granted the role.
 *
 * @example
 * ```ts
 * const granted = await grantRoleToUsers(context, userActor(acme.id, adminId), {
 *   organizationId: acme.id,
 *   role: "zone_member",
 *   scope: { kind: "zone", id: "berlin" },
 *   filter: { locations: ["Berlin"] },
 * });
 * ```
 */
export function grantRoleToUsers<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: GrantRoleToUsersInput<R>,
): ResultAsync<number, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: grantRoleToUsersInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, role: roleName, scope, filter }) => {
      const known = checkKnownRole(context.catalog, roleName);
      if (known.isErr()) return err(known.error);
      const role = known.value;
      const placed = placeGrantScope(context.catalog, c, scope);
      if (placed.isErr()) return err(placed.error);
      const allowed = checkGrant({ catalog: context.catalog, actorHere: c.actorPermissionsAt(placed.value.target), role, target: placed.value.target });
      if (allowed.isErr()) return err(allowed.error);
      const listed = await filteredUserIds(c.tx, organizationId, filter, c.now);
      if (listed.isErr()) return err(listed.error);
      const holders = await directHolders(c.tx, organizationId, role, placed.value.scope);
      const granted: UserId[] = [];
      for (const userId of listed.value) {
        if (!holders.has(userId) && (await c.checkTargets([userId])).isOk()) granted.push(userId);
      }
      const planned = [{ role, scope: placed.value.scope, target: placed.value.target }];
      const kinds = checkOrganizationKinds(context.catalog, c.organization, planned);
      if (kinds.isErr()) return err(kinds.error);
      if (placementDependsOnHolder(context.catalog, role)) {
        for (const userId of granted) {
          const held = (await heldGrants(c.tx, organizationId, { type: "user", id: userId })) ?? [];
          const placement = checkGrantPlacement(context.catalog, { organization: c.organization, granted: planned, held, holder: `the user ${userId}` });
          if (placement.isErr()) return err(placement.error);
        }
      }
      for (const userId of granted) {
        const inserted = await c.tx.assignments.insert({
          id: c.newId("assignment") as RoleAssignmentId,
          organizationId,
          principal: { type: "user", id: userId },
          role,
          scope: placed.value.scope,
          grantedBy: c.actor.type === "user" ? c.actor.user.id : null,
          grantedAt: c.now,
        });
        if (inserted.isErr()) return err(inserted.error);
      }
      const placedScope: JsonObject = { kind: placed.value.scope.kind, id: placed.value.scope.id };
      return ok({
        value: granted.length,
        audit: {
          action: "role.granted_to_list",
          target: { entity: "scope", id: scopeKey(placed.value.scope) },
          before: null,
          after: { role, scope: placedScope, userIds: granted },
          details: { filter: toJson(filter) as JsonObject, count: granted.length, listed: listed.value.length },
        },
        invalidate: { users: granted },
      });
    },
  });
}

/** Every user of the filtered list, read page by page before anything is written, in list order. */
async function filteredUserIds(
  tx: StoreTransaction<object, object, unknown>,
  organizationId: OrganizationId,
  filter: UserFilter,
  now: Date,
): Promise<Result<UserId[], ValidationError>> {
  const ids: UserId[] = [];
  let after: string | undefined;
  do {
    const page = await tx.users.list(organizationId, userQuerySchema.parse({ filter, limit: PAGE_SIZE, asOf: now, total: "none", ...(after === undefined ? {} : { after }) }));
    if (page.isErr()) return err(page.error);
    ids.push(...page.value.items.map((user) => user.id));
    after = page.value.nextCursor ?? undefined;
  } while (after !== undefined);
  return ok(ids);
}

/** The users who hold `role` in exactly `scope` themselves (not through a group). */
async function directHolders(
  tx: StoreTransaction<object, object, unknown>,
  organizationId: OrganizationId,
  role: string,
  scope: ScopeRef,
): Promise<ReadonlySet<string>> {
  const assignments = await tx.assignments.listForScope(organizationId, scope);
  return new Set(
    assignments
      .filter((assignment) => assignment.role === role && assignment.principal.type === "user" && sameScope(assignment.scope, scope))
      .map((assignment) => assignment.principal.id),
  );
}
