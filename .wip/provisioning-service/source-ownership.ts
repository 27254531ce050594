import { ok, type Result } from "neverthrow";
import { defineProvisioningSource, type ProvisioningSource } from "../../provisioning/provisioning-source.js";
import { checkManualEdit, ownsField } from "../../provisioning/field-ownership.js";
import type { ValidationError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { ServiceContext } from "./service-context.js";

/**
 * The source that owns a user's fields: the configured source the user is linked to, or, for a
 * source no longer configured, a stand-in owning the fields every user needs (username, full name,
 * e-mail: the manual ties them to the directory). `null` for a local user.
 */
export function owningSource(
  context: Pick<ServiceContext<string, string, string, object, object, unknown>, "sources">,
  user: Pick<User<object>, "source">,
): ProvisioningSource | null {
  if (user.source.type === "local") return null;
  const configured = context.sources.get(user.source.source);
  if (configured !== undefined) return configured;
  return defineProvisioningSource({ name: user.source.source, kind: user.source.type })._unsafeUnwrap();
}

/** The manual-edit rule for one user: the fields among `changed` that the user's source owns are `source_owned`. */
export function checkOwnedFields(
  context: Pick<ServiceContext<string, string, string, object, object, unknown>, "sources">,
  user: Pick<User<object>, "source">,
  changed: readonly string[],
): Result<void, ValidationError> {
  const source = owningSource(context, user);
  return source === null ? ok(undefined) : checkManualEdit(source, changed);
}

/** Whether the user's source owns `field` (`roles`, `groups`, `thirdParty`, `attributes.x`…). */
export function sourceOwns(
  context: Pick<ServiceContext<string, string, string, object, object, unknown>, "sources">,
  user: Pick<User<object>, "source">,
  field: string,
): ProvisioningSource | null {
  const source = owningSource(context, user);
  return source !== null && ownsField(source, field) ? source : null;
}

