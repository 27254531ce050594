import { err, ok, ResultAsync, type Result } from "neverthrow";
import { planPasswordLink, type PasswordLinkPlan } from "../../../lifecycle/password-link-plan.js";
import { checkToken, hashTokenSecret } from "../../../lifecycle/single-use-token.js";
import { TenureErrors, type TenureError } from "../../../model/tenure-error.js";
import type { Token, TokenPurpose } from "../../../model/token.js";
import type { User } from "../../../model/user.js";
import type { StoreTransaction } from "../../../ports/tenure-store.js";
import { systemActor, userActor, type Actor } from "../../actor.js";
import { accountDiff } from "../../_internal/account-diff.js";
import type { GateRule } from "../../_internal/gate.js";
import { invitationJson } from "../../_internal/invitation-json.js";
import { runCommand, type AuditEntry, type JsonObject } from "../../_internal/run-command.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { checkPasswordPolicy } from "./check-password-policy.js";
import { credentialDiff, storePassword } from "./_internal/credential-writes.js";
import { retryOnConflict } from "./_internal/retry-on-conflict.js";

/** The system actor name under which accepted invitations appear in the audit log. */
export const INVITATION_ACTOR = "invitation";
/** The system actor name under which completed activations appear in the audit log. */
export const ACTIVATION_ACTOR = "activation";

/** How often a redemption refused with `conflict` (a concurrent change) is run again on fresh data. */
const ATTEMPTS = 3;

/** A link found by its secret and judged at an instant: its token, its user, and what redeeming it does. */
export interface JudgedLink<UA extends object> {
  readonly token: Token;
  readonly user: User<UA>;
  readonly plan: PasswordLinkPlan;
}

/** A redeemed set-password link: the purpose it fulfilled, the user as stored after, and whether an invitation was accepted. */
export interface RedeemedPasswordLink<UA extends object> {
  readonly purpose: TokenPurpose;
  readonly user: User<UA>;
  readonly invitationAccepted: boolean;
}

/**
 * Finds the token of `secret` and judges it at `now` (`checkToken`, then `planPasswordLink`): for
 * `purpose` when given (a link of another purpose is `invalid_token`), else for the token's own.
 * Reads only. Unknown, used, expired and other-purpose links, and a link whose user is gone, are all
 * `invalid_token`; an account in a state the link cannot serve is `invalid_state`.
 */
export async function judgeLink<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  secret: string,
  purpose: TokenPurpose | undefined,
  now: Date,
): Promise<Result<JudgedLink<UA>, TenureError>> {
  const found = await tx.tokens.findByHash(hashTokenSecret(secret));
  const token = checkToken(found, secret, purpose ?? found?.purpose ?? "invitation", now);
  if (token.isErr()) return err(token.error);
  const user = await tx.users.get(token.value.organizationId, token.value.userId);
  if (user === null) return err(TenureErrors.invalidToken("unknown"));
  const invitations = await tx.invitations.listForUser(user.organizationId, user.id);
  const plan = planPasswordLink({ token: token.value, user, invitations, now });
  return plan.isErr() ? err(plan.error) : ok({ token: token.value, user, plan: plan.value });
}

/** Who redeems a link of each purpose, as the audit log and the gate see them (as before the links shared one home). */
function redeemerOf(purpose: TokenPurpose, token: Token): { readonly actor: Actor; readonly rule: GateRule } {
  switch (purpose) {
    case "invitation":
      return { actor: systemActor(INVITATION_ACTOR), rule: { needs: "system" } };
    case "activation":
      return { actor: systemActor(ACTIVATION_ACTOR), rule: { needs: "system" } };
    case "password_reset":
      // Whoever holds a reset link acts as the user, on their own account, whatever its state.
      return { actor: userActor(token.organizationId, token.userId), rule: { needs: "link_holder", self: token.userId } };
  }
}

/**
 * The one home of every set-password link (invitation, activation, password reset), behind
 * `onboarding.acceptInvitation`, `onboarding.completeActivation`, `credentials.resetPassword` and
 * `credentials.setPasswordWithLink`. With `purpose`, only a link of that purpose redeems; without, the
 * token's own purpose decides.
 *
 * The link is judged ({@link judgeLink}) and the password checked (`checkPasswordPolicy`, a validation
 * error on `password`) in a read, then hashed outside any transaction (hashing is slow), then redeemed
 * in one unit of work that judges it again: the token is consumed (of two concurrent redemptions
 * exactly one wins; the other is `invalid_token`), the password stored (clearing `mustChangePassword`,
 * the failure count and the lock), the account and invitation changed as the plan says (a reset that
 * completes an invitation also kills the invitation's own link), and one audit event written:
 * `invitation.accepted` (system actor `invitation`), `user.activation_completed` (system actor
 * `activation`) or `user.password_reset` (the user as actor; with the account before/after and the
 * accepted invitation when it completed one). A refusal changes nothing and leaves the link usable.
 */
