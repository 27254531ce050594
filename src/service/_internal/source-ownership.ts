import { ok, type Result } from "neverthrow";
import { TenureErrors, type ForbiddenError, type ValidationError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import { checkManualEdit, ownsField } from "../../provisioning/field-ownership.js";
import { defineProvisioningSource, PROVISIONED_USER_FIELDS, type ProvisioningSource } from "../../provisioning/provisioning-source.js";
import type { ServiceContext } from "./service-context.js";

type SourcesContext = Pick<ServiceContext<string, string, string, object, object, unknown>, "sources">;

/**
 * The source that owns a user's fields: the configured source the user is linked to, or, for a
 * source no longer configured, a stand-in owning the fields every user needs (username, full name,
 * e-mail: the manual ties them to the directory). `null` for a local user.
 */
export function owningSource(context: SourcesContext, user: Pick<User<object>, "source">): ProvisioningSource | null {
  if (user.source.type === "local") return null;
  const configured = context.sources.get(user.source.source);
  if (configured !== undefined) return configured;
  return defineProvisioningSource({ name: user.source.source, kind: user.source.type })._unsafeUnwrap();
}

/** The manual-edit rule for one user: the fields among `changed` that the user's source owns are `source_owned`. */
export function checkOwnedFields(context: SourcesContext, user: Pick<User<object>, "source">, changed: readonly string[]): Result<void, ValidationError> {
  const source = owningSource(context, user);
  return source === null ? ok(undefined) : checkManualEdit(source, changed);
}

/** The provisioned fields (and `attributes.<name>`) whose values differ between two versions of a user. */
export function changedProvisionedFields(before: User<object>, after: User<object>): string[] {
  const changed: string[] = PROVISIONED_USER_FIELDS.filter((field) => !Object.is(before[field], after[field]));
  const beforeAttributes = before.attributes as Readonly<Record<string, unknown>>;
  const afterAttributes = after.attributes as Readonly<Record<string, unknown>>;
  for (const name of new Set([...Object.keys(beforeAttributes), ...Object.keys(afterAttributes)])) {
    if (JSON.stringify(beforeAttributes[name]) !== JSON.stringify(afterAttributes[name])) changed.push(`attributes.${name}`);
  }
  return changed;
}

/**
 * The backstop of field ownership, checked on every write a command makes (see `watchTransaction`):
 * no command but the user's own source changes what the source owns (fields, direct roles, group
 * memberships), whichever path it takes, so a manual edit and the next sync never fight. `writer` is
 * the source a provisioning run writes for (`null` for every other command).
 */
export interface SourceOwnershipGuard {
  /** A user about to be stored over `stored`: refused when it changes a field the user's source owns. */
  userWrite(stored: User<object>, next: User<object>): ForbiddenError | null;
  /** Whether some configured source owns `roles` / `groups`: when none does, those writes need no check. */
  readonly guardsRoles: boolean;
  readonly guardsGroups: boolean;
  /** Direct roles of these users about to change: refused for a user whose source owns `roles`. */
  rolesWrite(users: readonly User<object>[]): ForbiddenError | null;
  /** Group memberships of these users about to change: refused for a user whose source owns `groups`. */
  membershipWrite(users: readonly User<object>[]): ForbiddenError | null;
}

/** The {@link SourceOwnershipGuard} of one command: `writer` is the source a provisioning run writes for, else `null`. */
export function sourceOwnershipGuard(context: SourcesContext, writer: ProvisioningSource | null): SourceOwnershipGuard {
  const configured = [...context.sources.values()];
  const ownerOf = (user: User<object>): ProvisioningSource | null => {
    const source = owningSource(context, user);
    return source === null || (writer !== null && writer.name === source.name) ? null : source;
  };
  const refusal = (user: User<object>, source: ProvisioningSource, field: string): ForbiddenError =>
    TenureErrors.forbidden(
      "source_owned",
      `"${user.username}"'s ${field} is provided by the ${source.kind} source "${source.name}": change it there, not here.`,
      user.id,
    );
  const firstOwned = (users: readonly User<object>[], field: "roles" | "groups"): ForbiddenError | null => {
    for (const user of users) {
      const source = ownerOf(user);
      if (source !== null && ownsField(source, field)) return refusal(user, source, field);
    }
    return null;
  };
  return {
    userWrite(stored, next) {
      const source = ownerOf(stored);
      if (source === null) return null;
      const owned = changedProvisionedFields(stored, next).find((field) => ownsField(source, field));
      return owned === undefined ? null : refusal(stored, source, owned);
    },
    guardsRoles: configured.some((source) => ownsField(source, "roles")),
    guardsGroups: configured.some((source) => ownsField(source, "groups")),
    rolesWrite: (users) => firstOwned(users, "roles"),
    membershipWrite: (users) => firstOwned(users, "groups"),
  };
}
