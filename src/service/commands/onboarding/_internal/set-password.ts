import { err, ok, type Result } from "neverthrow";
import type { Credential } from "../../../../model/credential.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { checkPasswordPolicy } from "../../credentials/check-password-policy.js";

/**
 * Stores the password a user chose through a single-use link: checks the shared password policy
 * (`checkPasswordPolicy` of the credential commands: a `validation` error on `password`), hashes it with the `PasswordHasher`, and writes the user's credential (created if the
 * user has none), clearing any failed attempts, lock and "must change" flag.
 */
export async function setChosenPassword<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "hasher">,
  c: CommandScope<string, UA, OA, Native>,
  user: User<UA>,
  password: string,
): Promise<Result<Credential, TenureError>> {
  const policy = checkPasswordPolicy(password, user);
  if (policy.isErr()) return err(policy.error);
  const passwordHash = await context.hasher.hash(password);
  const stored = await c.tx.credentials.get(user.organizationId, user.id);
  const next: Credential = {
    userId: user.id,
    organizationId: user.organizationId,
    passwordHash,
    mustChangePassword: false,
    failedAttempts: 0,
    lockedUntil: null,
    version: stored?.version ?? 0,
    updatedAt: c.now,
  };
  const written = stored === null ? await c.tx.credentials.insert(next) : await c.tx.credentials.update(next);
  return written.isErr() ? err(written.error) : ok(written.value);
}

/** Whether the user has chosen a password already (their credential holds a hash). */
export async function hasPassword<UA extends object, OA extends object, Native>(
  c: CommandScope<string, UA, OA, Native>,
  user: Pick<User<UA>, "id" | "organizationId">,
): Promise<boolean> {
  const credential = await c.tx.credentials.get(user.organizationId, user.id);
  return credential !== null && credential.passwordHash !== null;
}
