import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { PasswordHasher } from "../../ports/password-hasher.js";

/** The scrypt parameters of {@link createScryptPasswordHasher}. */
export interface ScryptPasswordHasherOptions {
  /** CPU/memory cost N, a power of two. Default 2^16 (with `parallelization` 2: OWASP's 64 MiB setting). */
  readonly cost?: number;
  /** Block size r. Default 8. */
  readonly blockSize?: number;
  /** Parallelization p. Default 2. */
  readonly parallelization?: number;
  /** Length of the derived key in bytes. Default 32. */
  readonly keyLength?: number;
}

const SALT_BYTES = 16;
const ENCODED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{16,128})\$([A-Za-z0-9+/]{16,512})$/;

interface ScryptParameters {
  readonly logCost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

/**
 * Hashes passwords with scrypt (node:crypto, off the main thread) and a fresh 16-byte salt, encoded as
 * `scrypt$ln=16,r=8,p=2$<salt>$<hash>` (base64 without padding). The parameters travel in the string,
 * so raising them later leaves stored hashes verifiable. Passwords are NFKC-normalized first, so the
 * same password typed on another keyboard or system still matches.
 *
 * @example
 * ```ts
 * const hasher = createScryptPasswordHasher();
 * const encoded = await hasher.hash("correct horse battery staple");
 * await hasher.verify(encoded, "correct horse battery staple"); // true
 * ```
 */
export function createScryptPasswordHasher(options: ScryptPasswordHasherOptions = {}): PasswordHasher {
  const cost = options.cost ?? 2 ** 16;
  const logCost = Math.log2(cost);
  if (!Number.isInteger(logCost) || logCost < 1 || logCost > 30) throw new RangeError(`scrypt cost must be a power of two, got ${cost}.`);
  const parameters: ScryptParameters = {
    logCost,
    blockSize: positiveInteger("blockSize", options.blockSize ?? 8),
    parallelization: positiveInteger("parallelization", options.parallelization ?? 2),
  };
  const keyLength = positiveInteger("keyLength", options.keyLength ?? 32);
  if (keyLength < 16 || keyLength > 256) throw new RangeError(`scrypt keyLength must be 16–256 bytes, got ${keyLength}.`);
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const hash = await derive(password, salt, keyLength, parameters);
      const { logCost: ln, blockSize: r, parallelization: p } = parameters;
      return `scrypt$ln=${ln},r=${r},p=${p}$${base64(salt)}$${base64(hash)}`;
    },
    async verify(encoded, password) {
      const match = ENCODED.exec(encoded);
      if (match === null) return false;
      const [, ln, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
      const stored = Buffer.from(hash, "base64");
      const saltBytes = Buffer.from(salt, "base64");
      const stated: ScryptParameters = { logCost: Number(ln), blockSize: Number(r), parallelization: Number(p) };
      if (!plausible(stated) || stored.length < 16 || base64(stored) !== hash || base64(saltBytes) !== salt) return false;
      try {
        const computed = await derive(password, saltBytes, stored.length, stated);
        return timingSafeEqual(computed, stored);
      } catch {
        return false;
      }
    },
  };
}

function derive(password: string, salt: Buffer, keyLength: number, parameters: ScryptParameters): Promise<Buffer> {
  const N = 2 ** parameters.logCost;
  const r = parameters.blockSize;
  const p = parameters.parallelization;
  // scrypt needs 128·N·r bytes for its table plus 128·r·p for the blocks; leave headroom over Node's check.
  const scryptOptions: ScryptOptions = { N, r, p, maxmem: 128 * r * (N + p) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, scryptOptions, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** Parameters a stored hash may state without making verification a denial of service (at most 2^24 · r 32 MiB-blocks). */
function plausible(parameters: ScryptParameters): boolean {
  const { logCost, blockSize, parallelization } = parameters;
  return logCost >= 1 && logCost <= 24 && blockSize >= 1 && blockSize <= 32 && parallelization >= 1 && parallelization <= 16;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`scrypt ${name} must be a positive integer, got ${value}.`);
  return value;
}

function base64(bytes: Buffer): string {
  return bytes.toString("base64").replace(/=+$/, "");
}
