import * as z from "zod";
import { groupIdSchema, organizationIdSchema, userIdSchema } from "./ids.js";
import { boundedString } from "./bounded-string.js";

/** A group of users of one organization; roles held by the group are conferred on its members. */
export const groupSchema = z.object({
  id: groupIdSchema,
  organizationId: organizationIdSchema,
  name: z.string().trim().min(1).max(200),
  /** Display colour as `#rrggbb`. */
  colour: boundedString(7).regex(/^#[0-9a-fA-F]{6}$/, { message: "must be a colour like #1e90ff" }),
  memberIds: z.array(userIdSchema),
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
/** See {@link groupSchema}. */
export type Group = z.output<typeof groupSchema>;
