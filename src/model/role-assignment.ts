import * as z from "zod";
import { groupIdSchema, organizationIdSchema, roleAssignmentIdSchema, userIdSchema } from "./ids.js";
import { scopeRefSchema } from "./scope.js";

/** Who holds a role: a user directly, or a group whose members all receive it. */
export const principalSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: userIdSchema }),
  z.object({ type: z.literal("group"), id: groupIdSchema }),
]);
/** See {@link principalSchema}. */
export type Principal = z.output<typeof principalSchema>;

/**
 * A principal holds a role in a scope. Stored in the principal's organization; the scope may be that
 * organization, a scope below it, or (for delegated and platform roles) another one.
 */
export const roleAssignmentSchema = z.object({
  id: roleAssignmentIdSchema,
  organizationId: organizationIdSchema,
  principal: principalSchema,
  role: z.string().min(1).max(200),
  scope: scopeRefSchema,
  grantedBy: userIdSchema.nullable(),
  grantedAt: z.date(),
});
/** See {@link roleAssignmentSchema}. */
export type RoleAssignment = z.output<typeof roleAssignmentSchema>;
