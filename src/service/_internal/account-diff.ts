import type { User } from "../../model/user.js";
import { changedFields } from "./audit-values.js";
import type { JsonObject } from "./run-command.js";

/** The audit before/after of an account change: the account state on each side (both empty when it did not change). */
export function accountDiff(before: User<object>, after: User<object>): { readonly before: JsonObject; readonly after: JsonObject } {
  return changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, ["account"]);
}
