import { err, ok, ResultAsync, type Result } from "neverthrow";
import type { AccessTarget } from "../../access/access-target.js";
import type { EffectivePermissions } from "../../access/effective-permissions.js";
import type { Explanation } from "../../access/explanation.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { ScopeRef } from "../../model/scope.js";
import { TenureErrors, type NotFoundError } from "../../model/tenure-error.js";
import { loadSubject, targetIn } from "../_internal/load-access.js";
import type { ServiceContext } from "../_internal/service-context.js";

/** Whose permissions: a user of an organization. */
export interface UserRef {
  readonly organizationId: OrganizationId;
  readonly userId: UserId;
}

/** Where: an organization, or a scope inside it (a zone, a service). */
export interface Place {
  readonly organizationId: OrganizationId;
  readonly scope?: ScopeRef;
}

/** Permission questions about stored users, answered from the cache when it can. */
export interface AccessQueries<P extends string, R extends string> {
  /** Whether the user holds `permission` at the place now. A user or organization that does not exist holds nothing. */
  can(user: UserRef, permission: P, place: Place): Promise<boolean>;
  /** Every permission the user holds at the place now. */
  effective(user: UserRef, place: Place): ResultAsync<EffectivePermissions<P>, NotFoundError>;
  /** Why the user holds `permission` at the place now, or exactly why not. */
  explain(user: UserRef, permission: P, place: Place): ResultAsync<Explanation<P, R>, NotFoundError>;
}

/** The access queries of a service. */
export function accessQueries<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): AccessQueries<P, R> {
  const load = async (user: UserRef, place: Place) =>
    context.store.transaction(async (tx) => {
      const organization = await tx.organizations.get(place.organizationId);
      if (organization === null) return err(TenureErrors.notFound("organization", place.organizationId));
      const subject = await loadSubject(tx, user.organizationId, user.userId);
      if (subject === null) return err(TenureErrors.notFound("user", user.userId));
      return ok({ subject: subject.subject, target: targetIn(organization, place.scope) as AccessTarget });
    });

  const effective = async (user: UserRef, place: Place): Promise<Result<EffectivePermissions<P>, NotFoundError>> => {
    const now = context.clock.now();
    const scope = place.scope ?? { kind: "organization", id: place.organizationId };
    const cached = context.cache.get(user.userId, scope, now);
    if (cached !== undefined) return ok(cached);
    const loaded = await load(user, place);
    if (loaded.isErr()) return err(loaded.error.code === "not_found" ? loaded.error : TenureErrors.notFound("user", user.userId));
    const permissions = context.access.effective(loaded.value.subject, loaded.value.target, now);
    context.cache.set(user.userId, scope, place.organizationId, permissions);
    return ok(permissions);
  };

  return {
    can: async (user, permission, place) => {
      const permissions = await effective(user, place);
      return permissions.isOk() && permissions.value.has(permission);
    },
    effective: (user, place) => ResultAsync.fromSafePromise(effective(user, place)).andThen((result) => result),
    explain: (user, permission, place) =>
      ResultAsync.fromSafePromise(
        (async (): Promise<Result<Explanation<P, R>, NotFoundError>> => {
          const loaded = await load(user, place);
          if (loaded.isErr()) return err(loaded.error.code === "not_found" ? loaded.error : TenureErrors.notFound("user", user.userId));
          return ok(context.access.explain(loaded.value.subject, permission, loaded.value.target, context.clock.now()));
        })(),
      ).andThen((result) => result),
  };
}
