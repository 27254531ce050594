import type { ResultAsync } from "neverthrow";
import type { TenureError } from "../../../model/tenure-error.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import type { ApplyProvisioningOptions } from "../provisioning/apply-provisioning.js";
import { updateFromDirectory, type DirectoryUpdate, type UpdateFromDirectoryInput } from "./update-from-directory.js";

/** The organization's directory (LDAP): the manual's "Update" (Partial or Full). */
export interface DirectoryCommands {
  /**
   * Reads the organization's directory and applies it: `partial` adds only new users, `full` also
   * refreshes what the directory owns, de-activates who left and re-activates who came back. A
   * `dryRun` returns the plan and writes nothing.
   */
  update(actor: Actor, input: UpdateFromDirectoryInput, options?: ApplyProvisioningOptions): ResultAsync<DirectoryUpdate, TenureError>;
}

/** The directory commands, bound to the service's context. */
export function directoryCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): DirectoryCommands {
  return { update: (actor, input, options) => updateFromDirectory(context, actor, input, options) };
}
