/**
 * A valid call of every function of the service, enumerated from the service object: the authorization
 * test's input builders for the commands that take an actor (run by a drawn standing), and a valid
 * argument list here for those that take none. Plus what each function answers, what its arguments
 * are called in a validation error's fields, and every place in a call's arguments where a test can put
 * another value.
 */
import { createMemoryMailer } from "tenure";
import { CAST, userIdOf, type AuthzWorld, type OrgKey, type Standing } from "../authorization/_world.js";
import { selfOf } from "../authorization/_check.js";
import { inputBuilders, PUBLIC_COMMANDS, type Draws } from "../authorization/_commands.js";

/** What a function answers: a neverthrow `Result` (nearly all), a boolean (`access.can`), or a sweep report (`jobs.expireDue`). */
export type AnswerKind = "result" | "boolean" | "report";

const ANSWER_KINDS: Readonly<Record<string, AnswerKind>> = { "access.can": "boolean", "jobs.expireDue": "report" };

/** What `path` answers. */
export const answerKindOf = (path: string): AnswerKind => ANSWER_KINDS[path] ?? "result";

/** What a valid call is built from: the world, the draws (the authorization test's), and who calls. */
export interface CallContext {
  readonly w: AuthzWorld;
  readonly d: Draws;
  readonly standing: Standing;
}

const memberOf = (org: OrgKey, index: number): string => {
  const members = CAST.filter((member) => member.org === org);
  return members[index % members.length]!.username;
};
const userRef = (c: CallContext) => ({ organizationId: c.w.orgs[c.d.org], userId: userIdOf(memberOf(c.d.org, c.d.variant)) });

/** Valid arguments of each function that takes no actor (secrets nobody issued: the call is well formed, the link is not). */
export const PUBLIC_CALLS: Readonly<Record<string, (c: CallContext) => unknown[]>> = {
  "onboarding.acceptInvitation": () => [{ secret: "a-secret-nobody-issued", password: "Chosen-password-2026" }],
  "onboarding.signUp": (c) => [
    {
      organizationId: c.w.orgs[c.d.org],
      user: { username: `newcomer${c.d.variant % 100}`, fullName: "New Comer", email: `newcomer${c.d.variant % 100}@example.com` },
      password: "Chosen-password-2026",
    },
  ],
  "onboarding.completeActivation": () => [{ secret: "a-secret-nobody-issued", password: "Chosen-password-2026" }],
  "credentials.forgotPassword": (c) => [{ organizationId: c.w.orgs[c.d.org], login: memberOf(c.d.org, c.d.variant) }],
  "credentials.resetPassword": () => [{ secret: "a-secret-nobody-issued", password: "Chosen-password-2026" }],
  "credentials.changePassword": (c) => [
    { organizationId: c.w.orgs[c.d.org], login: memberOf(c.d.org, c.d.variant), currentPassword: "shared-password", newPassword: "Another-password-2026" },
  ],
  "credentials.setPasswordWithLink": () => [{ secret: "a-secret-nobody-issued", password: "Chosen-password-2026" }],
  "credentials.inspectLink": () => [{ secret: "a-secret-nobody-issued" }],
  "credentials.signIn": (c) => [{ organizationId: c.w.orgs[c.d.org], login: memberOf(c.d.org, c.d.variant), password: "shared-password" }],
  "jobs.expireDue": (c) => [{ now: new Date(c.w.now.getTime() + (c.d.flag ? 0 : 40 * 86_400_000)), batchSize: 1 + (c.d.variant % 50) }],
  "jobs.deliverOutbox": (c) => [{ mailer: createMemoryMailer(), limit: 1 + (c.d.variant % 50) }],
  "access.can": (c) => [userRef(c), c.d.flag ? "users.manage" : "documents.view", { organizationId: c.w.orgs[c.d.org] }],
  "access.effective": (c) => [userRef(c), { organizationId: c.w.orgs[c.d.org], ...(c.d.flag ? { scope: { kind: "zone", id: "berlin" } } : {}) }],
  "access.explain": (c) => [userRef(c), "documents.edit", { organizationId: c.w.orgs[c.d.org] }],
};

