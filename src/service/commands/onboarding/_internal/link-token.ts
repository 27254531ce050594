import { err, ok, type Result } from "neverthrow";
import { issueToken } from "../../../../lifecycle/single-use-token.js";
import type { TokenId } from "../../../../model/ids.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { Token, TokenPurpose } from "../../../../model/token.js";
import type { User } from "../../../../model/user.js";
import type { CommandScope } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";

/** A stored single-use token and the link that carries its secret (the secret itself is kept nowhere). */
export interface IssuedLink {
  readonly token: Token;
  readonly link: string;
}

/**
 * Issues a single-use token of `purpose` for `user` inside the command's unit of work: a fresh secret
 * from the `SecretGenerator`, stored only as its hash, living as long as the settings say, and the
 * host's link for it. With `rotate`, the user's unused tokens of this purpose are invalidated first, so
 * only the newest link works.
 */
export async function issueLink<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "secrets" | "links">,
  c: CommandScope<string, UA, OA, Native>,
  user: Pick<User<UA>, "id" | "organizationId">,
  purpose: TokenPurpose,
  options: { readonly rotate: boolean },
): Promise<Result<IssuedLink, TenureError>> {
  if (options.rotate) await c.tx.tokens.invalidateForUser(user.organizationId, user.id, purpose, c.now);
  const secret = context.secrets.next();
  const token = issueToken({
    id: c.newId("token") as TokenId,
    organizationId: user.organizationId,
    userId: user.id,
    purpose,
    secret,
    now: c.now,
    settings: c.settings,
  });
  const stored = await c.tx.tokens.insert(token);
  if (stored.isErr()) return err(stored.error);
  return ok({ token: stored.value, link: context.links({ purpose, secret, organizationId: user.organizationId, userId: user.id }) });
}
