import * as z from "zod";
import { boundedString } from "./bounded-string.js";

/**
 * A place where a role can be held: the platform, an organization, or a host-defined scope below one
 * (a zone, a fulfillment partner's service). Scopes form a tree; a role held in a scope reaches the
 * scopes below it.
 */
export interface ScopeRef {
  /** Scope kind as declared in the catalog, e.g. `platform`, `organization`, `zone`, `service`. */
  readonly kind: string;
  /** Id of the scope within its kind; the platform scope's id is `platform`. */
  readonly id: string;
}

/** Schema of a {@link ScopeRef}. */
export const scopeRefSchema = z.object({
  kind: boundedString(64).regex(/^[a-z][a-z0-9_-]*$/, { message: "must be a lowercase scope kind name" }),
  id: z.string().min(1).max(128),
});

/** The single platform scope every other scope sits below. */
export const PLATFORM_SCOPE: ScopeRef = Object.freeze({ kind: "platform", id: "platform" });

/** The scope of an organization itself. */
export function organizationScope(organizationId: string): ScopeRef {
  return { kind: "organization", id: organizationId };
}

/** Stable string key of a scope, for maps and indexes (`kind:id`). */
export function scopeKey(scope: ScopeRef): string {
  return `${scope.kind}:${scope.id}`;
}

/** Whether two scope references name the same scope. */
export function sameScope(a: ScopeRef, b: ScopeRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}
