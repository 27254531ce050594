import { nanoid } from "nanoid";
import type { IdKind } from "../../model/ids.js";
import type { IdGenerator } from "../../ports/id-generator.js";

/** The prefix of each kind of id, so an id in a log says what it names. */
const PREFIXES: Readonly<Record<IdKind, string>> = {
  organization: "org",
  user: "usr",
  group: "grp",
  assignment: "asg",
  invitation: "inv",
  token: "tok",
  audit: "evt",
  mail: "mail",
  provisioning_run: "run",
};

/** The options of {@link createNanoidIdGenerator}. */
export interface NanoidIdGeneratorOptions {
  /** Random characters after the prefix (64 possible each). Default 21: about 126 random bits. */
  readonly size?: number;
}

/**
 * Makes ids like `usr_V1StGXR8_Z5jdHi6B-myT`: a prefix naming the kind, `_`, and a nanoid of URL-safe
 * random characters (crypto-strong), so ids are unique without coordination and recognisable in logs.
 *
 * @example
 * ```ts
 * const ids = createNanoidIdGenerator();
 * ids.next("user"); // "usr_…"
 * ```
 */
export function createNanoidIdGenerator(options: NanoidIdGeneratorOptions = {}): IdGenerator {
  const size = options.size ?? 21;
  if (!Number.isInteger(size) || size < 8 || size > 100) throw new RangeError(`Id size must be an integer from 8 to 100, got ${size}.`);
  return {
    next(kind) {
      return `${PREFIXES[kind]}_${nanoid(size)}`;
    },
  };
}
