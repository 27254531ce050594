import fc from "fast-check";
import type { Catalog } from "../../access/catalog.js";
import type { AccessWorldOptions } from "./access-world-arbitrary.js";
import { permissionLaws } from "./permission-laws.js";

/**
 * The part of a test runner's API {@link describePermissionLaws} uses, typed structurally so that
 * vitest, jest, mocha or `node:test` (`describe`/`it` from `node:test`) can be passed in.
 */
export interface PermissionLawsTestApi {
  /** Groups tests under a name. */
  describe(name: string, body: () => void): void;
  /** Registers one test; `timeout` is in milliseconds. */
  it(name: string, body: () => void, timeout?: number): void;
}

/** Options of {@link describePermissionLaws}. */
export interface DescribePermissionLawsOptions<P extends string, R extends string, S extends string> {
  /** The catalog whose resolver is checked. */
  readonly catalog: Catalog<P, R, S>;
  /** Name of the group of tests, e.g. the catalog's name. */
  readonly name: string;
  /** The test runner's `describe` and `it`. */
  readonly test: PermissionLawsTestApi;
  /** Random worlds per law (default 50). */
  readonly numRuns?: number;
  /** Seed of every law's run, to replay a failure. */
  readonly seed?: number;
  /** Bounds of the random worlds. */
  readonly world?: AccessWorldOptions;
  /** Time limit of each test in milliseconds (default 60 000). */
  readonly timeout?: number;
}

/**
 * Registers one test per permission law ({@link permissionLaws}) of a catalog with the host's test
 * runner. Imports no runner itself, so it works from the CommonJS build too.
 *
 * @example
 * ```ts
 * import { describe, it } from "vitest";
 * import { describePermissionLaws } from "tenure/testing";
 * import { catalog } from "../src/catalog";
 *
 * describePermissionLaws({ catalog, name: "our catalog", test: { describe, it }, numRuns: 100 });
 * ```
 */
export function describePermissionLaws<P extends string, R extends string, S extends string>(
  options: DescribePermissionLawsOptions<P, R, S>,
): void {
  const laws = permissionLaws(options.catalog, options.world === undefined ? {} : { world: options.world });
  const parameters: fc.Parameters<unknown[]> = {
    numRuns: options.numRuns ?? 50,
    includeErrorInReport: true,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  options.test.describe(`permission laws: ${options.name}`, () => {
    for (const law of laws) {
      options.test.it(law.name, () => fc.assert(law.property, parameters), options.timeout ?? 60_000);
    }
  });
}
