import assert from "node:assert/strict";
import fc from "fast-check";
import { createAccessResolver, type AccessResolver } from "../../access/access-resolver.js";
import type { AccessSubject } from "../../access/access-subject.js";
import type { AccessTarget } from "../../access/access-target.js";
import type { Catalog } from "../../access/catalog.js";
import type { ScopeRef } from "../../model/scope.js";
import { accessWorldArbitrary, type AccessWorldOptions } from "./access-world-arbitrary.js";
import { worldSubject, worldTarget, type AccessWorld, type WorldUser } from "./access-world.js";
import { referenceResolve, referenceRoleClosure, type ReferenceAnswer } from "./reference-resolver.js";
import { cacheStepsArbitrary, runCacheScenario } from "./_internal/cache-scenario.js";
import { checkExplanation } from "./_internal/check-explanation.js";

/** One law of the permission model as a fast-check property; run it with `fc.assert(law.property, parameters)`. */
export interface PermissionLaw {
  /** What the law says, e.g. "adding an assignment never removes a permission". */
  readonly name: string;
  /** The property over random worlds of the catalog (one catalog-level law needs no world). */
  readonly property: fc.IPropertyWithHooks<unknown[]>;
}

/** Options of {@link permissionLaws}. */
export interface PermissionLawsOptions {
  /** Bounds of the random worlds. */
  readonly world?: AccessWorldOptions;
}

/** One question of a world: a user at a scope, with everything needed to check the answers. */
interface Question {
  readonly user: WorldUser;
  readonly scope: ScopeRef;
  readonly subject: AccessSubject;
  readonly target: AccessTarget;
  readonly answer: ReferenceAnswer;
  readonly where: string;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

/**
 * The laws of the permission model, as fast-check properties over random worlds of one catalog (see
 * {@link accessWorldArbitrary}), checked against the resolver of `createAccessResolver(catalog)` and a
 * naive reference implementation. Run each with `fc.assert` in any test framework, or register them all
 * with {@link describePermissionLaws}.
 *
 * @example
 * ```ts
 * for (const law of permissionLaws(catalog)) {
 *   test(law.name, () => fc.assert(law.property, { numRuns: 50 }));
 * }
 * ```
 */
export function permissionLaws<P extends string, R extends string, S extends string>(
  catalog: Catalog<P, R, S>,
  options: PermissionLawsOptions = {},
): PermissionLaw[] {
  const loose = catalog as unknown as Catalog;
  const spec = loose.spec;
  const access = createAccessResolver(loose) as AccessResolver<string, string>;
  const worlds = accessWorldArbitrary(loose, options.world);
  const permissions = loose.permissionNames;

  const questions = (world: AccessWorld): Question[] =>
    world.users.flatMap((user) =>
      world.scopes.map((place) => ({
        user,
        scope: place.scope,
        subject: worldSubject(world, user.id),
        target: worldTarget(world, place.scope),
        answer: referenceResolve(spec, world, user.id, place.scope),
        where: `${user.id} (${user.account.status}${user.thirdParty ? ", third party" : ""}) at ${place.scope.kind}:${place.scope.id}`,
      })),
    );
  const law = <Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IPropertyWithHooks<Ts>): PermissionLaw => ({
    name,
    property: property as unknown as fc.IPropertyWithHooks<unknown[]>,
  });

