import { fc, test as fcTest } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import type { Result } from "neverthrow";
import type { Credential, TenureError } from "tenure";
import { TEST_STORE } from "../_test-store.js";
import { setupCredentialsWorld, type CredentialsWorld, type TransactionRecord } from "./_world.js";

const LIMIT = 3;
const LOCKOUT_MINUTES = 10;
const MINUTE = 60_000;

type Kind = "right" | "wrong";
/** Attempts sent together, then the clock moves on. */
interface Burst {
  readonly attempts: readonly Kind[];
  readonly thenWaitMinutes: number;
}

const burst: fc.Arbitrary<Burst> = fc.record(
  {
    attempts: fc.array(fc.constantFrom<Kind>("right", "wrong", "wrong"), { minLength: 1, maxLength: 6 }),
    thenWaitMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: LOCKOUT_MINUTES + 2 })),
  },
  { noNullPrototype: true },
);

/** The count as the lockout rule sees it. */
interface Count {
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
}

/**
 * The rule, one attempt at a time: while locked nothing is counted and even the right password is
 * refused; otherwise a wrong password counts a failure, the `LIMIT`-th locks (the count starts again),
 * and the right password is accepted and clears the count. `written` is the count the attempt records.
 */
function decide(kind: Kind, count: Count, now: number): { answer: string; written: Count | null } {
  const locked = count.lockedUntil !== null && count.lockedUntil > now;
  if (locked) return { answer: kind === "right" ? `locked until ${count.lockedUntil}` : "invalid_credentials", written: null };
  if (kind === "right") return { answer: "ok", written: { failedAttempts: 0, lockedUntil: null } };
  const failures = count.failedAttempts + 1;
  return {
    answer: "invalid_credentials",
    written: failures >= LIMIT ? { failedAttempts: 0, lockedUntil: now + LOCKOUT_MINUTES * MINUTE } : { failedAttempts: failures, lockedUntil: count.lockedUntil },
  };
}

const countOf = (credential: Credential): Count => ({ failedAttempts: credential.failedAttempts, lockedUntil: credential.lockedUntil?.getTime() ?? null });

function answerOf(result: Result<unknown, TenureError>): string {
  if (result.isOk()) return "ok";
  const error = result.error;
  if (error.code !== "authentication") return error.code;
  if (error.reason === "locked") return error.until === undefined ? "try again" : `locked until ${error.until.getTime()}`;
  return error.reason;
}

/** Each step of the credential commands (every store call, every verification) waits for the run's scheduler. */
let scheduler: fc.Scheduler | null = null;
// One world (one PostgreSQL schema) for the file; each run has a user of its own.
let world: CredentialsWorld;
let runs = 0;
beforeAll(async () => {
  world = await setupCredentialsWorld({
    settings: { signIn: { maxFailedAttempts: LIMIT, lockoutMinutes: LOCKOUT_MINUTES } },
    gate: (step) => scheduler?.schedule(Promise.resolve(), step.kind === "store" ? step.call : "verify").then(() => undefined),
  });
});

describe("lockout under any interleaving, property", () => {
  fcTest.prop([fc.array(burst, { minLength: 1, maxLength: 4 }), fc.scheduler()], { numRuns: TEST_STORE === "memory" ? 60 : 25 })(
    "attempts are counted in the order they commit, each decided on the count left by the one before: a right password is never accepted after LIMIT failures counted without a success in between, and no failure goes uncounted",
    async (bursts, s) => {
      runs += 1;
      const username = `inter${runs}`;
      const user = await world.seedUser(world.partner.id, username);
      const seeded = world.credentialOf(user);
      if (seeded === null) throw new Error("missing credential");
      const attempts: { tag: string; kind: Kind; now: number; answer: string }[] = [];

      scheduler = s;
      try {
        for (const [b, current] of bursts.entries()) {
          const now = world.clock.now().getTime();
          const sent = current.attempts.map((kind, i) => {
            const tag = `${username}/${b}/${i}`;
            const password = kind === "right" ? `${username}-password` : `wrong guess ${i}`;
            const run = world.tagged(tag, () => world.credentials.signIn({ organizationId: world.partner.id, login: username, password }));
            return Promise.resolve(run).then((result) => attempts.push({ tag, kind, now, answer: answerOf(result) }));
          });
          await s.waitFor(Promise.all(sent));
          world.clock.advance(current.thenWaitMinutes * MINUTE);
        }
      } finally {
        scheduler = null;
      }

      const committed = new Map<string, TransactionRecord>();
      for (const record of world.transactions) {
        if (record.tag === undefined || !record.tag.startsWith(`${username}/`) || !record.committed) continue;
        expect(committed.has(record.tag), `${record.tag} committed twice`).toBe(false);
        committed.set(record.tag, record);
      }

      // Each attempt was decided in the one transaction it committed, on the count it read there.
      const chain = new Map<number, { kind: Kind; now: number; read: Credential; written: Credential }>();
      for (const attempt of attempts) {
        const record = committed.get(attempt.tag);
        if (attempt.answer === "try again") {
          expect(record, `${attempt.tag} was told to try again but committed`).toBeUndefined();
          continue;
        }
        if (record?.read == null) throw new Error(`${attempt.tag} answered ${attempt.answer} without a committed decision`);
        const expected = decide(attempt.kind, countOf(record.read), attempt.now);
        expect({ tag: attempt.tag, answer: attempt.answer }).toEqual({ tag: attempt.tag, answer: expected.answer });
        if (expected.written === null) {
          expect(record.written, `${attempt.tag} wrote on a locked account`).toBeUndefined();
        } else {
          const written = record.written;
          if (written === undefined) throw new Error(`${attempt.tag} (${attempt.kind}) was decided but not counted`);
          expect(countOf(written)).toEqual(expected.written);
          expect(written.version).toBe(record.read.version + 1);
          chain.set(written.version, { kind: attempt.kind, now: attempt.now, read: record.read, written });
        }
      }

      // The counted attempts, in commit order, form one history from the seeded credential to the stored one.
      let state = seeded;
      for (let version = seeded.version + 1; chain.has(version); version += 1) {
        const link = chain.get(version);
        if (link === undefined) break;
        expect(countOf(link.read)).toEqual(countOf(state)); // read the count its predecessor left
        if (link.kind === "right") {
          // Accepted only with fewer than LIMIT failures counted since the last success, and no lock in force.
          expect(state.failedAttempts).toBeLessThan(LIMIT);
          expect(state.lockedUntil === null || state.lockedUntil.getTime() <= link.now, "a right password accepted while locked").toBe(true);
        }
        state = link.written;
      }
      expect(state.version - seeded.version).toBe(chain.size);
      expect(countOf(world.credentialOf(user) ?? seeded)).toEqual(countOf(state));
      expect(world.credentialOf(user)?.version).toBe(state.version);
    },
  );
});
