import type { OrganizationId, UserId } from "../../../../model/ids.js";
import type { User } from "../../../../model/user.js";
import type { StoreTransaction } from "../../../../ports/tenure-store.js";

/**
 * A user id no id generator hands out (ids are URL-safe and generated; this one is reserved): what the
 * lookups that follow a miss are made with, so a miss costs the same store work as a hit.
 */
export const NO_USER_ID = "tenure:no-user" as UserId;

/**
 * The user a login names, or `null`: by username first; and, when the login contains "@", by e-mail,
 * taken only when exactly one account that is not removed has that address (several users sharing an
 * address match nobody: they sign in with their usernames).
 *
 * The store work depends only on the shape of the login, never on what exists: the e-mail lookup runs
 * whenever the login contains "@", even after a username matched.
 */
export async function findByLogin<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organizationId: OrganizationId,
  login: string,
): Promise<User<UA> | null> {
  const [byUsername, byEmail] = await Promise.all([
    tx.users.findByUsername(organizationId, login),
    login.includes("@") ? tx.users.findByEmail(organizationId, login) : Promise.resolve([]),
  ]);
  if (byUsername !== null) return byUsername;
  const candidates = byEmail.filter((user) => user.account.status !== "removed");
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}
