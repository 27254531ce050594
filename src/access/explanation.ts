import type { OrganizationId, RoleAssignmentId } from "../model/ids.js";
import type { ScopeRef } from "../model/scope.js";
import type { InactiveReason } from "./account-standing.js";
import type { GrantPath } from "./grant.js";

/** One way a permission is granted: which assignment, through which group, which chain of roles, from which scope. */
export interface Derivation<RoleName extends string = string> {
  readonly assignmentId: RoleAssignmentId;
  readonly via: GrantPath;
  /** The scope the role was granted in (the target itself, an ancestor, or the partner organization of a delegated role). */
  readonly grantedIn: ScopeRef;
  /** The assigned role first, then each included role down to the one that lists the permission. */
  readonly roleChain: readonly RoleName[];
  /** The role was granted in a partner organization and applies here because this is its customer. */
  readonly delegated: boolean;
  /** The last role of the chain is a superuser role, which carries every permission. */
  readonly superuser: boolean;
}

/** The exact reason a permission is denied. */
export type DenialReason<PermissionName extends string = string> =
  | InactiveReason
  | { readonly code: "unknown_permission"; readonly permission: string }
  | { readonly code: "no_grant" }
  | {
      readonly code: "entitlement_missing";
      /** The permission the organization is not entitled to. */
      readonly permission: PermissionName;
      readonly organizationId: OrganizationId;
    }
  | {
      readonly code: "requirement_missing";
      /** The required permission that is not held. */
      readonly requirement: PermissionName;
      /** Why the requirement is not held. */
      readonly because: DenialReason<PermissionName>;
    };

/** The answer of `explain`: the derivations when allowed, the reason when denied. */
export type Explanation<PermissionName extends string = string, RoleName extends string = string> =
  | {
      readonly allowed: true;
      readonly permission: PermissionName;
      readonly scope: ScopeRef;
      readonly derivations: readonly Derivation<RoleName>[];
      readonly message: string;
    }
  | {
      readonly allowed: false;
      readonly permission: PermissionName;
      readonly scope: ScopeRef;
      readonly reason: DenialReason<PermissionName>;
      readonly message: string;
    };

/** A one-line human description of a denial reason. */
export function describeDenial(reason: DenialReason): string {
  switch (reason.code) {
    case "blocked":
      return reason.until === null ? "the account is blocked until an admin unblocks it" : `the account is blocked until ${reason.until.toISOString()}`;
    case "access_expired":
      return reason.on === null ? "third-party access has no end date, so it is de-activated" : `third-party access expired on ${reason.on.toISOString()}`;
    case "not_active":
      return `the account is ${reason.status.replace("_", " ")}, not active`;
    case "unknown_permission":
      return `"${reason.permission}" is not a permission of the catalog`;
    case "no_grant":
      return "no role held here carries it";
    case "entitlement_missing":
      return `the organization ${reason.organizationId} is not entitled to "${reason.permission}"`;
    case "requirement_missing":
      return `it requires "${reason.requirement}", which is not held: ${describeDenial(reason.because)}`;
  }
}
