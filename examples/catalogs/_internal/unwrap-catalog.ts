import type { Result } from "neverthrow";
import type { CatalogError } from "tenure";

/**
 * The catalog of an example, or a throw naming every problem: a catalog written in code that does not
 * compile is a programmer error, not an expected failure, so it fails loudly at import time.
 */
export function unwrapCatalog<C>(platform: string, result: Result<C, CatalogError[]>): C {
  if (result.isOk()) return result.value;
  const problems = result.error.map((error) => `${error.code}: ${error.message}`).join("\n  ");
  throw new Error(`The ${platform} catalog is invalid:\n  ${problems}`);
}
