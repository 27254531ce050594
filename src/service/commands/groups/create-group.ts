import { err, ok, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { groupSchema, type Group } from "../../../model/group.js";
import { organizationIdSchema, type GroupId } from "../../../model/ids.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import { pickJson } from "../../_internal/audit-values.js";
import { runParsedCommand } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";

/** What creating a group takes: its name (trimmed, 1–200 characters; not required to be unique) and display colour. */
export const createGroupInputSchema = z.object({
  organizationId: organizationIdSchema,
  name: groupSchema.shape.name,
  /** A colour like `#1e90ff`. */
  colour: groupSchema.shape.colour,
});
/** See {@link createGroupInputSchema}. */
export type CreateGroupInput = z.input<typeof createGroupInputSchema>;

/**
 * Creates an empty group ("Manage groups" → create). Managing groups needs the user-management
 * permission in the organization. Members are added with `addGroupMembers`, roles with `grantRole`.
 *
 * @example
 * ```ts
 * const sales = await createGroup(context, userActor(acme.id, adminId), { organizationId: acme.id, name: "Sales", colour: "#1e90ff" });
 * ```
 */
export function createGroup<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: CreateGroupInput,
): ResultAsync<Group, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: createGroupInputSchema,
    input,
    rule: () => ({ needs: "administrator" }),
    work: async (c, { organizationId, name, colour }) => {
      const inserted = await c.tx.groups.insert({
        id: c.newId("group") as GroupId,
        organizationId,
        name,
        colour,
        memberIds: [],
        version: 0,
        createdAt: c.now,
        updatedAt: c.now,
      });
      if (inserted.isErr()) return err(inserted.error);
      return ok({
        value: inserted.value,
        audit: {
          action: "group.created",
          target: { entity: "group", id: inserted.value.id },
          before: null,
          after: pickJson(inserted.value, ["name", "colour", "memberIds"]),
        },
      });
    },
  });
}
