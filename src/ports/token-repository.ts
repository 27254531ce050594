import type { Result } from "neverthrow";
import type { OrganizationId, TokenId, UserId } from "../model/ids.js";
import type { Token, TokenPurpose } from "../model/token.js";
import type { ConflictError, NotFoundError } from "../model/tenure-error.js";
import type { InsertResult } from "./write-result.js";

/**
 * Stores single-use tokens by the hash of their secret. Hashes are unique (the secrets are 256-bit
 * random values); an adapter may back that with a unique index.
 *
 * `findByHash` is the one lookup not scoped to an organization: whoever holds the secret holds the
 * capability, and the token names its organization. `consume` is the atomicity duty: of any number of
 * concurrent callers consuming the same token, exactly one succeeds; the others get `conflict`.
 */
export interface TokenRepository {
  /** Stores a new token. */
  insert(token: Token): InsertResult<Token>;
  /** The token whose `hash` this is, used or not, or `null`. */
  findByHash(hash: string): Promise<Token | null>;
  /** Marks an unused token used at `at`; `conflict` if it was already used (by this or a concurrent caller). */
  consume(organizationId: OrganizationId, id: TokenId, at: Date): Promise<Result<Token, ConflictError | NotFoundError>>;
  /** Marks every unused token of the user with this purpose used at `at` (a rotation); returns how many. */
  invalidateForUser(organizationId: OrganizationId, userId: UserId, purpose: TokenPurpose, at: Date): Promise<number>;
}
