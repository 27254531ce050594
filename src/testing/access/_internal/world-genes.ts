import fc from "fast-check";

/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** A date as an offset from the world's `now`, in milliseconds (0: exactly now). */
export type Offset = number;

export type AccountGene =
  | { readonly status: "active" | "invited" | "pending_verification" }
  | { readonly status: "blocked"; readonly until: Offset | null; readonly reason: string | null }
  | { readonly status: "deactivated"; readonly reason: "admin" | "access_expired" | "access_cleared" | "source" | "directory" }
  | { readonly status: "removed"; readonly at: Offset };

export interface UserGene {
  readonly organization: number;
  readonly account: AccountGene;
  /** 0–2: a regular user; 3: a regular user with a stray expiry date (ignored); 4–5: a third-party user. */
  readonly thirdParty: number;
  readonly expires: Offset | null;
}

export interface OrganizationGene {
  readonly parent: number;
  readonly partner: number | null;
  /** `null`: not capped; otherwise every permission but the dropped ones, and maybe a name the catalog does not know. */
  readonly entitlements: { readonly drop: readonly number[]; readonly unknown: boolean } | null;
}

export interface AssignmentGene {
  readonly group: boolean;
  readonly principal: number;
  /** 0: a role the catalog does not know; 1: any scope of the world; 2: a scope the world does not hold; else a scope where the role may be granted. */
  readonly mode: number;
  readonly role: number;
  readonly scope: number;
}

export interface WorldGenes {
  /** Minutes after the base instant. */
  readonly now: number;
  /** Per scope kind outside every organization (the platform aside): how many instances, and their parents. */
  readonly outer: readonly { readonly count: number; readonly parent: number }[];
  readonly organizations: readonly OrganizationGene[];
  readonly subScopes: readonly { readonly kind: number; readonly parent: number }[];
  readonly users: readonly UserGene[];
  readonly groups: readonly { readonly organization: number; readonly members: readonly number[] }[];
  readonly assignments: readonly AssignmentGene[];
}

export interface WorldSizes {
  readonly outerKinds: number;
  readonly maxOrganizations: number;
  readonly maxSubScopes: number;
  readonly maxUsers: number;
  readonly maxGroups: number;
  readonly maxAssignments: number;
}

const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;

/** Around `now`: exactly now, before, or after (up to 30 days). */
export const offsetArbitrary: fc.Arbitrary<Offset> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: -30 * DAY, max: -1 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 * DAY }) },
);

/** Account states, mostly active. */
export const accountGeneArbitrary: fc.Arbitrary<AccountGene> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ status: "active" as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ status: "invited" as const }, { status: "pending_verification" as const }) },
  {
    weight: 3,
    arbitrary: record<Extract<AccountGene, { status: "blocked" }>>({
      status: fc.constant("blocked"),
      until: fc.option(offsetArbitrary, { nil: null, freq: 4 }),
      reason: fc.constantFrom(null, "holiday"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("admin" as const, "access_expired" as const, "access_cleared" as const, "source" as const, "directory" as const)
      .map((reason) => ({ status: "deactivated" as const, reason })),
  },
  { weight: 1, arbitrary: offsetArbitrary.map((at) => ({ status: "removed" as const, at: Math.min(at, 0) })) },
);

/** Assignments: principal, role, scope, as picks resolved against a world. */
export const assignmentGeneArbitrary: fc.Arbitrary<AssignmentGene> = record<AssignmentGene>({
  group: fc.nat(3).map((n) => n === 0),
  principal: fc.nat(63),
  mode: fc.nat(11),
  role: fc.nat(63),
  scope: fc.nat(63),
});

/** The genes of a whole world. */
export function worldGenesArbitrary(sizes: WorldSizes): fc.Arbitrary<WorldGenes> {
  return record<WorldGenes>({
    now: fc.nat(366 * 24 * 60),
    outer: fc.array(record({ count: fc.integer({ min: 1, max: 2 }), parent: fc.nat(63) }), {
      minLength: sizes.outerKinds,
      maxLength: sizes.outerKinds,
    }),
    organizations: fc.array(
      record<OrganizationGene>({
        parent: fc.nat(63),
        partner: fc.option(fc.nat(63), { nil: null, freq: 3 }),
        entitlements: fc.option(record({ drop: fc.array(fc.nat(63), { maxLength: 3 }), unknown: fc.nat(3).map((n) => n === 0) }), {
          nil: null,
          freq: 2,
        }),
      }),
      { minLength: 1, maxLength: sizes.maxOrganizations },
    ),
    subScopes: fc.array(record({ kind: fc.nat(63), parent: fc.nat(63) }), { maxLength: sizes.maxSubScopes }),
    users: fc.array(
      record<UserGene>({
        organization: fc.nat(63),
        account: accountGeneArbitrary,
        thirdParty: fc.nat(5),
        expires: fc.option(offsetArbitrary, { nil: null, freq: 5 }),
      }),
      { minLength: 1, maxLength: sizes.maxUsers },
    ),
    groups: fc.array(record({ organization: fc.nat(63), members: fc.array(fc.nat(63), { maxLength: 4 }) }), { maxLength: sizes.maxGroups }),
    assignments: fc.array(assignmentGeneArbitrary, { maxLength: sizes.maxAssignments, size: "medium" }),
  });
}
