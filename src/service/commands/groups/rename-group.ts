import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { groupSchema, type Group } from "../../../model/group.js";
import { groupIdSchema, organizationIdSchema } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { changedFields } from "../../_internal/audit-values.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { groupAsRead } from "./_internal/group-as-read.js";

/** What renaming a group takes: the group as read (its version) and the new name (trimmed, 1–200 characters). */
export const renameGroupInputSchema = z.object({
  organizationId: organizationIdSchema,
  groupId: groupIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
  name: groupSchema.shape.name,
});
/** See {@link renameGroupInputSchema}. */
export type RenameGroupInput = z.input<typeof renameGroupInputSchema>;

/**
 * Renames a group ("change the name in which the group is displayed"). Managing groups needs the
 * user-management permission in the organization. Permissions do not depend on a group's name, so no
 * cached permission is forgotten.
 *
 * @example
 * ```ts
 * await renameGroup(context, actor, { organizationId: acme.id, groupId: sales.id, expectedVersion: sales.version, name: "Sales EMEA" });
 * ```
 */
export function renameGroup<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RenameGroupInput,
): ResultAsync<Group, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: renameGroupInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, groupId, expectedVersion, name }) => {
      const group = await groupAsRead(c.tx, organizationId, groupId, expectedVersion);
      if (group.isErr()) return err(group.error);
      const updated = await c.tx.groups.update({ ...group.value, name, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: { action: "group.renamed", target: { entity: "group", id: groupId }, ...changedFields(group.value, updated.value, ["name"]) },
      });
    },
  });
}
