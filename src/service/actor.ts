import type { OrganizationId, UserId } from "../model/ids.js";

/**
 * Who runs a command: a signed-in user (the host has authenticated them), or the system itself (a
 * scheduled sweep, a directory sync, the bootstrap of the first organization). Users are authorized by
 * the guards; the system is trusted.
 */
export type Actor =
  | { readonly type: "user"; readonly organizationId: OrganizationId; readonly userId: UserId }
  | { readonly type: "system"; readonly name: string };

/** The actor for a signed-in user of `organizationId`. */
export function userActor(organizationId: OrganizationId, userId: UserId): Actor {
  return { type: "user", organizationId, userId };
}

/** The actor for work the system does on its own, e.g. `systemActor("expiry-sweep")`. */
export function systemActor(name: string): Actor {
  return { type: "system", name };
}
