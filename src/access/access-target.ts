import type { OrganizationId } from "../model/ids.js";
import { organizationScope, PLATFORM_SCOPE, type ScopeRef } from "../model/scope.js";

/** The organization a scope belongs to, as far as permissions care: its partner and its entitlements. */
export interface TargetOrganization {
  readonly id: OrganizationId;
  /** The partner whose delegated roles apply here (the organization is its customer). */
  readonly partnerId: OrganizationId | null;
  /**
   * Company-level permissions that cap every user's permissions here; `null`: not capped. The service
   * passes the organization's own capped by those of every partner above it.
   */
  readonly entitlements: readonly string[] | null;
}

/** Where a permission question is asked: the scope, its ancestors, and the organization it is in. */
export interface AccessTarget {
  /** The scope asked about first, then each ancestor up to the root (e.g. zone, organization, platform). */
  readonly path: readonly ScopeRef[];
  /** The organization on the path, or `null` for scopes above every organization (the platform). */
  readonly organization: TargetOrganization | null;
}

/** The target for a question about an organization itself (below the platform). */
export function organizationTarget(organization: TargetOrganization): AccessTarget {
  return {
    path: [organizationScope(organization.id), PLATFORM_SCOPE],
    organization: { id: organization.id, partnerId: organization.partnerId, entitlements: organization.entitlements },
  };
}

/** The target for a scope below an organization (a zone, a service), given its chain up to the organization. */
export function scopeTarget(
  scope: ScopeRef,
  organization: TargetOrganization,
  between: readonly ScopeRef[] = [],
): AccessTarget {
  const above = organizationTarget(organization);
  return { path: [scope, ...between, ...above.path], organization: above.organization };
}

/** The target for the platform itself. */
export const PLATFORM_TARGET: AccessTarget = Object.freeze({ path: [PLATFORM_SCOPE], organization: null });
