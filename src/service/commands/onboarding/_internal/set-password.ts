import type { User } from "../../../../model/user.js";
import type { CommandScope } from "../../../_internal/run-command.js";

/** Whether the user has chosen a password already (their credential holds a hash). */
export async function hasPassword<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  user: Pick<User<UA>, "id" | "organizationId">,
): Promise<boolean> {
  const credential = await c.tx.credentials.get(user.organizationId, user.id);
  return credential !== null && credential.passwordHash !== null;
}
