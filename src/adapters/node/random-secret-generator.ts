import { randomBytes } from "node:crypto";
import type { SecretGenerator } from "../../ports/secret-generator.js";

/** 256-bit secrets from the operating system's random source, base64url-encoded (43 characters). */
export const randomSecretGenerator: SecretGenerator = Object.freeze({
  next: (): string => randomBytes(32).toString("base64url"),
});