/**
 * Functions whose arguments carry a host object (a `Mailer`: functions, not data), which the fuzzer's
 * copies cannot hold: classified and given a valid call above, but not fuzzed here; their options are
 * tested in `test/service/jobs/deliver-outbox-job.test.ts` and `test/mail/deliver-outbox.test.ts`.
 */
export const TAKES_HOST_OBJECTS: readonly string[] = ["jobs.deliverOutbox"];

/** Names of each function's arguments in the fields of its validation errors (`""`: the input, whose fields are named bare). */
export function argumentNames(path: string): readonly string[] {
  if (path === "access.can" || path === "access.explain") return ["user", "permission", "place"];
  if (path === "access.effective") return ["user", "place"];
  return path in PUBLIC_CALLS ? [""] : ["actor", ""];
}

/** A valid argument list of `path`, as `standing` (ignored by the functions that take no actor). */
export function validCall(path: string, c: CallContext): unknown[] {
  const builder = inputBuilders[path];
  if (builder !== undefined) {
    return [c.w.actorOf(c.standing), builder({ w: c.w, d: c.d, O: c.w.orgs[c.d.org], self: selfOf(c.standing) })];
  }
  const call = PUBLIC_CALLS[path];
  if (call === undefined) throw new Error(`No valid call of ${path}: add it to PUBLIC_CALLS (fuzz/_calls.ts)`);
  return call(c);
}

/** The functions of the service with no valid call here or in the input builders (should be none). */
export const unclassified = (paths: readonly string[]): string[] => paths.filter((path) => !(path in inputBuilders) && !(path in PUBLIC_CALLS));

/** Whether this table and the authorization test agree on which functions take no actor. */
export const publicCallsMatch = (): boolean =>
  Object.keys(PUBLIC_CALLS).sort().join() === [...PUBLIC_COMMANDS].sort().join();

/** A place in a call's arguments: argument `arg`, then the keys down to the value; `added` when the key is not in the valid call. */
export interface Slot {
  readonly arg: number;
  readonly keys: readonly (string | number)[];
  readonly added: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Every slot of the arguments: each argument, each field and element at any depth, and one added key in each object. */
export function slotsOf(args: readonly unknown[]): Slot[] {
  const slots: Slot[] = [];
  const walk = (arg: number, value: unknown, keys: readonly (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        slots.push({ arg, keys: [...keys, index], added: false });
        walk(arg, item, [...keys, index]);
      });
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        slots.push({ arg, keys: [...keys, key], added: false });
        walk(arg, item, [...keys, key]);
      }
      slots.push({ arg, keys: [...keys, "fuzzAdded"], added: true });
    }
  };
  args.forEach((value, arg) => {
    slots.push({ arg, keys: [], added: false });
    walk(arg, value, []);
  });
  return slots;
}

/** The value at a slot of the arguments (`undefined` for an added key). */
export function valueAt(args: readonly unknown[], slot: Slot): unknown {
  return slot.keys.reduce<unknown>((holder, key) => (holder as Record<PropertyKey, unknown> | undefined)?.[key], args[slot.arg]);
}

/** The field a validation error names for a slot, e.g. `actor.userId`, `user.email`, `changes.fullName`. */
export function fieldOf(path: string, slot: Slot): string {
  return [argumentNames(path)[slot.arg] ?? "", ...slot.keys.map(String)].filter((part) => part !== "").join(".");
}

/**
 * A copy of the arguments with the value at `slot` put there by `place` (given the object holding it,
 * or `null` for a whole argument, and the key).
 */
export function withSlot(args: readonly unknown[], slot: Slot, place: (holder: Record<PropertyKey, unknown> | unknown[], key: string | number) => void): unknown[] {
  const copy = structuredClone([...args]) as unknown[];
  if (slot.keys.length === 0) {
    place(copy, slot.arg);
    return copy;
  }
  let holder = copy[slot.arg] as Record<PropertyKey, unknown>;
  for (const key of slot.keys.slice(0, -1)) holder = holder[key] as Record<PropertyKey, unknown>;
  place(holder, slot.keys[slot.keys.length - 1]!);
  return copy;
}
