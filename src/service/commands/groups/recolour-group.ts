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

/** What recolouring a group takes: the group as read (its version) and the new colour. */
export const recolourGroupInputSchema = z.object({
  organizationId: organizationIdSchema,
  groupId: groupIdSchema,
  /** The version read; a stale one is a `conflict`, never a lost update. */
  expectedVersion: z.number().int().nonnegative(),
  /** A colour like `#1e90ff`. */
  colour: groupSchema.shape.colour,
});
/** See {@link recolourGroupInputSchema}. */
export type RecolourGroupInput = z.input<typeof recolourGroupInputSchema>;

/**
 * Changes the colour a group is displayed in ("change the colour in which the group is to be
 * displayed"). Managing groups needs the user-management permission in the organization. Permissions do
 * not depend on a group's colour, so no cached permission is forgotten.
 *
 * @example
 * ```ts
 * await recolourGroup(context, actor, { organizationId: acme.id, groupId: sales.id, expectedVersion: sales.version, colour: "#ff8c00" });
 * ```
 */
export function recolourGroup<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RecolourGroupInput,
): ResultAsync<Group, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: recolourGroupInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, groupId, expectedVersion, colour }) => {
      const group = await groupAsRead(c.tx, organizationId, groupId, expectedVersion);
      if (group.isErr()) return err(group.error);
      const updated = await c.tx.groups.update({ ...group.value, colour, updatedAt: c.now });
      if (updated.isErr()) return err(updated.error);
      return ok({
        value: updated.value,
        audit: { action: "group.recoloured", target: { entity: "group", id: groupId }, ...changedFields(group.value, updated.value, ["colour"]) },
      });
    },
  });
}
