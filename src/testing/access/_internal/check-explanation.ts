import assert from "node:assert/strict";
import type { AccessSubject } from "../../../access/access-subject.js";
import type { AccessTarget } from "../../../access/access-target.js";
import type { CatalogSpec } from "../../../access/catalog-spec.js";
import type { DenialReason, Explanation } from "../../../access/explanation.js";
import type { GrantPath } from "../../../access/grant.js";
import type { WorldUser } from "../access-world.js";
import { referenceRoleClosure, type ReferenceAnswer } from "../reference-resolver.js";

type Spec = CatalogSpec<string, string, string>;

/** What a question was asked about, for checking its explanation. */
export interface ExplanationCase {
  readonly spec: Spec;
  readonly user: WorldUser;
  readonly subject: AccessSubject;
  readonly target: AccessTarget;
  readonly now: Date;
  readonly answer: ReferenceAnswer;
  /** For failure messages: which user, scope and permission. */
  readonly where: string;
}

const viaKey = (via: GrantPath): string => (via.type === "direct" ? "direct" : via.groupId);

/**
 * `explain` agrees with `can`; an allowance lists exactly the grants reaching the scope whose role
 * carries the permission, each with a role chain from the held role through `includes` to a role that
 * lists the permission (or is a superuser role); a denial gives a reason that holds.
 */
export function checkExplanation(context: ExplanationCase, permission: string, explanation: Explanation, can: boolean): void {
  const { spec, subject, target, answer, where } = context;
  assert.equal(explanation.allowed, can, `${where}: explain(...).allowed is ${explanation.allowed}, can(...) is ${can}`);
  assert.equal(explanation.permission, permission, `${where}: explanation of another permission`);
  assert.deepEqual(explanation.scope, target.path[0], `${where}: explanation of another scope`);
  if (!explanation.allowed) {
    assert.ok(!answer.effective.has(permission), `${where}: denied, but the reference holds it`);
    checkDenial(context, explanation.reason, permission, `${where}: denial`);
    return;
  }
  assert.ok(explanation.derivations.length > 0, `${where}: allowed without a derivation`);
  for (const derivation of explanation.derivations) {
    const grant = subject.grants.find((candidate) => candidate.assignmentId === derivation.assignmentId && viaKey(candidate.via) === viaKey(derivation.via));
    assert.ok(grant !== undefined, `${where}: derivation through ${derivation.assignmentId}, which the subject does not hold`);
    const chain = derivation.roleChain;
    assert.equal(chain[0], grant.role, `${where}: role chain ${chain.join(" → ")} does not start with the held role "${grant.role}"`);
    chain.forEach((role, index) => {
      const next = chain[index + 1];
      if (next !== undefined) {
        assert.ok(spec.roles[role]?.includes?.includes(next) === true, `${where}: "${role}" does not include "${next}" (chain ${chain.join(" → ")})`);
      }
    });
    const last = spec.roles[chain[chain.length - 1] ?? ""];
    assert.ok(last !== undefined, `${where}: empty or unknown role chain`);
    assert.ok(last.superuser === true || last.permissions?.includes(permission) === true, `${where}: chain ${chain.join(" → ")} ends with a role that does not list "${permission}"`);
    assert.equal(derivation.superuser, last.superuser === true, `${where}: superuser flag of ${chain.join(" → ")}`);
    assert.deepEqual(derivation.grantedIn, grant.scope, `${where}: grantedIn of ${derivation.assignmentId}`);
    assert.equal(derivation.delegated, spec.roles[grant.role]?.delegation === "customers", `${where}: delegated flag of ${derivation.assignmentId}`);
  }
  const expected = answer.grants
    .filter((grant) => referenceRoleClosure(spec, grant.role).has(permission))
    .map((grant) => `${grant.assignmentId}/${grant.groupId ?? "direct"}`)
    .sort();
  const actual = explanation.derivations.map((derivation) => `${derivation.assignmentId}/${viaKey(derivation.via)}`).sort();
  assert.deepEqual(actual, expected, `${where}: the derivations are not the grants reaching the scope that carry "${permission}"`);
}

function checkDenial(context: ExplanationCase, reason: DenialReason, permission: string, where: string): void {
  const { spec, user, target, now, answer } = context;
  const account = user.account;
  const blockInForce = account.status === "blocked" && (account.until === null || account.until > now);
  switch (reason.code) {
    case "blocked":
      assert.ok(!answer.active && blockInForce, `${where}: "blocked", but no block is in force`);
      assert.deepEqual(reason.until, account.status === "blocked" ? account.until : undefined, `${where}: block end`);
      return;
    case "not_active":
      assert.ok(!answer.active && !blockInForce && account.status !== "active" && account.status !== "blocked", `${where}: "not_active" for a ${account.status} account`);
      assert.equal(reason.status, account.status, `${where}: status`);
      return;
    case "access_expired":
      assert.ok(!answer.active && !blockInForce && user.thirdParty, `${where}: "access_expired", but the account is not an expired third party`);
      assert.deepEqual(reason.on, user.accessExpiresAt, `${where}: expiry date`);
      return;
    case "unknown_permission":
      assert.fail(`${where}: "unknown_permission" for "${permission}", a permission of the catalog`);
      return;
    case "no_grant":
      assert.ok(answer.active, `${where}: "no_grant" for an inactive account`);
      assert.ok(!answer.granted.has(permission), `${where}: "no_grant", but a grant reaching the scope carries "${permission}"`);
      return;
    case "entitlement_missing":
      assert.ok(answer.active && answer.granted.has(permission), `${where}: "entitlement_missing" for a permission not granted`);
      assert.ok(answer.entitlements !== null && !answer.entitlements.has(permission), `${where}: "entitlement_missing", but the organization is entitled to "${permission}"`);
      assert.equal(reason.permission, permission, `${where}: "entitlement_missing" names "${reason.permission}", not the permission asked about`);
      assert.equal(reason.organizationId, target.organization?.id, `${where}: organization of the missing entitlement`);
      return;
    case "requirement_missing": {
      assert.ok(answer.active && answer.granted.has(permission), `${where}: "requirement_missing" for a permission not granted`);
      assert.ok(answer.entitlements === null || answer.entitlements.has(permission), `${where}: "requirement_missing" for a permission not entitled`);
      const requires = spec.permissions[permission]?.requires ?? [];
      assert.ok(requires.includes(reason.requirement), `${where}: "${permission}" does not require "${reason.requirement}"`);
      assert.ok(!answer.effective.has(reason.requirement), `${where}: requirement "${reason.requirement}" is held`);
      checkDenial(context, reason.because, reason.requirement, `${where} → ${reason.requirement}`);
      return;
    }
  }
}
