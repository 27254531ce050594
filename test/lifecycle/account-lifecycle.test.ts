import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ACCOUNT_STATUSES, canTransitionAccount, transitionAccount, type AccountEvent, type AccountState } from "tenure";

const now = new Date("2026-05-04T10:00:00Z");
const later = new Date("2026-05-11T10:00:00Z");
const states: Record<string, AccountState> = {
  invited: { status: "invited" },
  pending_verification: { status: "pending_verification" },
  active: { status: "active" },
  blocked: { status: "blocked", until: later, reason: "holiday" },
  deactivated: { status: "deactivated", reason: "admin" },
  removed: { status: "removed", at: now },
};
const events: AccountEvent[] = [
  { type: "accept_invitation" },
  { type: "activate" },
  { type: "verify" },
  { type: "block", until: later, reason: null },
  { type: "unblock" },
  { type: "deactivate", reason: "admin" },
  { type: "reactivate" },
  { type: "remove" },
];

/** Every transition of the design card, from every status: the expected next status, or null where refused. */
const table: Record<string, Record<AccountEvent["type"], string | null>> = {
  invited: { accept_invitation: "active", activate: "active", verify: null, block: null, unblock: null, deactivate: "deactivated", reactivate: null, remove: "removed" },
  pending_verification: { accept_invitation: null, activate: null, verify: "active", block: null, unblock: null, deactivate: "deactivated", reactivate: null, remove: "removed" },
  active: { accept_invitation: null, activate: null, verify: null, block: "blocked", unblock: null, deactivate: "deactivated", reactivate: null, remove: "removed" },
  blocked: { accept_invitation: null, activate: null, verify: null, block: "blocked", unblock: "active", deactivate: "deactivated", reactivate: null, remove: "removed" },
  deactivated: { accept_invitation: null, activate: null, verify: null, block: null, unblock: null, deactivate: null, reactivate: "active", remove: "removed" },
  removed: { accept_invitation: null, activate: null, verify: null, block: null, unblock: null, deactivate: null, reactivate: null, remove: null },
};

describe("the account state machine walks every path of the design card", () => {
  for (const [from, state] of Object.entries(states)) {
    for (const event of events) {
      const expected = table[from]?.[event.type];
      it(`${from} --${event.type}--> ${expected ?? "refused"}`, () => {
        const next = transitionAccount("usr_1", state, event, now);
        if (expected === null || expected === undefined) {
          expect(next._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", entity: "user", id: "usr_1", state: from });
          expect(canTransitionAccount(state, event.type, now)).toBe(false);
        } else {
          expect(next._unsafeUnwrap().status).toBe(expected);
          expect(canTransitionAccount(state, event.type, now)).toBe(true);
        }
      });
    }
  }

  it("a block keeps its end date and reason; removal records when", () => {
    expect(transitionAccount("u", states.active!, { type: "block", until: later, reason: "audit" }, now)._unsafeUnwrap()).toEqual({ status: "blocked", until: later, reason: "audit" });
    expect(transitionAccount("u", states.active!, { type: "block", until: null, reason: null }, now)._unsafeUnwrap()).toEqual({ status: "blocked", until: null, reason: null });
    expect(transitionAccount("u", states.active!, { type: "remove" }, now)._unsafeUnwrap()).toEqual({ status: "removed", at: now });
  });

  it("a block must end in the future", () => {
    expect(transitionAccount("u", states.active!, { type: "block", until: now, reason: null }, now)._unsafeUnwrapErr()).toMatchObject({ code: "validation", field: "until" });
  });

  it("a block whose end has passed counts as active: it can be blocked again without an unblock, and not unblocked", () => {
    const expired: AccountState = { status: "blocked", until: new Date("2026-05-01T00:00:00Z"), reason: null };
    expect(transitionAccount("u", expired, { type: "block", until: later, reason: null }, now).isOk()).toBe(true);
    expect(transitionAccount("u", expired, { type: "unblock" }, now).isErr()).toBe(true);
  });

  test.prop([fc.constantFrom(...Object.values(states)), fc.array(fc.constantFrom(...events), { maxLength: 12 })])(
    "removed is terminal, and every reachable state is a valid account state",
    (start, sequence) => {
      let state = start;
      for (const event of sequence) {
        const next = transitionAccount("u", state, event, now);
        if (state.status === "removed") expect(next.isErr()).toBe(true);
        if (next.isOk()) state = next.value;
        expect(ACCOUNT_STATUSES).toContain(state.status);
      }
    },
  );
});
