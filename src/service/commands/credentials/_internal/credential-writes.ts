import { err, ok, type Result } from "neverthrow";
import type { AuditActor } from "../../../../model/audit-event.js";
import type { Credential } from "../../../../model/credential.js";
import type { AuditEventId, OrganizationId } from "../../../../model/ids.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { StoreTransaction } from "../../../../ports/tenure-store.js";
import { changedFields } from "../../../_internal/audit-values.js";
import type { AuditEntry, JsonObject } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";

/**
 * Stores a new password hash for a user: updates the credential as read, or inserts the first one.
 * A new password always clears the failure count and the lock.
 */
export async function storePassword<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  user: Pick<User, "id" | "organizationId">,
  stored: Credential | null,
  change: { readonly passwordHash: string; readonly mustChangePassword: boolean; readonly now: Date },
): Promise<Result<Credential, TenureError>> {
  const fields = { passwordHash: change.passwordHash, mustChangePassword: change.mustChangePassword, failedAttempts: 0, lockedUntil: null, updatedAt: change.now };
  const written =
    stored === null
      ? await tx.credentials.insert({ userId: user.id, organizationId: user.organizationId, version: 0, ...fields })
      : await tx.credentials.update({ ...stored, ...fields });
  return written.isErr() ? err(written.error) : ok(written.value);
}

/**
 * The audit before/after of a credential change: only the facts an auditor needs (whether a password
 * is set, whether it must be changed, the failure count, the lock), never the hash.
 */
export function credentialDiff(before: Credential | null, after: Credential | null): { readonly before: JsonObject; readonly after: JsonObject } {
  return changedFields(credentialFacts(before), credentialFacts(after), ["hasPassword", "mustChangePassword", "failedAttempts", "lockedUntil"]);
}

function credentialFacts(credential: Credential | null): Record<string, unknown> {
  return {
    hasPassword: credential?.passwordHash != null,
    mustChangePassword: credential?.mustChangePassword ?? false,
    failedAttempts: credential?.failedAttempts ?? 0,
    lockedUntil: credential?.lockedUntil ?? null,
  };
}

/**
 * Appends an audit event outside `runCommand`, for the sign-in commands, which have no acting party
 * to load (the user is who the password says it is) and audit only some outcomes.
 */
export async function appendCredentialAudit<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "ids">,
  tx: StoreTransaction<UA, OA, Native>,
  event: { readonly organizationId: OrganizationId; readonly at: Date; readonly actor: AuditActor; readonly entry: AuditEntry },
): Promise<Result<void, TenureError>> {
  const appended = await tx.audit.append({
    id: context.ids.next("audit") as AuditEventId,
    organizationId: event.organizationId,
    at: event.at,
    actor: event.actor,
    action: event.entry.action,
    target: event.entry.target,
    before: (event.entry.before ?? null) as never,
    after: (event.entry.after ?? null) as never,
    details: (event.entry.details ?? null) as never,
  });
  return appended.isErr() ? err(appended.error) : ok(undefined);
}
