import { createNanoidIdGenerator } from "./adapters/node/nanoid-id-generator.js";
import { randomSecretGenerator } from "./adapters/node/random-secret-generator.js";
import { createScryptPasswordHasher } from "./adapters/node/scrypt-password-hasher.js";
import { systemClock } from "./adapters/node/system-clock.js";
import { createTenureWith, type Tenure } from "./service/create-tenure.js";
import type { TenureDefaults, TenureOptions } from "./service/tenure-options.js";

/**
 * The node defaults of the service's ports: the system clock, prefixed nanoid ids, scrypt, 256-bit
 * random secrets. The entry point passes them in, so the service imports no adapter.
 */
export const NODE_DEFAULTS: TenureDefaults = Object.freeze({
  clock: systemClock,
  ids: () => createNanoidIdGenerator(),
  hasher: () => createScryptPasswordHasher(),
  secrets: randomSecretGenerator,
});

/**
 * Creates the `tenure` service over a catalog, a store and the host's ports; the ports left out are
 * the node defaults ({@link NODE_DEFAULTS}). See `createTenureWith` for another runtime.
 *
 * @example
 * ```ts
 * const tenure = createTenure({
 *   catalog,
 *   store: createMemoryStore(),
 *   links: ({ purpose, secret }) => `https://app.example/${purpose}?token=${secret}`,
 * });
 * const acme = await tenure.organizations.create(systemActor("setup"), { name: "Acme" });
 * ```
 */
export function createTenure<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  options: TenureOptions<P, R, S, UA, OA, Native>,
): Tenure<P, R, S, UA, OA> {
  return createTenureWith(options, NODE_DEFAULTS);
}
