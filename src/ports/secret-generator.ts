/** Makes the secrets of single-use links. Each must carry at least 256 bits of randomness and be URL-safe. */
export interface SecretGenerator {
  /** A fresh secret. */
  next(): string;
}
