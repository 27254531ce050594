/**
 * What the walkthrough of `examples/demo.ts` shares: its clock, its printer, its mailer, and small
 * helpers that turn a service's answers into one line of output. Nothing here reaches into a store:
 * every step of the demo is a call a host makes.
 */
import type { Result } from "neverthrow";
import {
  createManualClock,
  createMemoryMailer,
  deliverOutbox,
  type ManualClock,
  type MemoryMailer,
  type OutboxMail,
  type TenureError,
  type TenureModel,
  type TenureStore,
} from "tenure";

/** The time zone the demo's dates are printed in (and the organizations count their days in). */
export const DEMO_TIME_ZONE = "Europe/Berlin";

/** Where the demo's clock starts: Monday 2 March 2026, 10:00 in Berlin. */
export const DEMO_START = new Date("2026-03-02T09:00:00Z");

/** Everything a part of the walkthrough needs besides its own service. */
export interface DemoWorld {
  /** A store for one platform (with its attribute schemas): a fresh memory store, or one more handle on the demo's database. */
  readonly newStore: (model?: TenureModel<any, any>) => TenureStore<any, any, any>;
  /** The clock every service of the demo reads; only the demo moves it. */
  readonly clock: ManualClock;
  /** Receives every mail the demo's outboxes deliver. */
  readonly mailer: MemoryMailer;
  /** One line of output. */
  readonly print: (line?: string) => void;
  /** Opens the next numbered section. */
  readonly section: (title: string) => void;
  /** One step: what happened, and the result. */
  readonly step: (line: string) => void;
  /** Moves the clock forward by whole days and says so, with the date it is then. */
  readonly daysLater: (days: number) => void;
}

/** A demo world over a store factory; output goes to `print` (the console by default). */
export function createDemoWorld(newStore: DemoWorld["newStore"], print: (line?: string) => void = (line = "") => console.log(line)): DemoWorld {
  const clock = createTickingClock(DEMO_START);
  let sections = 0;
  return {
    newStore,
    clock,
    mailer: createMemoryMailer(),
    print,
    section: (title) => {
      sections += 1;
      print();
      print(`${sections}. ${title}`);
    },
    step: (line) => print(`   - ${line}`),
    daysLater: (days) => {
      clock.advance(days * 24 * 60 * 60 * 1000);
      print(`   … ${days} ${days === 1 ? "day" : "days"} later: ${formatDay(clock.now())}`);
    },
  };
}

/**
 * A manual clock whose every reading is one millisecond after the previous one, as a real clock's
 * would be between two commands. Frozen time would give every audit event of the demo the same
 * instant, and the log's "newest first" would then order them by their random ids.
 */
export function createTickingClock(start: Date): ManualClock {
  const clock = createManualClock(start);
  return {
    now: () => {
      const now = clock.now();
      clock.advance(1);
      return now;
    },
    advance: (milliseconds) => clock.advance(milliseconds),
    set: (date) => clock.set(date),
  };
}

/** A date as the walkthrough prints it, in Berlin: `Mon 2 Mar 2026`. */
export function formatDay(at: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: DEMO_TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric" })
    .format(at)
    .replace(",", "");
}

/** A local `YYYY-MM-DD` date as the walkthrough prints it: `Sun 31 May 2026`. */
export function formatIsoDay(day: string): string {
  return formatDay(new Date(`${day}T12:00:00Z`));
}

/**
 * The value of a step the demo expects to succeed. A refusal here is a bug in the demo (or in
 * `tenure`), so it stops the walkthrough loudly, naming the step.
 */
export function must<T>(result: Result<T, TenureError>, step: string): T {
  if (result.isOk()) return result.value;
  throw new Error(`The demo's step "${step}" was refused: ${describeError(result.error)}`);
}

/** The refusal of a step the demo expects to be refused; if it went through, the walkthrough stops. */
export function refused(result: Result<unknown, TenureError>, step: string): string {
  if (result.isErr()) return `refused, ${describeError(result.error)}`;
  throw new Error(`The demo's step "${step}" should have been refused, and was not.`);
}

/** A `TenureError` in one line: its code, the rule or field it names, and its message. */
export function describeError(error: TenureError): string {
  const detail = "rule" in error ? ` ${error.rule}` : "";
  return `${error.code}${detail}: ${error.message}`;
}

/**
 * Delivers a store's outbox to the demo's mailer (as a host's outbox job does) and returns the mails
 * this run delivered.
 */
export async function deliverMail(world: DemoWorld, store: TenureStore<any, any, any>): Promise<readonly OutboxMail[]> {
  const before = world.mailer.sent.length;
  await deliverOutbox({ store, mailer: world.mailer, clock: world.clock });
  return world.mailer.sent.slice(before);
}

/** The last delivered mail to an address, or a throw: the demo expects it. */
export function lastMailTo(world: DemoWorld, address: string): OutboxMail {
  const mail = [...world.mailer.sent].reverse().find((sent) => sent.to.address === address);
  if (mail === undefined) throw new Error(`No mail was delivered to ${address}.`);
  return mail;
}

/** The secret of the link in a mail, as the host's landing page reads it from its URL (`?token=…`). */
export function linkSecret(mail: OutboxMail): string {
  const url = /https:\/\/\S+/.exec(mail.text)?.[0];
  const secret = url === undefined ? null : new URL(url).searchParams.get("token");
  if (secret === null) throw new Error(`The mail "${mail.subject}" carries no link.`);
  return secret;
}

/** A list of names for one line: `Ann Lee, Bob Builder` or `(nobody)`. */
export function names(items: readonly { readonly fullName: string }[]): string {
  return items.length === 0 ? "(nobody)" : items.map((item) => item.fullName).join(", ");
}
