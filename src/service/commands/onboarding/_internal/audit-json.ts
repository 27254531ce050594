import type { ScopeRef } from "../../../../model/scope.js";
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

/** The roles of a new member as the audit log shows them. */
export function rolesJson(roles: readonly { readonly role: string; readonly scope: ScopeRef }[]): JsonObject[] {
  return roles.map(({ role, scope }) => ({ role, scope: { kind: scope.kind, id: scope.id } }));
}
