import type { Invitation } from "../../../../model/invitation.js";
import { EDITABLE_USER_FIELDS, type User } from "../../../../model/user.js";
import { pickJson, toJson } from "../../../_internal/audit-values.js";
import type { JsonObject } from "../../../_internal/run-command.js";

/** The fields of a new user the audit log records. */
const MEMBER_FIELDS = [
  "username",
  ...EDITABLE_USER_FIELDS,
  "audience",
  "thirdParty",
  "accessExpiresAt",
  "workflowAccess",
  "twoFactorRequired",
  "account",
] as const;

/** A new user as the audit log shows it (no credential, ever). */
export function memberJson(user: User<object>): JsonObject {
  return { ...pickJson(user as unknown as Record<string, unknown>, MEMBER_FIELDS), attributes: toJson(user.attributes) };
}

/** An invitation's state as the audit log shows it: its status, when it was sent and until when it runs. */
export function invitationJson(invitation: Invitation): JsonObject {
  return {
    id: invitation.id,
    status: invitation.state.status,
    sentAt: toJson(invitation.sentAt),
    expiresAt: toJson(invitation.expiresAt),
  };
}
