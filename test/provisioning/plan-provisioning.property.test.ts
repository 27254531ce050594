import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { planProvisioning, type ProvisioningPlan } from "tenure";
import { worldArb, sourceArb, currentArb } from "./_arbitraries.js";
import { applyPlan } from "./_apply-plan.js";

const errorsOf = (plan: ProvisioningPlan): string[] =>
  plan.problems.filter((p) => p.severity === "error").map((p) => JSON.stringify([p.code, p.field, p.externalId, p.position]));

describe("the provisioning planner (properties)", () => {
  test.prop([worldArb])("applying a plan and planning again gives only unchanged, and no new errors", ({ current, desired, options }) => {
    const forced = { ...options, force: true };
    const first = planProvisioning(desired, current, forced)._unsafeUnwrap();
    const after = applyPlan(current, first);
    const second = planProvisioning(desired, after, forced)._unsafeUnwrap();
    expect(second.changes.filter((change) => change.action !== "unchanged")).toEqual([]);
    expect(errorsOf(second).filter((error) => !errorsOf(first).includes(error))).toEqual([]);
  });

  test.prop([worldArb])("the plan names only linked users that are not removed, each at most once", ({ current, desired, options }) => {
    const plan = planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap();
    const live = new Map(current.filter((user) => user.status !== "removed").map((user) => [user.userId, user]));
    const named = plan.changes.flatMap((change) => (change.userId === null ? [] : [change.userId]));
    for (const userId of named) expect(live.has(userId)).toBe(true);
    expect(new Set(named).size).toBe(named.length);
    for (const change of plan.changes) {
      expect(change.userId === null).toBe(change.action === "create");
      if (change.userId !== null) expect(change.expectedVersion).toBe(live.get(change.userId)!.version);
    }
  });

  test.prop([worldArb])("a stable id maps to at most one account; a renamed record updates its own account", ({ current, desired, options }) => {
    const plan = planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap();
    const after = applyPlan(current, plan).filter((user) => user.status !== "removed");
    const ids = after.map((user) => user.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const change of plan.changes) {
      const known = current.find((user) => user.status !== "removed" && user.externalId === change.externalId);
      if (known !== undefined && change.action !== "relink") expect(change.userId).toBe(known.userId);
    }
  });

  test.prop([sourceArb, currentArb, fc.nat()])(
    "a re-created record (same username, new id, the old one gone) re-links rather than creating",
    (source, current, pick) => {
      const live = current.filter((user) => user.status !== "removed");
      fc.pre(live.length > 0);
      const target = live[pick % live.length]!;
      const desired = live.map((user) => ({
        externalId: user === target ? `${user.externalId}-new` : user.externalId,
        fields: { username: user.fields.username.toUpperCase(), fullName: user.fields.fullName, email: ` ${user.fields.email} ` },
      }));
      const plan = planProvisioning(desired, current, { source, mode: "all", read: "complete" })._unsafeUnwrap();
      expect(plan.counts.create).toBe(0);
      expect(plan.changes.find((change) => change.externalId === `${target.externalId}-new`)).toMatchObject({
        action: "relink",
        userId: target.userId,
        relinkFrom: target.externalId,
      });
    },
  );

  test.prop([worldArb])("fields, roles and groups the source does not own are never changed on an existing user", ({ source, current, desired, options }) => {
    const plan = planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap();
    const owned: readonly string[] = source.ownedFields;
    for (const change of plan.changes.filter((c) => c.action !== "create")) {
      for (const { field } of change.changes) expect(owned).toContain(field);
      if (change.roles !== undefined) expect(owned).toContain("roles");
      if (change.groups !== undefined) expect(owned).toContain("groups");
    }
  });

  test.prop([worldArb])("mass de-activation is refused unless forced, and never planned on partial, failed or empty reads", ({ source, current, desired, options }) => {
    const result = planProvisioning(desired, current, { ...options, force: false });
    const forced = planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap();
    const active = current.filter((user) => user.status !== "removed" && user.status !== "deactivated").length;
    const share = active === 0 ? 0 : forced.counts.deactivate / active;
    if (result.isErr()) {
      expect(result.error).toMatchObject({ code: "forbidden", rule: "mass_deactivation" });
      expect(share).toBeGreaterThan(source.maxDeactivationShare);
    } else {
      expect(share).toBeLessThanOrEqual(source.maxDeactivationShare);
      expect(result.value).toEqual(forced);
    }
    const missing = forced.changes.filter((change) => change.action === "deactivate" && change.record === undefined);
    if (options.read !== "complete" || desired.length === 0 || options.mode === "new_only" || !source.deactivatesMissing) expect(missing).toEqual([]);
    if (options.read === "failed" || desired.length === 0) expect(forced.counts.deactivate).toBe(0);
  });

  test.prop([worldArb])("the plan is deterministic and ordered, its counts add up", ({ current, desired, options }) => {
    const plan = planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap();
    expect(planProvisioning(desired, current, { ...options, force: true })._unsafeUnwrap()).toEqual(plan);
    const rank = { relink: 0, update: 1, convert: 1, reactivate: 1, create: 2, unchanged: 3, deactivate: 4 };
    const ranks = plan.changes.map((change) => rank[change.action]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(plan.changes.map((change) => change.sequence)).toEqual(plan.changes.map((_, index) => index));
    const { errors, ...perAction } = plan.counts;
    expect(Object.values(perAction).reduce((a, b) => a + b, 0)).toBe(plan.changes.length);
    expect(errors).toBe(new Set(plan.problems.filter((p) => p.severity === "error").map((p) => p.position)).size);
  });
});
