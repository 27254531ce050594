import type { PasswordHasher } from "../../../ports/password-hasher.js";
import type { SecretGenerator } from "../../../ports/secret-generator.js";

/**
 * Stands in for the password check when there is nothing to check against (no such login, no
 * credential, no password set): it verifies the presented password against a fixed dummy hash made with
 * the service's own hasher, so the answer takes as long as a real check and timing does not reveal
 * whether an account exists. The result is always `false`.
 */
export interface DummyPasswordCheck {
  /** Verifies `password` against the dummy hash; always `false`. */
  check(password: string): Promise<false>;
}

/**
 * Makes the {@link DummyPasswordCheck} of one service. The dummy hash (of a random secret nobody knows)
 * is computed once, starting at once, so even the first check of an unknown login costs one
 * verification and not a hash plus a verification. Make one per service (the credential commands do),
 * not one per call.
 *
 * @example
 * ```ts
 * const dummy = createDummyPasswordCheck(context.hasher, context.secrets);
 * const matches = credential?.passwordHash == null ? await dummy.check(password) : await hasher.verify(credential.passwordHash, password);
 * ```
 */
export function createDummyPasswordCheck(hasher: PasswordHasher, secrets: SecretGenerator): DummyPasswordCheck {
  const encoded = hasher.hash(secrets.next());
  // A failure surfaces at the first check; until then it must not be an unhandled rejection.
  encoded.catch(() => undefined);
  return {
    async check(password) {
      await hasher.verify(await encoded, password);
      return false;
    },
  };
}
