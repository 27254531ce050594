import type { Tagged } from "type-fest";
import * as z from "zod";
import { boundedString } from "./bounded-string.js";

/** Identifier of an {@link Organization}; a tenant boundary. */
export type OrganizationId = Tagged<string, "OrganizationId">;
/** Identifier of a {@link User}. */
export type UserId = Tagged<string, "UserId">;
/** Identifier of a {@link Group}. */
export type GroupId = Tagged<string, "GroupId">;
/** Identifier of a {@link RoleAssignment}. */
export type RoleAssignmentId = Tagged<string, "RoleAssignmentId">;
/** Identifier of an {@link Invitation}. */
export type InvitationId = Tagged<string, "InvitationId">;
/** Identifier of a stored single-use {@link Token}. */
export type TokenId = Tagged<string, "TokenId">;
/** Identifier of an {@link AuditEvent}. */
export type AuditEventId = Tagged<string, "AuditEventId">;
/** Identifier of a queued {@link OutboxMail}. */
export type MailId = Tagged<string, "MailId">;
/** Identifier of a {@link ProvisioningRun}: one sync or import of a source's records. */
export type ProvisioningRunId = Tagged<string, "ProvisioningRunId">;

/** Ids are opaque strings of 1–128 URL-safe characters, so they fit in paths, cursors and SQL keys alike. */
const ID_MAX = 128;
const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

const idString = boundedString(ID_MAX).regex(ID_PATTERN, { message: "must be 1–128 characters of A–Z, a–z, 0–9, _ . : -" });

/** Parses an untrusted string into a branded id of the given kind. */
function idSchema<Id extends string>(): z.ZodPipe<z.ZodString, z.ZodTransform<Id, string>> {
  return idString.transform((value) => value as Id);
}

/** Schema of an {@link OrganizationId}. */
export const organizationIdSchema = idSchema<OrganizationId>();
/** Schema of a {@link UserId}. */
export const userIdSchema = idSchema<UserId>();
/** Schema of a {@link GroupId}. */
export const groupIdSchema = idSchema<GroupId>();
/** Schema of a {@link RoleAssignmentId}. */
export const roleAssignmentIdSchema = idSchema<RoleAssignmentId>();
/** Schema of an {@link InvitationId}. */
export const invitationIdSchema = idSchema<InvitationId>();
/** Schema of a {@link TokenId}. */
export const tokenIdSchema = idSchema<TokenId>();
/** Schema of an {@link AuditEventId}. */
export const auditEventIdSchema = idSchema<AuditEventId>();
/** Schema of a {@link MailId}. */
export const mailIdSchema = idSchema<MailId>();
/** Schema of a {@link ProvisioningRunId}. */
export const provisioningRunIdSchema = idSchema<ProvisioningRunId>();

/** The kinds of id the {@link IdGenerator} port is asked for, one per entity. */
export type IdKind = "organization" | "user" | "group" | "assignment" | "invitation" | "token" | "audit" | "mail" | "provisioning_run";
