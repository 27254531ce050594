import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { compareCodePoints } from "../../model/sort-key.js";
import { organizationIdSchema, type GroupId, type UserId } from "../../model/ids.js";
import { principalSchema, type Principal, type RoleAssignment } from "../../model/role-assignment.js";
import { scopeKey, scopeRefSchema } from "../../model/scope.js";
import { TenureErrors, type TenureError } from "../../model/tenure-error.js";
import type { Actor } from "../actor.js";
import { runQuery } from "../_internal/run-query.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** What listing role assignments takes: the organization, and any of whose, which role, where. */
export const listAssignmentsInputSchema = z.object({
  organizationId: organizationIdSchema,
  /** Whose: a user (their own assignments and those of the groups they are a member of) or a group. */
  principal: principalSchema.optional(),
  /** Only this role. */
  role: z.string().min(1).max(200).optional(),
  /** Only assignments held in this scope, e.g. `{ kind: "zone", id: "berlin" }`. */
  scope: scopeRefSchema.optional(),
});
/** See {@link listAssignmentsInputSchema}. */
export type ListAssignmentsInput = z.input<typeof listAssignmentsInputSchema>;

/** A role assignment as listed: the stored assignment, and whether the principal asked about holds it through a group. */
export interface ListedAssignment extends RoleAssignment {
  /** The group it comes through, when the list was asked for a user and the assignment is their group's; else `null`. */
  readonly throughGroup: GroupId | null;
}

/**
 * Lists the role assignments of an organization for its role screens: per user (their own, and those of
 * their groups, marked `throughGroup`), per group, per role, per scope, in any combination, in a stable
 * order (role, scope, id). Each carries the `id` that `roles.revoke` takes. Administrators of the
 * organization, super admins and the system only; a principal of another organization is `not_found`.
 *
 * @example
 * ```ts
 * const held = (await tenure.roles.assignments(actor, { organizationId: acme.id, principal: { type: "user", id: annId } }))._unsafeUnwrap();
 * const editor = held.find((assignment) => assignment.role === "editor" && assignment.throughGroup === null);
 * if (editor) await tenure.roles.revoke(actor, { organizationId: acme.id, assignmentId: editor.id });
 * ```
 */
export function listAssignments<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: ListAssignmentsInput,
): ResultAsync<readonly ListedAssignment[], TenureError> {
  return runQuery(context, {
    actor,
    schema: listAssignmentsInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    read: async ({ tx }, { organizationId, principal, role, scope }) => {
      let principals: Principal[] | null = null;
      const groupOf = new Map<string, GroupId>();
      if (principal?.type === "user") {
        if ((await tx.users.get(organizationId, principal.id as UserId)) === null) return err(TenureErrors.notFound("user", principal.id));
        const groups = await tx.groups.listForMember(organizationId, principal.id as UserId);
        for (const group of groups) groupOf.set(group.id, group.id);
        principals = [principal, ...groups.map((group) => ({ type: "group" as const, id: group.id }))];
      } else if (principal?.type === "group") {
        if ((await tx.groups.get(organizationId, principal.id as GroupId)) === null) return err(TenureErrors.notFound("group", principal.id));
        principals = [principal];
      }
      const stored =
        principals !== null
          ? await tx.assignments.listForPrincipals(organizationId, principals)
          : scope !== undefined
            ? await tx.assignments.listForScope(organizationId, scope)
            : await tx.assignments.list(organizationId, role === undefined ? {} : { role });
      const wanted = stored.filter(
        (assignment) =>
          assignment.organizationId === organizationId &&
          (role === undefined || assignment.role === role) &&
          (scope === undefined || scopeKey(assignment.scope) === scopeKey(scope)),
      );
      const listed = wanted.map((assignment) => ({
        ...assignment,
        throughGroup: principal?.type === "user" && assignment.principal.type === "group" ? (groupOf.get(assignment.principal.id) ?? null) : null,
      }));
      listed.sort((a, b) => compareCodePoints(a.role, b.role) || compareCodePoints(scopeKey(a.scope), scopeKey(b.scope)) || compareCodePoints(a.id, b.id));
      return ok(listed);
    },
  });
}
