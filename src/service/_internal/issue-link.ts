import { err, ok, type Result } from "neverthrow";
import { issueToken } from "../../lifecycle/single-use-token.js";
import type { TokenId } from "../../model/ids.js";
import type { TenureError } from "../../model/tenure-error.js";
import type { Token, TokenPurpose } from "../../model/token.js";
import type { User } from "../../model/user.js";
import type { CommandScope } from "./run-command.js";
import type { ServiceContext } from "./service-context.js";

/** A stored single-use token, the link that carries its secret (the secret itself is kept nowhere), and how many earlier tokens it replaced. */
export interface IssuedLink {
  readonly token: Token;
  readonly link: string;
  /** The user's unused tokens of the purpose invalidated first (`rotate`); 0 without. */
  readonly invalidatedTokens: number;
}

/**
 * Issues a single-use token of `purpose` for `user` inside the command's unit of work: a fresh secret
 * from the `SecretGenerator`, stored only as its hash, living as long as the settings say, and the
 * host's link for it. With `rotate`, the user's unused tokens of this purpose are invalidated first, so
 * only the newest link works. With `decoy` (a login that matched nobody; the caller rolls the work
 * back), the same store work is done but the host's `links` is not called: no link may leave for a
 * user who does not exist.
 */
export async function issueLink<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "secrets" | "links">,
  c: CommandScope<string, UA, OA, Native>,
  user: Pick<User<UA>, "id" | "organizationId">,
  purpose: TokenPurpose,
  options: { readonly rotate: boolean; readonly decoy?: boolean },
): Promise<Result<IssuedLink, TenureError>> {
  const invalidatedTokens = options.rotate ? await c.tx.tokens.invalidateForUser(user.organizationId, user.id, purpose, c.now) : 0;
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
  const link =
    options.decoy === true
      ? `https://decoy.invalid/${purpose}?token=${secret}`
      : context.links({ purpose, secret, organizationId: user.organizationId, userId: user.id });
  return ok({ token: stored.value, link, invalidatedTokens });
}
