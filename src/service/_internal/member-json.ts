import type { ScopeRef } from "../../model/scope.js";
import { EDITABLE_USER_FIELDS, type User } from "../../model/user.js";
import { pickJson, toJson } from "./audit-values.js";
import type { JsonObject } from "./run-command.js";

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

/** A new user as the audit log shows it, whichever path admitted them (no credential, ever). */
export function memberJson(user: User<object>): JsonObject {
  return { ...pickJson(user as unknown as Record<string, unknown>, MEMBER_FIELDS), attributes: toJson(user.attributes) };
}

/** The roles of a new member as the audit log shows them. */
export function rolesJson(roles: readonly { readonly role: string; readonly scope: ScopeRef }[]): JsonObject[] {
  return roles.map(({ role, scope }) => ({ role, scope: { kind: scope.kind, id: scope.id } }));
}
