import type { ResultAsync } from "neverthrow";
import type { OutboxMail } from "../../../model/outbox-mail.js";
import type { TenureError } from "../../../model/tenure-error.js";
import type { User } from "../../../model/user.js";
import type { Actor } from "../../actor.js";
import type { ServiceContext } from "../../_internal/service-context.js";
import { extendThirdPartyAccess, type ExtendThirdPartyAccessInput } from "./extend-third-party-access.js";
import { sendWelcome, type SendWelcomeInput, type WelcomeSent } from "./send-welcome.js";
import { setThirdPartyAccess, type SetThirdPartyAccessInput } from "./set-third-party-access.js";
import { listThirdParty, type ListThirdPartyInput, type ThirdPartyRow } from "../../queries/third-party-list.js";
import type { Page } from "../../../model/page.js";

/** Third-party (time-limited) access and welcome messages. */
export interface ThirdPartyCommands<UA extends object> {
  /** Makes a user third party, moves or clears the end of access, or ends third-party status. */
  setAccess(actor: Actor, input: SetThirdPartyAccessInput): ResultAsync<User<UA>, TenureError>;
  /** Extends several third-party users at once, within the maximum, all or nothing. */
  extend(actor: Actor, input: ExtendThirdPartyAccessInput): ResultAsync<readonly User<UA>[], TenureError>;
  /** Sends (or resends) the regular or third-party welcome message with a set-password link. */
  sendWelcome(actor: Actor, input: SendWelcomeInput): ResultAsync<WelcomeSent, TenureError>;
  /** The management view: third-party users by end of access, soonest first, with the days left. */
  list(actor: Actor, input: ListThirdPartyInput): ResultAsync<Page<ThirdPartyRow<UA>>, TenureError>;
}

/** The third-party commands of a service context, for `createTenure` to expose. */
export function thirdPartyCommands<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
): ThirdPartyCommands<UA> {
  return {
    setAccess: (actor, input) => setThirdPartyAccess(context, actor, input),
    extend: (actor, input) => extendThirdPartyAccess(context, actor, input),
    sendWelcome: (actor, input) => sendWelcome(context, actor, input),
    list: (actor, input) => listThirdParty(context, actor, input),
  };
}
