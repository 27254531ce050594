import { err, ok, type Result } from "neverthrow";
import { TenureErrors, type ValidationError } from "../../../../model/tenure-error.js";
import type { ProvisioningSource } from "../../../../provisioning/provisioning-source.js";
import type { GateRule } from "../../../_internal/gate.js";
import type { ServiceContext } from "../../../_internal/service-context.js";

/** The source a request names, among those configured in `TenureOptions.sources`; an unknown name is a validation error at `source`. */
export function sourceNamed(
  context: Pick<ServiceContext<string, string, string, object, object, unknown>, "sources">,
  name: string,
): Result<ProvisioningSource, ValidationError> {
  const source = context.sources.get(name);
  if (source !== undefined) return ok(source);
  const known = [...context.sources.keys()];
  return err(
    TenureErrors.validation([
      {
        severity: "error",
        field: "source",
        code: "unknown_source",
        message: known.length === 0 ? `No provisioning source is configured (TenureOptions.sources); "${name}" is unknown.` : `"${name}" is not a configured source (${known.join(", ")}).`,
      },
    ]),
  );
}

/**
 * Who may run a source's updates in an organization: a directory update follows
 * `directoryUpdaters` (the zoned workspace's `AdminsCanUpdateFromLDAP`), an import whoever may edit
 * user data, an identity provider's push an administrator (or the system actor, as a SCIM endpoint
 * acts). An unknown source name is judged as an administrator's request.
 */
export function provisioningRule(source: ProvisioningSource | undefined): GateRule {
  // An unknown source still passes the gate first (as an administrator's request), so who may not
  // run updates learns nothing of the configuration; the work then refuses it with `unknown_source`.
  if (source === undefined) return { needs: "administrator" };
  switch (source.kind) {
    case "directory":
      return { needs: "directory_updater" };
    case "spreadsheet":
      return { needs: "user_data_editor" };
    case "scim":
      return { needs: "administrator" };
  }
}
