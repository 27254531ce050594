import { err, ok, ResultAsync, type Result } from "neverthrow";
import * as z from "zod";
import type { AccessTarget } from "../../access/access-target.js";
import type { EffectivePermissions } from "../../access/effective-permissions.js";
import type { Explanation } from "../../access/explanation.js";
import { organizationIdSchema, userIdSchema, type OrganizationId, type UserId } from "../../model/ids.js";
import { parseInput } from "../../model/parse-input.js";
import { scopeRefSchema, type ScopeRef } from "../../model/scope.js";
import { TenureErrors, type NotFoundError, type ValidationError } from "../../model/tenure-error.js";
import { loadSubject, targetIn } from "../_internal/load-access.js";
import { accessOrganizationOf } from "../_internal/organization-chain.js";
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

/** Schema of a {@link UserRef}. */
const userRefSchema = z.object({ organizationId: organizationIdSchema, userId: userIdSchema });
/** Schema of a {@link Place}. */
const placeSchema = z.object({ organizationId: organizationIdSchema, scope: scopeRefSchema.optional() });
/** What `effective` is asked: every field is parsed before anything runs. */
const effectiveInputSchema = z.object({ user: userRefSchema, place: placeSchema });
/** What `can` and `explain` are asked. A permission the catalog does not know is a string too: it is not held. */
const permissionInputSchema = effectiveInputSchema.extend({ permission: z.string() });
/** A parsed {@link Place} (`scope` may be present and `undefined`). */
type ParsedPlace = z.output<typeof placeSchema>;

/** Permission questions about stored users, answered from the cache when it can. Inputs are parsed first; nothing throws. */
export interface AccessQueries<P extends string, R extends string> {
  /**
   * Whether the user holds `permission` at the place now. A user or organization that does not exist
   * holds nothing, and neither does a malformed input (an id that is not an id string, say).
   */
  can(user: UserRef, permission: P, place: Place): Promise<boolean>;
  /** Every permission the user holds at the place now; a `ValidationError` naming the field for a malformed input. */
  effective(user: UserRef, place: Place): ResultAsync<EffectivePermissions<P>, NotFoundError | ValidationError>;
  /** Why the user holds `permission` at the place now, or exactly why not; a `ValidationError` naming the field for a malformed input. */
  explain(user: UserRef, permission: P, place: Place): ResultAsync<Explanation<P, R>, NotFoundError | ValidationError>;
}

/** The access queries of a service. */
export function accessQueries<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): AccessQueries<P, R> {
  const load = async (user: UserRef, place: ParsedPlace) => {
    const loaded = await context.store.transaction(async (tx) => {
      const organization = await tx.organizations.get(place.organizationId);
      if (organization === null) return err(TenureErrors.notFound("organization", place.organizationId));
      const subject = await loadSubject(tx, user.organizationId, user.userId);
      if (subject === null) return err(TenureErrors.notFound("user", user.userId));
      return ok({ subject: subject.subject, target: targetIn(await accessOrganizationOf(tx, organization), place.scope) as AccessTarget });
    });
    return loaded.isErr() ? err(loaded.error.code === "not_found" ? loaded.error : TenureErrors.notFound("user", user.userId)) : ok(loaded.value);
  };

  /** The effective permissions of parsed input: from the cache, or read and cached unless a change raced the read. */
  const effectiveOf = async (user: UserRef, place: ParsedPlace): Promise<Result<EffectivePermissions<P>, NotFoundError>> => {
    const now = context.clock.now();
    const cached = context.cache.get(user, place, now);
    if (cached !== undefined) return ok(cached);
    // Before the read begins: a change that commits and invalidates after this makes `set` store nothing.
    const stamp = context.cache.stamp();
    const loaded = await load(user, place);
    if (loaded.isErr()) return err(loaded.error);
    const permissions = context.access.effective(loaded.value.subject, loaded.value.target, now);
    context.cache.set(user, place, permissions, stamp);
    return ok(permissions);
  };

  const effective = async (input: unknown): Promise<Result<EffectivePermissions<P>, NotFoundError | ValidationError>> => {
    const parsed = parseInput(effectiveInputSchema, input);
    return parsed.isErr() ? err(parsed.error) : effectiveOf(parsed.value.user, parsed.value.place);
  };

  const explain = async (input: unknown): Promise<Result<Explanation<P, R>, NotFoundError | ValidationError>> => {
    const parsed = parseInput(permissionInputSchema, input);
    if (parsed.isErr()) return err(parsed.error);
    const { user, permission, place } = parsed.value;
    const loaded = await load(user, place);
    if (loaded.isErr()) return err(loaded.error);
    return ok(context.access.explain(loaded.value.subject, permission as P, loaded.value.target, context.clock.now()));
  };

  return {
    can: async (user, permission, place) => {
      const parsed = parseInput(permissionInputSchema, { user, permission, place });
      if (parsed.isErr()) return false;
      const permissions = await effectiveOf(parsed.value.user, parsed.value.place);
      return permissions.isOk() && permissions.value.has(parsed.value.permission as P);
    },
    effective: (user, place) => ResultAsync.fromSafePromise(effective({ user, place })).andThen((result) => result),
    explain: (user, permission, place) => ResultAsync.fromSafePromise(explain({ user, permission, place })).andThen((result) => result),
  };
}
