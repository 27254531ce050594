import { err, ok, type Result, type ResultAsync } from "neverthrow";
import * as z from "zod";
import { accountStanding } from "../../../access/account-standing.js";
import { transitionAccount } from "../../../lifecycle/account-lifecycle.js";
import { userIdSchema, type UserId } from "../../../model/ids.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { OwnedResourceCounts } from "../../../ports/owned-resources.js";
import type { Actor } from "../../actor.js";
import { pickJson } from "../../_internal/audit-values.js";
import { adminsBefore, ensureAdminRemains } from "../../_internal/ensure-admin-remains.js";
import { runParsedCommand, type CommandScope } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { loadTargetUser, userCommandShape } from "./_internal/account-target.js";
import { withdrawUser } from "./_internal/withdraw-user.js";

/** What becomes of the data the removed user owns: deleted irrevocably, or handed to another user. */
export const removedDataSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("delete") }),
  z.object({
    mode: z.literal("transfer"),
    /** The new owner: an active user of the same organization, not the removed user. */
    toUserId: userIdSchema,
  }),
]);

/** What removing a user takes: the user as read (its version), what becomes of their data, and whether to keep the profile. */
export const removeUserInputSchema = z.object({
  ...userCommandShape,
  data: removedDataSchema,
  /** `true` keeps the user record with the account `removed`; `false` deletes the record and the password. */
  keepProfile: z.boolean(),
});
/** See {@link removeUserInputSchema}. */
export type RemoveUserInput = z.input<typeof removeUserInputSchema>;

/** What a removal did. */
export interface RemovedUser<UA extends object> {
  readonly userId: UserId;
  /** The kept profile (its account `removed`), or `null` when the record was deleted. */
  readonly profile: User<UA> | null;
  /** The new owner of the user's data, or `null` when it was deleted. */
  readonly transferredTo: UserId | null;
  /** What the host's `OwnedResources` port reported, e.g. `{ documents: 12 }`; `{}` when no port is configured. */
  readonly counts: OwnedResourceCounts;
}

/**
 * Removes a user from the organization (the document workspace's "X"): their data is deleted or
 * transferred to another user, and the profile is kept or not. In one unit of work: the account becomes
 * `removed`, every role assignment of the user is revoked, they leave every group, their unused tokens
 * are invalidated, pending invitations revoked and the password cleared, the organization's contact
 * person is cleared if it was them; then the host's `OwnedResources` port deletes or transfers the data
 * inside the same transaction (`native`), while the user record still exists, and finally the record is
 * deleted unless the profile is kept. If the port fails, nothing at all is written. The audit event
 * (`user.removed`) records who was removed, the mode, the new owner, `keepProfile` and the port's counts.
 *
 * Needs the organization's user-management permission. Nobody removes themselves, only a super admin
 * removes a super admin, the last admin cannot be removed (`last_admin`), and directory (LDAP) users
 * cannot be removed by hand (`directory_user`): they go when they leave the directory group.
 *
 * @example
 * ```ts
 * await removeUser(context, userActor(acme, adminId), {
 *   organizationId: acme, userId: ann.id, expectedVersion: ann.version,
 *   data: { mode: "transfer", toUserId: bob.id }, keepProfile: true,
 * });
 * ```
 */
export function removeUser<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  actor: Actor,
  input: RemoveUserInput,
): ResultAsync<RemovedUser<UA>, TenureError> {
  return runParsedCommand(context, {
    actor,
    schema: removeUserInputSchema,
    input,
    // The heir is named too: handing data to a super admin's account is touching it.
    rule: ({ userId, data }) => ({ needs: "administrator", targets: data.mode === "transfer" ? [userId, data.toUserId] : [userId], notOnOwnAccount: { verb: "remove", userIds: [userId] } }),
    work: async (c, { userId, expectedVersion, data, keepProfile }) => {
      const stored = await loadTargetUser(c, userId, expectedVersion);
      if (stored.isErr()) return err(stored.error);
      const user = stored.value;
      if (user.source.type === "directory") {
        return err(
          TenureErrors.forbidden(
            "directory_user",
            `"${user.username}" comes from the directory (LDAP): remove them from the directory group, and the next directory update removes them here.`,
            userId,
          ),
        );
      }
      const next = transitionAccount(userId, user.account, { type: "remove" }, c.now);
      if (next.isErr()) return err(next.error);
      const heir = data.mode === "transfer" ? await checkHeir(c, userId, data.toUserId) : ok(null);
      if (heir.isErr()) return err(heir.error);

      const admins = await adminsBefore(context, c);
      const removed = await c.tx.users.update({ ...user, account: next.value, updatedAt: c.now });
      if (removed.isErr()) return err(removed.error);
      const withdrawn = await withdrawUser(c, removed.value);
      if (withdrawn.isErr()) return err(withdrawn.error);
      const remains = await ensureAdminRemains(context, c, admins);
      if (remains.isErr()) return err(remains.error);

      const port = context.ownedResources;
      const where = { native: c.tx.native, organizationId: c.organization.id, userId };
      const counts: Result<OwnedResourceCounts, TenureError> =
        port === null ? ok({}) : heir.value === null ? await port.deleteAll(where) : await port.transfer({ ...where, toUserId: heir.value.id });
      if (counts.isErr()) return err(counts.error);
      if (!keepProfile) {
        const deleted = await c.tx.users.delete(c.organization.id, userId, removed.value.version);
        if (deleted.isErr()) return err(deleted.error);
        const credential = await c.tx.credentials.get(c.organization.id, userId);
        if (credential !== null) {
          const forgotten = await c.tx.credentials.delete(c.organization.id, userId, credential.version);
          if (forgotten.isErr()) return err(forgotten.error);
        }
      }

      return ok({
        value: { userId, profile: keepProfile ? removed.value : null, transferredTo: heir.value?.id ?? null, counts: counts.value },
        audit: {
          action: "user.removed",
          target: { entity: "user", id: userId },
          before: pickJson(user as unknown as Record<string, unknown>, ["username", "fullName", "email", "account"]),
          after: keepProfile ? pickJson(removed.value as unknown as Record<string, unknown>, ["account"]) : null,
          details: {
            mode: data.mode,
            transferredTo: heir.value === null ? null : { id: heir.value.id, username: heir.value.username },
            keepProfile,
            counts: { ...counts.value },
            ...withdrawn.value.summary,
          },
        },
        invalidate: { users: [userId] },
      });
    },
  });
}

/** The new owner of a removed user's data: an existing, active user of the organization other than the removed one. */
async function checkHeir<UA extends object>(
  c: CommandScope<string, UA, object, unknown>,
  userId: UserId,
  toUserId: UserId,
): Promise<Result<User<UA>, TenureError>> {
  const field = "data.toUserId";
  if (toUserId === userId) {
    return err(TenureErrors.validation([{ severity: "error", field, code: "transfer_to_self", message: "The data cannot be transferred to the user being removed." }]));
  }
  const heir = await c.tx.users.get(c.organization.id, toUserId);
  if (heir === null) return err(TenureErrors.notFound("user", toUserId));
  if (!accountStanding(heir, c.now).active) {
    return err(
      TenureErrors.validation([
        { severity: "error", field, code: "transfer_target_inactive", message: `The data can only be transferred to an active user; "${heir.username}" is not active.` },
      ]),
    );
  }
  return ok(heir);
}
