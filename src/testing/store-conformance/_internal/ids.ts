import {
  groupIdSchema,
  invitationIdSchema,
  mailIdSchema,
  organizationIdSchema,
  provisioningRunIdSchema,
  roleAssignmentIdSchema,
  tokenIdSchema,
  userIdSchema,
  type GroupId,
  type InvitationId,
  type MailId,
  type OrganizationId,
  type ProvisioningRunId,
  type RoleAssignmentId,
  type TokenId,
  type UserId,
} from "../../../model/ids.js";

// Typed ids for records a test names but never stores (e.g. "no such user"), parsed rather than cast.

/** An organization id. */
export const organizationId = (value: string): OrganizationId => organizationIdSchema.parse(value);
/** A user id. */
export const userId = (value: string): UserId => userIdSchema.parse(value);
/** A group id. */
export const groupId = (value: string): GroupId => groupIdSchema.parse(value);
/** A role assignment id. */
export const roleAssignmentId = (value: string): RoleAssignmentId => roleAssignmentIdSchema.parse(value);
/** An invitation id. */
export const invitationId = (value: string): InvitationId => invitationIdSchema.parse(value);
/** A token id. */
export const tokenId = (value: string): TokenId => tokenIdSchema.parse(value);
/** A mail id. */
export const mailId = (value: string): MailId => mailIdSchema.parse(value);
/** A provisioning run id. */
export const provisioningRunId = (value: string): ProvisioningRunId => provisioningRunIdSchema.parse(value);
