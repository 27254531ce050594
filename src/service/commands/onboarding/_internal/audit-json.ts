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

export { invitationJson } from "../../../_internal/invitation-json.js";
