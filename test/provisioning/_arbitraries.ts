import fc from "fast-check";
import {
  PROVISIONED_USER_FIELDS,
  type PlanOptions,
  type ProvisionedField,
  type ProvisioningSource,
  type SourceLinkedUser,
  type SourceRecord,
  type UserId,
} from "tenure";
import { linked } from "./_fixtures.js";

const NAMES = ["ann", "bob", "cid", "dan", "eve"];
const IDS = ["e1", "e2", "e3", "e4", "e5"];
const OWNABLE: ProvisionedField[] = [...PROVISIONED_USER_FIELDS, "roles", "groups", "attributes.costCentre"];

const scopes = fc.constantFrom(undefined, { kind: "organization", id: "org-1" }, { kind: "zone", id: "z1" }, { kind: "zone", id: "z2" });
const roles = fc.array(fc.record({ role: fc.constantFrom("viewer", "editor"), scope: scopes }).map(({ role, scope }) => (scope === undefined ? { role } : { role, scope })), { maxLength: 3 });
const groups = fc.array(fc.constantFrom("ops", "sales", "hr"), { maxLength: 3 });

/** A source owning a random set of fields. */
export const sourceArb: fc.Arbitrary<ProvisioningSource> = fc.record({
  name: fc.constant("src"),
  kind: fc.constantFrom("directory", "spreadsheet", "scim"),
  ownedFields: fc.subarray(OWNABLE),
  deactivatesMissing: fc.boolean(),
  maxDeactivationShare: fc.constantFrom(0, 0.2, 0.5, 1),
  matchBy: fc.constantFrom("username", "email"),
});

/** Linked users with unique externalIds and usernames, some de-activated or removed. */
export const currentArb: fc.Arbitrary<SourceLinkedUser[]> = fc
  .uniqueArray(
    fc.record({
      externalId: fc.constantFrom(...IDS),
      name: fc.constantFrom(...NAMES),
      state: fc.constantFrom(
        { status: "active", deactivatedBy: null },
        { status: "active", deactivatedBy: null },
        { status: "deactivated", deactivatedBy: "source" },
        { status: "deactivated", deactivatedBy: "other" },
        { status: "removed", deactivatedBy: null },
        { status: "invited", deactivatedBy: null },
      ) as fc.Arbitrary<Pick<SourceLinkedUser, "status" | "deactivatedBy">>,
      phone: fc.constantFrom(null, "1", "2"),
      thirdParty: fc.boolean(),
      costCentre: fc.constantFrom(undefined, "cc1", "cc2"),
      roles: roles.map((list) => list.map((item) => ({ role: item.role, scope: item.scope ?? { kind: "organization", id: "org-1" } }))),
      groups,
    }),
    { selector: (user) => user.externalId, maxLength: 5 },
  )
  .map((users) => {
    const seen = new Set<string>();
    return users
      .filter((user) => !seen.has(user.name) && seen.add(user.name))
      .map((user) => {
        const base = linked(user.name);
        return {
          ...base,
          userId: `u-${user.externalId}` as UserId,
          externalId: user.externalId,
          ...user.state,
          fields: { ...base.fields, phone: user.phone, thirdParty: user.thirdParty },
          attributes: user.costCentre === undefined ? {} : { costCentre: user.costCentre },
          roles: user.roles,
          groups: [...new Set(user.groups)],
        };
      });
  });

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Records of the read: known and unknown ids, usernames in any case, some incomplete, some inactive. */
export const desiredArb: fc.Arbitrary<SourceRecord[]> = fc
  .array(
    fc.record({
      externalId: fc.constantFrom(...IDS, "e6", "e7", "e8", ""),
      name: fc.constantFrom(...NAMES, "fay", "ANN", " bob "),
      fullName: optional(fc.constantFrom("A Example", "B Example")),
      email: optional(fc.constantFrom("ann@example.com", "x@example.com")),
      phone: optional(fc.constantFrom(null, "1", "3")),
      location: optional(fc.constantFrom("Rome", null)),
      thirdParty: optional(fc.boolean()),
      costCentre: optional(fc.constantFrom("cc1", "cc3")),
      active: optional(fc.boolean()),
      roles: optional(roles),
      groups: optional(groups),
    }),
    { maxLength: 6 },
  )
  .map((list) =>
    list.map((r, index): SourceRecord => ({
      externalId: r.externalId,
      position: `row ${index + 2}`,
      fields: {
        username: r.name,
        ...(r.fullName === undefined ? {} : { fullName: r.fullName }),
        ...(r.email === undefined ? {} : { email: r.email }),
        ...(r.phone === undefined ? {} : { phone: r.phone }),
        ...(r.location === undefined ? {} : { location: r.location }),
        ...(r.thirdParty === undefined ? {} : { thirdParty: r.thirdParty }),
      },
      ...(r.costCentre === undefined ? {} : { attributes: { costCentre: r.costCentre } }),
      ...(r.active === undefined ? {} : { active: r.active }),
      ...(r.roles === undefined ? {} : { roles: r.roles }),
      ...(r.groups === undefined ? {} : { groups: r.groups }),
    })),
  );

/** Plan options other than the source. */
export const optionsArb = (source: ProvisioningSource): fc.Arbitrary<PlanOptions> =>
  fc.record({
    source: fc.constant(source),
    mode: fc.constantFrom("all", "all", "new_only"),
    read: fc.constantFrom("complete", "complete", "partial", "failed"),
    force: fc.boolean(),
  });

/** A source, its linked users, a read, and options. */
export const worldArb = sourceArb.chain((source) =>
  fc.record({ source: fc.constant(source), current: currentArb, desired: desiredArb, options: optionsArb(source) }),
);
