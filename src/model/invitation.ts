import * as z from "zod";
import { invitationIdSchema, organizationIdSchema, tokenIdSchema, userIdSchema } from "./ids.js";
import { scopeRefSchema } from "./scope.js";

/** A role an invitation grants on acceptance, exactly: no default role is added on top. */
export const invitedRoleSchema = z.object({ role: z.string().min(1).max(200), scope: scopeRefSchema });
/** See {@link invitedRoleSchema}. */
export type InvitedRole = z.output<typeof invitedRoleSchema>;

/** Invitation lifecycle: `pending` → `accepted` | `revoked`; a pending one past `expiresAt` counts as expired. */
export const invitationStateSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("pending") }),
  z.object({ status: z.literal("accepted"), at: z.date() }),
  z.object({ status: z.literal("revoked"), at: z.date(), by: userIdSchema.nullable() }),
]);
/** See {@link invitationStateSchema}. */
export type InvitationState = z.output<typeof invitationStateSchema>;

/** An invitation of a user to sign in for the first time. */
export const invitationSchema = z.object({
  id: invitationIdSchema,
  organizationId: organizationIdSchema,
  userId: userIdSchema,
  email: z.string().min(1).max(512),
  roles: z.array(invitedRoleSchema),
  message: z.string().max(4000).nullable(),
  invitedBy: userIdSchema.nullable(),
  /** The current token; `null` until the invitation is sent. Resending replaces it. */
  tokenId: tokenIdSchema.nullable(),
  sentAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  state: invitationStateSchema,
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
/** See {@link invitationSchema}. */
export type Invitation = z.output<typeof invitationSchema>;
