import type { AccessSubject } from "../../access/access-subject.js";
import type { AccessTarget } from "../../access/access-target.js";
import type { EffectivePermissions } from "../../access/effective-permissions.js";
import type { AuditActor } from "../../model/audit-event.js";
import { TenureErrors, type ForbiddenError, type NotFoundError } from "../../model/tenure-error.js";
import type { User } from "../../model/user.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { Actor } from "../actor.js";
import { loadSubject } from "./load-access.js";
import type { ServiceContext } from "./service-context.js";
import { err, ok, type Result } from "neverthrow";

/** The actor of a command, loaded: a user with their grants, or the trusted system. */
export type ActingParty<UA extends object> =
  | { readonly type: "user"; readonly user: User<UA>; readonly subject: AccessSubject }
  | { readonly type: "system"; readonly name: string };

/**
 * Loads the actor. A user actor must exist; an inactive one (blocked, de-activated…) is loaded too but
 * holds no permissions, so every guard refuses it. Commands a user runs on their own account (a password
 * reset through a link) need no permission and work whatever the account's state.
 */
export async function loadActingParty<UA extends object, OA extends object>(
  tx: StoreTransaction<UA, OA, unknown>,
  actor: Actor,
): Promise<Result<ActingParty<UA>, NotFoundError | ForbiddenError>> {
  if (actor.type === "system") return ok({ type: "system", name: actor.name });
  const loaded = await loadSubject(tx, actor.organizationId, actor.userId);
  if (loaded === null) return err(TenureErrors.notFound("user", actor.userId));
  return ok({ type: "user", user: loaded.user, subject: loaded.subject });
}

/** The actor's effective permissions at a target; the system holds every permission. */
export function permissionsOf<P extends string, UA extends object>(
  context: Pick<ServiceContext<P, string, string, UA, object, unknown>, "access" | "everything">,
  party: ActingParty<UA>,
  target: AccessTarget,
  now: Date,
): EffectivePermissions<P> {
  return party.type === "user" ? context.access.effective(party.subject, target, now) : context.everything;
}

/** How the actor appears in the audit log. */
export function auditActorOf(party: ActingParty<object>): AuditActor {
  return party.type === "user"
    ? { type: "user", id: party.user.id, organizationId: party.user.organizationId }
    : { type: "system", name: party.name };
}
