import type { AccountState } from "../model/account-state.js";
import type { UserId } from "../model/ids.js";
import type { User } from "../model/user.js";
import type { Grant } from "./grant.js";

/** Whom a permission question is about: the user's standing and every grant that may apply. */
export interface AccessSubject {
  readonly userId: UserId;
  readonly account: AccountState;
  readonly thirdParty: boolean;
  readonly accessExpiresAt: Date | null;
  readonly grants: readonly Grant[];
}

/** The subject of a stored user with the grants loaded for it. */
export function accessSubject(
  user: Pick<User, "id" | "account" | "thirdParty" | "accessExpiresAt">,
  grants: readonly Grant[],
): AccessSubject {
  return { userId: user.id, account: user.account, thirdParty: user.thirdParty, accessExpiresAt: user.accessExpiresAt, grants };
}