export function redeemPasswordLink<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: { readonly secret: string; readonly password: string; readonly purpose?: TokenPurpose },
): ResultAsync<RedeemedPasswordLink<UA>, TenureError> {
  const { secret, password, purpose } = input;
  const judged = async (tx: StoreTransaction<UA, OA, Native>, now: Date): Promise<Result<JudgedLink<UA>, TenureError>> => {
    const link = await judgeLink(tx, secret, purpose, now);
    if (link.isErr()) return err(link.error);
    const policy = checkPasswordPolicy(password, link.value.user);
    return policy.isErr() ? err(policy.error) : ok(link.value);
  };

  const run = async (): Promise<Result<RedeemedPasswordLink<UA>, TenureError>> => {
    const first = await context.store.transaction((tx) => judged(tx, context.clock.now()));
    if (first.isErr()) return err(first.error);
    const { token } = first.value;
    const passwordHash = await context.hasher.hash(password);
    const { actor, rule } = redeemerOf(token.purpose, token);
    return retryOnConflict(ATTEMPTS, () =>
      runCommand(context, {
        actor,
        organizationId: token.organizationId,
        rule,
        work: async (c) => {
          const current = await judged(c.tx, c.now);
          if (current.isErr()) return err(current.error);
          const { user, plan } = current.value;
          if (current.value.token.id !== token.id) return err(TenureErrors.invalidToken("unknown"));
          const consumed = await c.tx.tokens.consume(c.organization.id, token.id, c.now);
          if (consumed.isErr()) return err(TenureErrors.invalidToken(consumed.error.code === "conflict" ? "used" : "unknown"));
          const before = await c.tx.credentials.get(user.organizationId, user.id);
          const credential = await storePassword(c.tx, user, before, { passwordHash, mustChangePassword: false, now: c.now });
          if (credential.isErr()) return err(credential.error);
          const updated = plan.account === null ? ok(user) : await c.tx.users.update({ ...user, account: plan.account, updatedAt: c.now });
          if (updated.isErr()) return err(updated.error);
          const invitation = plan.invitation === null ? ok(null) : await c.tx.invitations.update(plan.invitation);
          if (invitation.isErr()) return err(invitation.error);
          if (plan.purpose !== "invitation" && invitation.value !== null) {
            await c.tx.tokens.invalidateForUser(user.organizationId, user.id, "invitation", c.now);
          }
          const accounts = accountDiff(user, updated.value);
          const invitationFacts = invitation.value === null ? null : invitationJson(invitation.value);
          const username = user.username;
          const audit: AuditEntry =
            plan.purpose === "invitation"
              ? {
                  action: "invitation.accepted",
                  target: { entity: "user", id: user.id },
                  ...accounts,
                  details: { invitation: invitationFacts, username, passwordSet: true },
                }
              : plan.purpose === "activation"
                ? { action: "user.activation_completed", target: { entity: "user", id: user.id }, ...accounts, details: { username, passwordSet: true } }
                : resetEntry(user.id, token.id, credentialDiff(before, credential.value), accounts, invitationFacts);
          return ok({
            value: { purpose: plan.purpose, user: updated.value, invitationAccepted: invitation.value !== null },
            audit,
            ...(plan.account === null && plan.purpose === "password_reset" ? {} : { invalidate: { users: [user.id] } }),
          });
        },
      }),
    );
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}

/** The audit entry of a reset: the credential facts (and the account, when the reset completed an invitation) before and after. */
function resetEntry(
  userId: string,
  tokenId: string,
  credential: { readonly before: AuditEntry["before"]; readonly after: AuditEntry["after"] },
  account: { readonly before: AuditEntry["before"]; readonly after: AuditEntry["after"] },
  invitation: JsonObject | null,
): AuditEntry {
  return {
    action: "user.password_reset",
    target: { entity: "user", id: userId },
    before: { ...credential.before, ...account.before },
    after: { ...credential.after, ...account.after },
    details: invitation === null ? { tokenId } : { tokenId, invitation },
  };
}
