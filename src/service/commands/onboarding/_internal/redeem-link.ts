import { err, ok, ResultAsync, type Result } from "neverthrow";
import { checkToken, hashTokenSecret } from "../../../../lifecycle/single-use-token.js";
import { TenureErrors, type TenureError } from "../../../../model/tenure-error.js";
import type { Token, TokenPurpose } from "../../../../model/token.js";
import type { User } from "../../../../model/user.js";
import { systemActor } from "../../../actor.js";
import { runCommand, type CommandOutcome, type CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";

/** A link redeemed inside the command: its token (now used) and the user it was issued to. */
export interface RedeemedLink<UA extends object> {
  readonly token: Token;
  readonly user: User<UA>;
}

/** How often a redemption refused with `conflict` (a concurrent change) is run again on fresh data. */
const ATTEMPTS = 3;

/**
 * Runs a command started by whoever holds a single-use link, with no signed-in actor. The token is
 * found by the hash of the secret (which names its organization), then checked, consumed and handed to
 * `work` inside one unit of work, so a refusal by `work` (a weak password, an account in the wrong
 * state) leaves the token unused and nothing changed.
 *
 * - Unknown, used, expired and other-purpose secrets are all the same `invalid_token` error.
 * - Exactly once: of two concurrent redemptions one commits; the other's `conflict` is run again and
 *   then finds the token used (`invalid_token`).
 * - The audit actor is the system actor `actorName` (the channel, e.g. `invitation`): the holder of a
 *   link is not an authenticated user. The user is the audit event's target.
 */
export function redeemLink<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native, T>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  options: {
    readonly purpose: TokenPurpose;
    readonly actorName: string;
    readonly secret: string;
    readonly work: (c: CommandScope<P, UA, OA, Native>, redeemed: RedeemedLink<UA>) => Promise<Result<CommandOutcome<T>, TenureError>>;
  },
): ResultAsync<T, TenureError> {
  const hash = hashTokenSecret(options.secret);
  const once = async (): Promise<Result<T, TenureError>> => {
    const found = await context.store.transaction(async (tx) => ok(await tx.tokens.findByHash(hash)));
    if (found.isErr()) return err(found.error);
    if (found.value === null) return err(TenureErrors.invalidToken("unknown"));
    return runCommand(context, {
      actor: systemActor(options.actorName),
      organizationId: found.value.organizationId,
      rule: { needs: "system" },
      work: async (c) => {
        const checked = checkToken(await c.tx.tokens.findByHash(hash), options.secret, options.purpose, c.now);
        if (checked.isErr()) return err(checked.error);
        const user = await c.tx.users.get(c.organization.id, checked.value.userId);
        if (user === null) return err(TenureErrors.invalidToken("unknown"));
        const consumed = await c.tx.tokens.consume(c.organization.id, checked.value.id, c.now);
        if (consumed.isErr()) return err(TenureErrors.invalidToken(consumed.error.code === "conflict" ? "used" : "unknown"));
        return options.work(c, { token: consumed.value, user });
      },
    });
  };
  const run = async (): Promise<Result<T, TenureError>> => {
    let result = await once();
    for (let attempt = 1; attempt < ATTEMPTS && result.isErr() && result.error.code === "conflict"; attempt += 1) result = await once();
    return result;
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}
