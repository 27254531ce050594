/**
 * Hashes and verifies passwords. The encoded hash carries its own parameters and salt, so the
 * parameters can be raised later without breaking stored hashes.
 */
export interface PasswordHasher {
  /** Hashes a password with a fresh random salt. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `encoded`, compared in constant time. A malformed hash is `false`, never a throw. */
  verify(encoded: string, password: string): Promise<boolean>;
}