  return [
    law(
      "adding an assignment never removes a permission",
      fc.property(worlds, fc.nat(), (world, pick) => {
        if (world.assignments.length === 0) return;
        const added = world.assignments[pick % world.assignments.length];
        const before = world.assignments.filter((assignment) => assignment !== added);
        for (const question of questions(world)) {
          const after = new Set(access.effective(question.subject, question.target, world.now).list());
          const without = access.effective(worldSubject(world, question.user.id, before), question.target, world.now).list();
          const lost = without.filter((permission) => !after.has(permission));
          assert.deepEqual(lost, [], `${question.where}: adding ${added?.id} (${added?.role}) removed ${lost.join(", ")}`);
        }
      }),
    ),
    law(
      "a role carries the permissions of every role it includes",
      fc.property(fc.constant(loose), (catalog_) => {
        for (const role of catalog_.roleNames) {
          const carried = new Set(catalog_.permissionsOf(role));
          assert.deepEqual(sorted(carried), sorted(referenceRoleClosure(spec, role)), `permissions of "${role}"`);
          for (const included of spec.roles[role]?.includes ?? []) {
            const missing = catalog_.permissionsOf(included).filter((permission) => !carried.has(permission));
            assert.deepEqual(missing, [], `"${role}" includes "${included}" but lacks ${missing.join(", ")}`);
          }
          if (spec.roles[role]?.superuser === true) assert.deepEqual(sorted(carried), sorted(permissions), `superuser role "${role}"`);
        }
      }),
    ),
    law(
      "effective permissions never exceed the organization's entitlements",
      fc.property(worlds, (world) => {
        for (const question of questions(world)) {
          const entitlements = question.target.organization?.entitlements ?? null;
          if (entitlements === null) continue;
          const beyond = access.effective(question.subject, question.target, world.now).list().filter((permission) => !entitlements.includes(permission));
          assert.deepEqual(beyond, [], `${question.where}: holds ${beyond.join(", ")} beyond the entitlements`);
        }
      }),
    ),
    law(
      "every effective permission has its requirements",
      fc.property(worlds, (world) => {
        for (const question of questions(world)) {
          const effective = new Set(access.effective(question.subject, question.target, world.now).list());
          for (const permission of effective) {
            const missing = loose.requirementsOf(permission).filter((requirement) => !effective.has(requirement));
            assert.deepEqual(missing, [], `${question.where}: holds "${permission}" without ${missing.join(", ")}`);
          }
        }
      }),
    ),
    law(
      "an account that is not active holds nothing",
      fc.property(worlds, (world) => {
        for (const question of questions(world)) {
          const effective = access.effective(question.subject, question.target, world.now);
          const account = question.user.account;
          if (question.answer.active) continue;
          assert.deepEqual(effective.list(), [], `${question.where}: an inactive account holds permissions`);
          for (const permission of permissions) assert.equal(access.can(question.subject, permission, question.target, world.now), false, `${question.where}: can "${permission}"`);
          const blockEnd = account.status === "blocked" && account.until !== null && account.until > world.now ? account.until : null;
          assert.deepEqual(effective.validUntil, blockEnd, `${question.where}: validUntil of an inactive account`);
        }
      }),
    ),
    law(
      "explain agrees with can and gives true derivations and reasons",
      fc.property(worlds, (world) => {
        for (const question of questions(world)) {
          for (const permission of permissions) {
            const explanation = access.explain(question.subject, permission, question.target, world.now);
            const can = access.can(question.subject, permission, question.target, world.now);
            checkExplanation({ ...question, spec, now: world.now, where: `${question.where}, "${permission}"` }, permission, explanation, can);
          }
        }
      }),
    ),
    law(
      "the resolver agrees with the reference implementation",
      fc.property(worlds, (world) => {
        for (const question of questions(world)) {
          const effective = access.effective(question.subject, question.target, world.now);
          assert.deepEqual(sorted(effective.list()), sorted(question.answer.effective), `${question.where}: effective permissions`);
          for (const permission of permissions) {
            assert.equal(effective.has(permission), question.answer.effective.has(permission), `${question.where}: has("${permission}")`);
          }
          assert.equal(access.can(question.subject, "no.such.permission", question.target, world.now), false, `${question.where}: an unknown permission`);
          if (question.answer.active) {
            const expires = question.user.thirdParty ? question.user.accessExpiresAt : null;
            assert.deepEqual(effective.validUntil, expires, `${question.where}: validUntil of an active account`);
          }
        }
      }),
    ),
    law(
      "a permission cache in front of the resolver serves only fresh, valid answers",
      fc.property(worlds, cacheStepsArbitrary, fc.integer({ min: 1, max: 64 }), (world, steps, maxEntries) => {
        runCacheScenario(spec, access, world, steps, maxEntries);
      }),
    ),
  ];
}
